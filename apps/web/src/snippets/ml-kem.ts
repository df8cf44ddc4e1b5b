/**
 * ML-KEM outside the app: the same encapsulation and decapsulation as "Use the pair" does, in
 * Node.js on the PEM files the app downloads. Node's crypto.encapsulate and decapsulate
 * (Node 24.7 and newer, built on OpenSSL 3.5) read the seed-form PKCS #8 AWS returns.
 */
export function nodeEncapsulateDecapsulate(): string {
  return [
    '// Node.js 24.7 or newer (OpenSSL 3.5): save as kem.mjs beside the PEM files, run node kem.mjs',
    "import { decapsulate, encapsulate } from 'node:crypto';",
    "import { readFileSync } from 'node:fs';",
    '',
    "const { sharedKey, ciphertext } = encapsulate(readFileSync('public-key.pem', 'utf8'));",
    "const recovered = decapsulate(readFileSync('private-key.pem', 'utf8'), ciphertext);",
    'console.log(JSON.stringify({',
    '  ciphertextBytes: ciphertext.length,',
    '  secretBytes: sharedKey.length,',
    '  same: sharedKey.equals(recovered),',
    '}));',
  ].join('\n');
}
