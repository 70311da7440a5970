// Saving and opening files with the browser's own File API: works the same in Electron's sandboxed
// renderer and in a plain browser, and needs no Node.

export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has been handed to the browser synchronously; revoking on the next turn is safe.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function mimeFor(fileName: string): string {
  if (fileName.endsWith('.json')) return 'application/json';
  if (fileName.endsWith('.md')) return 'text/markdown';
  return 'text/plain';
}
