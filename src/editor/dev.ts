/**
 * A standalone page for the editor (editor.html): the EditorPane beside a small live cluster, with a few
 * controls and a share-link stand-in, so the editor can be developed, screenshotted and tested before the
 * app mounts it. Not part of the app.
 *
 * The share link here is `#code=<base64url of {"tabs": [{id, role, code}]}>`; the app's own link carries
 * the same tabs in its `code` field (share.ts).
 */
import { mount } from 'svelte';
import type { TraceEvent } from '../cluster/trace';
import { parseScenario } from '../cluster/scenario/validate';
import { createClusterClient } from '../workers/client';
import type { ClusterStatus } from '../workers/types';
import DevPage from './DevPage.svelte';
import { ShareHub, type EditorShareState } from './share';

const scenario = parseScenario({
  name: 'editor-dev',
  description: 'Three agents on two racks, a built-in service and a batch framework, for an hour.',
  seed: 1,
  until: 3600,
  agents: [
    { id: 'agent1', resources: 'cpus:4;mem:4096', attributes: { rack: 'r1' } },
    { id: 'agent2', resources: 'cpus:4;mem:4096', attributes: { rack: 'r1' } },
    { id: 'agent3', resources: 'cpus:4;mem:4096', attributes: { rack: 'r2' } },
  ],
  frameworks: [
    {
      id: 'web',
      roles: ['web'],
      scheduler: {
        builtin: 'service',
        instances: 3,
        task: { resources: 'cpus:1;mem:512', command: 'sleep 3600' },
      },
    },
    {
      id: 'batch',
      roles: ['batch'],
      scheduler: {
        builtin: 'batch',
        tasks: 40,
        maxTasksPerOffer: 2,
        refuseSeconds: 2,
        task: { resources: 'cpus:0.5;mem:256', command: 'sleep 10' },
      },
    },
  ],
});

const toBase64Url = (text: string): string =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromBase64Url = (text: string): string =>
  new TextDecoder().decode(
    Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
  );

/** The page's share-link stand-in reads the editor's tabs from here and puts a link's code in. */
const share = new ShareHub();

export function shareLink(): string {
  const state = share.editorState() ?? { tabs: [] };
  return `${location.origin}${location.pathname}#code=${toBase64Url(JSON.stringify(state))}`;
}

const hash = location.hash.startsWith('#code=') ? location.hash.slice('#code='.length) : null;
if (hash) {
  try {
    share.apply(JSON.parse(fromBase64Url(hash)) as EditorShareState);
  } catch (e) {
    console.error('the share link could not be read', e);
  }
}

const client = createClusterClient();
const trace: TraceEvent[] = [];
let status: ClusterStatus | null = null;
client.onTrace((events) => trace.push(...events));
client.onStatus((s) => (status = s));

/** Read-only hooks for the end-to-end tests. */
declare global {
  interface Window {
    __editorDev?: {
      actions(): unknown[];
      trace(): TraceEvent[];
      status(): ClusterStatus | null;
      shareLink(): string;
    };
  }
}
window.__editorDev = { actions: () => client.actions(), trace: () => trace, status: () => status, shareLink };

const params = new URLSearchParams(location.search);
const speed = Number(params.get('speed') ?? '1');
await client.start(scenario, { play: true, speed: Number.isFinite(speed) && speed > 0 ? speed : 1 });

const target = document.getElementById('editor-dev');
if (!target) throw new Error('editor.html has no #editor-dev element');
mount(DevPage, { target, props: { client, scenario, shareLink, share } });
