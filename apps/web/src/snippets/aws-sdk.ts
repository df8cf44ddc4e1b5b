import { jsObject, readsFiles } from './js';
import type { SnippetInput } from './types';

/** The AWS SDK for JavaScript v3 code of an operation, with the user's inputs. */
export function awsSdkCode(operation: string, input: SnippetInput, region = 'us-east-1'): string {
  const command = `${operation}Command`;
  const lines = [
    ...(readsFiles(input) ? ["import { readFile } from 'node:fs/promises';"] : []),
    `import { KMSClient, ${command} } from '@aws-sdk/client-kms';`,
    '',
    `const client = new KMSClient({ region: '${region}' });`,
    `const response = await client.send(new ${command}(${jsObject(input, '')}));`,
  ];
  return lines.join('\n');
}
