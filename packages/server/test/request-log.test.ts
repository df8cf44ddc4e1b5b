import { describe, expect, it } from 'vitest';
import { formatRequestLog, operationOf } from '../src/request-log.js';

describe('request log lines', () => {
  const at = new Date('2026-01-01T00:00:00Z');

  it('name the method, path, operation, status and time', () => {
    const line = formatRequestLog(
      { method: 'POST', path: '/', operation: 'Decrypt', status: 200, ms: 3.125 },
      at,
    );
    expect(line).toBe('2026-01-01T00:00:00.000Z POST / Decrypt 200 3.1ms');
  });

  it('cannot be split or forged by what the client sends, and leave out query strings', () => {
    const line = formatRequestLog(
      {
        method: 'POST',
        path: '/alibaba/x\n2026-01-01T00:00:00.000Z POST / Forged 200 1.0ms?Plaintext=secret',
        operation: 'Bad\r\nOperation',
        status: 404,
        ms: 1,
      },
      at,
    );
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toContain('secret');
    expect(line).toContain('Bad??Operation');
    const long = formatRequestLog(
      { method: 'POST', path: `/${'a'.repeat(500)}`, operation: undefined, status: 404, ms: 1 },
      at,
    );
    expect(long.length).toBeLessThan(200);
  });

  it('take the operation from X-Amz-Target or the Alibaba route', () => {
    expect(operationOf('/', 'TrentService.GenerateDataKeyPair')).toBe('GenerateDataKeyPair');
    expect(operationOf('/alibaba/AdvanceDecrypt', undefined)).toBe('AdvanceDecrypt');
    expect(operationOf('/', undefined)).toBeUndefined();
  });
});
