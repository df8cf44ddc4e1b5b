import { toBase64, utf8 } from '../lib/bytes';
import { jsObject, readsFiles } from './js';
import { shellQuote } from './shell';
import { isBase64, isFile, isUtf8, type SnippetInput } from './types';

/**
 * The Alibaba Cloud CLI call of an Advance operation (`aliyun kms <Action> --Param value`);
 * the API takes Aad and blobs as base64.
 */
export function aliyunCliCommand(operation: string, input: SnippetInput): string {
  const parts = [`aliyun kms ${operation}`];
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    let text: string;
    if (typeof value === 'object' && isUtf8(value)) text = shellQuote(toBase64(utf8(value.utf8)));
    else if (typeof value === 'object' && isBase64(value)) text = shellQuote(value.base64);
    else if (typeof value === 'object' && isFile(value))
      text = `"$(base64 -w0 ${shellQuote(value.file)})"`;
    else if (typeof value === 'object') text = shellQuote(JSON.stringify(value));
    else text = shellQuote(String(value));
    parts.push(`--${name} ${text}`);
  }
  return parts.join(' \\\n    ');
}

/** The same call made to KMS Lab's engine, which takes the Alibaba Cloud request shape. */
export function kmsLabCode(operation: string, input: SnippetInput): string {
  const method = operation.charAt(0).toLowerCase() + operation.slice(1);
  return [
    ...(readsFiles(input) ? ["import { readFile } from 'node:fs/promises';"] : []),
    "import { createKms } from '@kms-lab/core';",
    '',
    'const kms = createKms();',
    `const response = await kms.${method}(${jsObject(input, '')});`,
  ].join('\n');
}
