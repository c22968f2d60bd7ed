/** Saves text as a file the way a page does: a Blob URL on a clicked `<a download>`. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once the click returns; keep the URL a moment for Firefox.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "websockets-127.0.0.1-2026-12-02T16-40-05" */
export function exportFileName(host: string, at: number, ext: string): string {
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/:/g, '-');
  const safeHost = host.replace(/[^a-z0-9.-]+/gi, '_').slice(0, 60) || 'session';
  return `websockets-${safeHost}-${stamp}.${ext}`;
}
