import { ownBytes } from './bytes';

/** Saves bytes or text as a file through a temporary blob: URL (allowed by the CSP). */
export function download(fileName: string, content: Uint8Array | string, type?: string): void {
  const blob =
    typeof content === 'string'
      ? new Blob([content], { type: type ?? 'text/plain' })
      : new Blob([ownBytes(content)], { type: type ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
