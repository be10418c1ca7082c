import type { ShareLink } from '../state/ShareLink.svelte';

/**
 * Writes the link to what is on screen into the address bar and copies it; 'failed' when the clipboard
 * refused (the link is still in the address bar to copy by hand).
 */
export async function copyLink(share: ShareLink): Promise<'ok' | 'failed'> {
  const url = await share.write();
  try {
    await navigator.clipboard.writeText(url);
    return 'ok';
  } catch {
    return 'failed';
  }
}
