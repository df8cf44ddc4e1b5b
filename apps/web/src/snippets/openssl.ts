import { shellQuote } from './shell';

/**
 * The OpenSSL 3 commands that do what "Use the pair" does, on the PEM files the app
 * downloads (public-key.pem, private-key.pem). AWS KMS has no call for this: the data key
 * pair is used outside KMS, which is the point of envelope encryption.
 */

const DIGESTS: Readonly<Record<string, string>> = {
  ECDSA_SHA_256: 'sha256',
  ECDSA_SHA_384: 'sha384',
  ECDSA_SHA_512: 'sha512',
  RSASSA_PKCS1_V1_5_SHA_256: 'sha256',
  RSASSA_PKCS1_V1_5_SHA_384: 'sha384',
  RSASSA_PKCS1_V1_5_SHA_512: 'sha512',
  RSASSA_PSS_SHA_256: 'sha256',
  RSASSA_PSS_SHA_384: 'sha384',
  RSASSA_PSS_SHA_512: 'sha512',
};

/** AWS's RSASSA-PSS uses a salt as long as the digest. */
const PSS_OPTIONS = '-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest';
/** GB/T 32918's default distinguishing identifier, which core uses too. */
const SM2_ID = '-pkeyopt distid:1234567812345678';

const writeFile = (file: string, text: string) => `printf '%s' ${shellQuote(text)} > ${file}`;

/** Sign `message`, then verify the signature, as the Sign and Verify buttons do. */
export function opensslSignVerify(algorithm: string, message: string): string | undefined {
  const lines = [writeFile('message.txt', message)];
  const digest = DIGESTS[algorithm];
  if (digest) {
    const pss = algorithm.startsWith('RSASSA_PSS') ? ` ${PSS_OPTIONS}` : '';
    lines.push(
      `openssl dgst -${digest} -sign private-key.pem${pss} -out signature.bin message.txt`,
      `openssl dgst -${digest} -verify public-key.pem${pss} -signature signature.bin message.txt`,
    );
  } else if (algorithm === 'ED25519_SHA_512') {
    lines.push(
      'openssl pkeyutl -sign -rawin -inkey private-key.pem -in message.txt -out signature.bin',
      'openssl pkeyutl -verify -rawin -pubin -inkey public-key.pem -in message.txt -sigfile signature.bin',
    );
  } else if (algorithm === 'SM2DSA') {
    lines.push(
      `openssl pkeyutl -sign -rawin -digest sm3 ${SM2_ID} -inkey private-key.pem -in message.txt -out signature.bin`,
      `openssl pkeyutl -verify -rawin -digest sm3 ${SM2_ID} -pubin -inkey public-key.pem -in message.txt -sigfile signature.bin`,
    );
  } else return undefined;
  lines.push('base64 -w0 signature.bin');
  return lines.join('\n');
}

const OAEP: Readonly<Record<string, string>> = {
  RSAES_OAEP_SHA_256: 'sha256',
  RSAES_OAEP_SHA_1: 'sha1',
};

/** Encrypt `plaintext` to the public key, then decrypt it with the private key. */
export function opensslEncryptDecrypt(algorithm: string, plaintext: string): string | undefined {
  const hash = OAEP[algorithm];
  const options = hash
    ? ` -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${hash} -pkeyopt rsa_mgf1_md:${hash}`
    : algorithm === 'SM2PKE'
      ? ''
      : undefined;
  if (options === undefined) return undefined;
  return [
    writeFile('plaintext.txt', plaintext),
    `openssl pkeyutl -encrypt -pubin -inkey public-key.pem${options} -in plaintext.txt -out ciphertext.bin`,
    `openssl pkeyutl -decrypt -inkey private-key.pem${options} -in ciphertext.bin`,
  ].join('\n');
}
