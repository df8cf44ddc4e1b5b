/**
 * RSASSA-PSS and RSASSA-PKCS1-v1_5 for RSA KMS keys; signatures are raw, as long as the modulus.
 * MessageType RAW goes through WebCrypto; DIGEST through emsa.ts and rsa-primitive.ts, since
 * WebCrypto only signs messages it hashes itself.
 */
import { sameBytes } from '../der/asn1.js';
import { decodeRsaPrivateKey, decodeRsaPublicKey } from '../der/rsa-key.js';
import { randomBytes, randomSource, webCryptoBytes, webCryptoVerifies } from '../keypairs/bytes.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { SigningAlgorithmSpec } from '../model/types.generated.js';
import type { PrivateKeyAccess } from './access.js';
import {
  emsaPkcs1v15Encode,
  emsaPssEncode,
  emsaPssVerify,
  RSA_HASHES,
  type RsaHash,
} from './emsa.js';
import { readPrivateKey } from './keys.js';
import { publicKeyOf } from './public-keys.js';
import {
  i2osp,
  os2ip,
  rsaPrivateNumbers,
  rsaPublicNumbers,
  rsasp1,
  rsavp1,
} from './rsa-primitive.js';
import { type MessageType, type RsaKeySpec, type ShaName, shaOf } from './specs.js';

interface RsaScheme {
  name: 'RSA-PSS' | 'RSASSA-PKCS1-v1_5';
  hash: ShaName;
  rsaHash: RsaHash;
  /** The name its CryptoKeys are cached by, e.g. 'RSA-PSS/SHA-256'. */
  keyName: string;
}

function newScheme(algorithm: SigningAlgorithmSpec): RsaScheme {
  const hash = shaOf(algorithm);
  if (algorithm.startsWith('RSASSA_PSS_')) {
    return { name: 'RSA-PSS', hash, rsaHash: RSA_HASHES[hash], keyName: `RSA-PSS/${hash}` };
  }
  if (algorithm.startsWith('RSASSA_PKCS1_V1_5_')) {
    const name = 'RSASSA-PKCS1-v1_5';
    return { name, hash, rsaHash: RSA_HASHES[hash], keyName: `${name}/${hash}` };
  }
  throw new Error(`${algorithm} is not an RSA signing algorithm`);
}

/** Each algorithm's scheme, made on first use: every Sign and Verify asks for one. */
const SCHEMES = new Map<SigningAlgorithmSpec, RsaScheme>();

function schemeOf(algorithm: SigningAlgorithmSpec): RsaScheme {
  let scheme = SCHEMES.get(algorithm);
  if (scheme === undefined) {
    scheme = newScheme(algorithm);
    SCHEMES.set(algorithm, scheme);
  }
  return scheme;
}

/**
 * AWS KMS key spec reference, RSASSA_PSS_SHA_256: "RSA signature with PSS padding using SHA-256
 * for both the message digest and the MGF1 generator function along with a 256-bit salt".
 */
const saltLength = (scheme: RsaScheme): number => scheme.rsaHash.hash.outputLen;

/** WebCrypto's sign and verify parameters: PSS takes its salt length. */
const operationParams = (scheme: RsaScheme): RsaPssParams | Algorithm =>
  scheme.name === 'RSA-PSS'
    ? { name: scheme.name, saltLength: saltLength(scheme) }
    : { name: scheme.name };

export async function signRsa(
  spec: RsaKeySpec,
  access: PrivateKeyAccess,
  algorithm: SigningAlgorithmSpec,
  messageType: MessageType,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const scheme = schemeOf(algorithm);
  if (messageType === 'RAW') {
    const key = await access.webCryptoKey(
      scheme.keyName,
      { name: scheme.name, hash: scheme.hash },
      ['sign'],
    );
    return new Uint8Array(
      await crypto.subtle.sign(operationParams(scheme), key, webCryptoBytes(message)),
    );
  }
  const numbers = rsaPrivateNumbers(
    decodeRsaPrivateKey((await readPrivateKey(spec, access)).privateKey),
  );
  const encoded =
    scheme.name === 'RSA-PSS'
      ? // 9.1.1 takes emBits = modBits - 1, so EM is always below n.
        emsaPssEncode(
          message,
          numbers.modulusBits - 1,
          scheme.rsaHash,
          randomBytes(crypto, saltLength(scheme)),
        )
      : emsaPkcs1v15Encode(message, numbers.k, scheme.rsaHash);
  return i2osp(rsasp1(numbers, os2ip(encoded), randomSource(crypto)), numbers.k);
}

/** False for any signature that does not verify, including malformed ones. */
export async function verifyRsa(
  spec: RsaKeySpec,
  spki: Uint8Array,
  algorithm: SigningAlgorithmSpec,
  messageType: MessageType,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  const scheme = schemeOf(algorithm);
  const key = publicKeyOf(spec, spki, crypto);
  if (messageType === 'RAW') {
    // As keypairs/rsa.ts verifies, with the SPKI imported once per key and scheme.
    const cryptoKey = await key.webCryptoKey(
      scheme.keyName,
      'spki',
      { name: scheme.name, hash: scheme.hash },
      ['verify'],
    );
    return webCryptoVerifies(crypto, operationParams(scheme), cryptoKey, signature, message);
  }
  const numbers = rsaPublicNumbers(decodeRsaPublicKey(key.info.publicKey));
  // RFC 8017, 8.1.2 and 8.2.2 step 1: the signature must be exactly k bytes.
  if (signature.length !== numbers.k) return false;
  try {
    const m = rsavp1(numbers, os2ip(signature));
    if (scheme.name === 'RSA-PSS') {
      const emBits = numbers.modulusBits - 1;
      const em = i2osp(m, Math.ceil(emBits / 8));
      return emsaPssVerify(message, em, emBits, scheme.rsaHash, saltLength(scheme));
    }
    // 8.2.2 steps 3-4: encode the expected EM and compare whole encodings.
    const expected = emsaPkcs1v15Encode(message, numbers.k, scheme.rsaHash);
    return sameBytes(i2osp(m, numbers.k), expected);
  } catch {
    return false;
  }
}
