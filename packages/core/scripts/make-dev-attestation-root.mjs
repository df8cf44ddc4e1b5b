// Writes src/attestation/dev-root.ts: KMS Lab's development attestation root, a self-signed
// ECDSA P-384 CA (valid 2026-01-01 to 2046-01-01) and its private key.
//
// THIS IS A PUBLIC TEST CA. Its private key is committed to the repository on purpose, so
// that anyone can make attestation documents that KMS Lab accepts (`kms-lab attestation`,
// `createAttestationDocument`). Trust it only in a development or test KMS, never in
// anything that guards real secrets. Run once; running again makes a different root, and
// documents made under the old one stop verifying.
//
//   node packages/core/scripts/make-dev-attestation-root.mjs
import { webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto });
const algorithm = { name: 'ECDSA', namedCurve: 'P-384' };
const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);

// One attribute: pkijs puts every attribute of a RelativeDistinguishedNames into one RDN.
const name = (commonName) =>
  new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.3',
        value: new asn1js.Utf8String({ value: commonName }),
      }),
    ],
  });
export const ROOT_NAME = 'KMS Lab development attestation root (PUBLIC TEST CA)';

const certificate = new pkijs.Certificate();
certificate.version = 2;
certificate.serialNumber = new asn1js.Integer({ value: 1 });
certificate.subject = name(ROOT_NAME);
certificate.issuer = name(ROOT_NAME);
certificate.notBefore.value = new Date('2026-01-01T00:00:00Z');
certificate.notAfter.value = new Date('2046-01-01T00:00:00Z');
await certificate.subjectPublicKeyInfo.importKey(keys.publicKey, engine);
const keyIdentifier = new Uint8Array(
  await webcrypto.subtle.digest(
    'SHA-1',
    certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
  ),
);
certificate.extensions = [
  new pkijs.Extension({
    extnID: '2.5.29.19',
    critical: true,
    extnValue: new pkijs.BasicConstraints({ cA: true }).toSchema().toBER(false),
  }),
  new pkijs.Extension({
    extnID: '2.5.29.15',
    critical: true,
    // keyCertSign and cRLSign, as the AWS Nitro root.
    extnValue: new asn1js.BitString({ valueHex: new Uint8Array([0x06]), unusedBits: 1 }).toBER(
      false,
    ),
  }),
  new pkijs.Extension({
    extnID: '2.5.29.14',
    extnValue: new asn1js.OctetString({ valueHex: keyIdentifier }).toBER(false),
  }),
];
await certificate.sign(keys.privateKey, 'SHA-384', engine);

const pem = (label, der) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;
const certificatePem = pem('CERTIFICATE', certificate.toSchema().toBER(false));
const keyPem = pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));

const target = new URL('../src/attestation/dev-root.ts', import.meta.url);
writeFileSync(
  target,
  `/**
 * KMS Lab's development attestation root: a PUBLIC TEST CA. Its private key is here, in the
 * package, on purpose: anyone can sign attestation documents that a KMS trusting this root
 * accepts. It exists so that tests and demos can make documents (\`kms-lab attestation\`,
 * \`createAttestationDocument\`) without a Nitro enclave. Never trust it where real secrets
 * are at stake: pass \`createKms({ attestation: { roots: [AWS_NITRO_ENCLAVES_ROOT_PEM] } })\`
 * (or \`kms-lab serve --attestation-roots FILE\`) there.
 *
 * ECDSA P-384, valid 2026-01-01 to 2046-01-01. Written by scripts/make-dev-attestation-root.mjs.
 */
export const DEV_ATTESTATION_ROOT_PEM = \`${certificatePem}\`;

/** The development root's private key (PKCS #8): public, for testing only. */
export const DEV_ATTESTATION_ROOT_PRIVATE_KEY_PEM = \`${keyPem}\`;
`,
);
console.log(`wrote ${target.pathname}`);
