/**
 * Try it's Encrypt then Decrypt as the AWS CLI and the SDK would send them: each to its
 * Region's endpoint when the key is multi-Region (the cross-Region proof), else unnamed.
 */
import { shellQuote } from '../../snippets/shell';

const regionFlag = (region: string | undefined) => (region ? ` --region ${region}` : '');

export function tryItCliCode(
  keyId: string,
  text: string,
  from: string | undefined,
  to: string | undefined,
) {
  return [
    `printf %s ${shellQuote(text)} > plaintext.txt`,
    `aws kms encrypt${regionFlag(from)} --key-id ${shellQuote(keyId)} \\\n    --plaintext fileb://plaintext.txt --query CiphertextBlob --output text | base64 -d > ciphertext.bin`,
    `aws kms decrypt${regionFlag(to)} --key-id ${shellQuote(keyId)} \\\n    --ciphertext-blob fileb://ciphertext.bin --query Plaintext --output text | base64 -d`,
  ].join('\n');
}

export function tryItSdkCode(
  keyId: string,
  text: string,
  from: string | undefined,
  to: string | undefined,
) {
  const regional = from !== undefined && to !== undefined && from !== to;
  return [
    "import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';",
    '',
    `const encrypting = new KMSClient({ region: '${from ?? 'us-east-1'}' });`,
    ...(regional ? [`const decrypting = new KMSClient({ region: '${to}' });`] : []),
    `const KeyId = '${keyId}';`,
    'const { CiphertextBlob } = await encrypting.send(',
    `  new EncryptCommand({ KeyId, Plaintext: new TextEncoder().encode(${JSON.stringify(text)}) }),`,
    ');',
    `const { Plaintext } = await ${regional ? 'decrypting' : 'encrypting'}.send(new DecryptCommand({ KeyId, CiphertextBlob }));`,
    'console.log(new TextDecoder().decode(Plaintext));',
  ].join('\n');
}
