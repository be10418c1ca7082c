/** Saves text or a data URL as a file through a temporary link (the browser's own download). */
export function downloadUrl(filename: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadText(filename: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadUrl(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a scenario name and seed: "drf-paper-seed42.jsonl". */
export function fileName(scenario: string, seed: number, ext: string): string {
  const safe = scenario.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
  return `${safe}-seed${seed}.${ext}`;
}
