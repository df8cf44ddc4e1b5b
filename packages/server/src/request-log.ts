/**
 * One line per request: time, method, path, operation, status, duration. Never bodies,
 * headers or query strings, which may carry keys or plaintext; what the client chose
 * (path, operation) is cut short and stripped of anything that could forge a log line.
 */
export interface RequestLogEntry {
  method: string;
  path: string;
  operation: string | undefined;
  status: number;
  ms: number;
  /** With `--log-level debug`: the response's request ID and, for a failure, its error type. */
  requestId?: string | undefined;
  errorType?: string | undefined;
}

const printable = (text: string, max: number) => {
  const clean = text.replace(/[^\x21-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
};

export function formatRequestLog(entry: RequestLogEntry, now = new Date()): string {
  const path = printable(entry.path.split(/[?#]/, 1)[0] ?? '', 100) || '/';
  return [
    now.toISOString(),
    printable(entry.method, 16),
    path,
    printable(entry.operation ?? '-', 64),
    String(entry.status),
    `${entry.ms.toFixed(1)}ms`,
    ...(entry.requestId === undefined ? [] : [`requestId=${printable(entry.requestId, 64)}`]),
    ...(entry.errorType === undefined ? [] : [`error=${printable(entry.errorType, 64)}`]),
  ].join(' ');
}

/** The operation a request names: its X-Amz-Target or its Alibaba route. */
export function operationOf(path: string, target: string | undefined): string | undefined {
  const alibaba = /^\/alibaba\/([^/?#]*)/.exec(path);
  if (alibaba) return alibaba[1] || undefined;
  if (!target) return undefined;
  return target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : target;
}
