// The WebCrypto paths on @peculiar/webcrypto as well as Node's own WebCrypto: what works with
// one provider must work with any, since browsers differ from Node too.
import {
  constants,
  createHash,
  createHmac,
  diffieHellman,
  generateKeyPairSync,
  verify as nodeVerify,
  publicEncrypt,
} from 'node:crypto';
import { Crypto as PeculiarCrypto } from '@peculiar/webcrypto';
import { describe, expect, it } from 'vitest';
import {
  decrypt,
  deriveSharedSecret,
  generateKmsKeyMaterial,
  generateMac,
  privateKeyAccessFromBytes,
  sign,
} from '../src/kms-keys/index.js';
import { nodePublicKey, utf8 } from './support/kms-keys.js';

const peculiar = new PeculiarCrypto();

describe('kms-keys on @peculiar/webcrypto', () => {
  it('RSA-PSS RAW and DIGEST signatures and RSA-OAEP decryption', async () => {
    const { publicKey, privateKey } = await generateKmsKeyMaterial('RSA_2048', peculiar);
    const access = privateKeyAccessFromBytes(privateKey as Uint8Array, peculiar);
    const message = utf8('peculiar RSA');
    const digest = new Uint8Array(createHash('sha384').update(message).digest());
    const key = {
      key: nodePublicKey(publicKey),
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 48,
    };
    for (const [type, bytes] of [
      ['RAW', message],
      ['DIGEST', digest],
    ] as const) {
      const signature = await sign('RSA_2048', access, 'RSASSA_PSS_SHA_384', type, bytes, peculiar);
      expect(nodeVerify('sha384', message, key, signature)).toBe(true);
    }
    const ciphertext = publicEncrypt(
      {
        key: nodePublicKey(publicKey),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha1',
      },
      message,
    );
    expect(await decrypt('RSA_2048', access, 'RSAES_OAEP_SHA_1', ciphertext, peculiar)).toEqual(
      message,
    );
  });

  it('ECDSA P-384 signatures, P-521 ECDH, Ed25519 and HMAC', async () => {
    const ec = await generateKmsKeyMaterial('ECC_NIST_P384', peculiar);
    const message = utf8('peculiar EC');
    const ecAccess = privateKeyAccessFromBytes(ec.privateKey, peculiar);
    const signature = await sign(
      'ECC_NIST_P384',
      ecAccess,
      'ECDSA_SHA_384',
      'RAW',
      message,
      peculiar,
    );
    const der = { key: nodePublicKey(ec.publicKey), dsaEncoding: 'der' } as const;
    expect(nodeVerify('sha384', message, der, signature)).toBe(true);

    const p521 = await generateKmsKeyMaterial('ECC_NIST_P521', peculiar);
    const peer = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
    const peerSpki = new Uint8Array(peer.publicKey.export({ format: 'der', type: 'spki' }));
    const access = privateKeyAccessFromBytes(p521.privateKey, peculiar);
    expect(await deriveSharedSecret('ECC_NIST_P521', access, peerSpki, peculiar)).toEqual(
      new Uint8Array(
        diffieHellman({ privateKey: peer.privateKey, publicKey: nodePublicKey(p521.publicKey) }),
      ),
    );

    const ed = await generateKmsKeyMaterial('ECC_NIST_EDWARDS25519', peculiar);
    const edAccess = privateKeyAccessFromBytes(ed.privateKey, peculiar);
    const edSignature = await sign(
      'ECC_NIST_EDWARDS25519',
      edAccess,
      'ED25519_SHA_512',
      'RAW',
      message,
      peculiar,
    );
    expect(nodeVerify(null, message, nodePublicKey(ed.publicKey), edSignature)).toBe(true);

    const hmac = await generateKmsKeyMaterial('HMAC_512', peculiar);
    const hmacAccess = privateKeyAccessFromBytes(hmac.privateKey, peculiar);
    expect(await generateMac('HMAC_512', hmacAccess, 'HMAC_SHA_512', message, peculiar)).toEqual(
      new Uint8Array(createHmac('sha512', hmac.privateKey).update(message).digest()),
    );
  });
});
