/**
 * What the enclave does with CiphertextForRecipient: reads the CMS EnvelopedData (RFC 5652)
 * with pkijs, checks it is addressed to its own key (the subjectKeyIdentifier) with the
 * algorithms AWS KMS uses, unwraps the AES-256 content key with RSAES-OAEP SHA-256 under its
 * non-extractable private CryptoKey, and decrypts the content with AES-256-CBC (RFC 3565).
 * WebCrypto does the cryptography; `openssl cms -decrypt` does the same with a PEM key.
 * The CMS ASN.1 is in asn1/cms-schema.ts.
 */
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  envelopedData: '1.2.840.113549.1.7.3',
  rsaesOaep: '1.2.840.113549.1.1.7',
  mgf1: '1.2.840.113549.1.1.8',
  sha256: '2.16.840.1.101.3.4.2.1',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

/** A CiphertextForRecipient that is not for this enclave, or not as KMS makes it. */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

const octets = (value: unknown) => (value as asn1js.OctetString).valueBlock.valueHexView;

function equal(a: Uint8Array, b: Uint8Array) {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's bits. */
export async function subjectKeyIdentifier(spki: Uint8Array): Promise<Uint8Array> {
  const info = pkijs.PublicKeyInfo.fromBER(spki as BufferSource);
  const bits = info.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(await crypto.subtle.digest('SHA-1', bits as BufferSource));
}

function readEnvelope(der: Uint8Array) {
  let info: pkijs.ContentInfo;
  try {
    info = pkijs.ContentInfo.fromBER(der as BufferSource);
  } catch (error) {
    throw new EnvelopeError(`It is not a DER CMS ContentInfo (${(error as Error).message}).`);
  }
  if (info.contentType !== OID.envelopedData)
    throw new EnvelopeError(`Its content type is ${info.contentType}, not id-envelopedData.`);
  const enveloped = new pkijs.EnvelopedData({ schema: info.content });
  const [recipient, ...others] = enveloped.recipientInfos;
  if (!recipient || others.length > 0 || recipient.variant !== 1)
    throw new EnvelopeError('It must have exactly one KeyTransRecipientInfo, as KMS writes it.');
  return { enveloped, recipient: recipient.value as pkijs.KeyTransRecipientInfo };
}

function checkOaepSha256(algorithm: pkijs.AlgorithmIdentifier) {
  if (algorithm.algorithmId !== OID.rsaesOaep)
    throw new EnvelopeError(`The key is wrapped with ${algorithm.algorithmId}, not RSAES-OAEP.`);
  const params = new pkijs.RSAESOAEPParams({ schema: algorithm.algorithmParams });
  const mgfHash = new pkijs.AlgorithmIdentifier({
    schema: params.maskGenAlgorithm.algorithmParams,
  });
  if (
    params.hashAlgorithm.algorithmId !== OID.sha256 ||
    params.maskGenAlgorithm.algorithmId !== OID.mgf1 ||
    mgfHash.algorithmId !== OID.sha256
  )
    throw new EnvelopeError('RSAES-OAEP must use SHA-256 and MGF1 with SHA-256.');
}

/** The content's bytes: one OCTET STRING as KMS writes it, or BER chunks joined. */
function encryptedContentOf(info: pkijs.EncryptedContentInfo): Uint8Array {
  const content = info.encryptedContent;
  if (!content) throw new EnvelopeError('It has no encryptedContent.');
  if (!content.idBlock.isConstructed) return content.valueBlock.valueHexView;
  return new Uint8Array(info.getEncryptedContent());
}

export interface OpenedEnvelope {
  /** The plaintext KMS enveloped: the caller wipes it once used. */
  plaintext: Uint8Array;
  /** The rid named this enclave's key by its subjectKeyIdentifier. */
  recipientMatches: true;
}

/** Opens CiphertextForRecipient with the enclave's private key; EnvelopeError says what is wrong. */
export async function openEnvelope(
  der: Uint8Array,
  privateKey: CryptoKey,
  ownSpki: Uint8Array,
): Promise<OpenedEnvelope> {
  const { enveloped, recipient } = readEnvelope(der);
  if (recipient.rid instanceof pkijs.IssuerAndSerialNumber)
    throw new EnvelopeError(
      'It names its recipient by certificate; KMS names it by key identifier.',
    );
  if (!equal(octets(recipient.rid), await subjectKeyIdentifier(ownSpki)))
    throw new EnvelopeError(
      "Its recipient identifier is not this enclave's key: it was made for another attestation document.",
    );
  checkOaepSha256(recipient.keyEncryptionAlgorithm);
  const contentInfo = enveloped.encryptedContentInfo;
  const cipher = contentInfo.contentEncryptionAlgorithm;
  if (cipher.algorithmId !== OID.aes256Cbc)
    throw new EnvelopeError(
      `The content is encrypted with ${cipher.algorithmId}, not AES-256-CBC.`,
    );
  const iv = octets(cipher.algorithmParams);
  if (iv.length !== 16) throw new EnvelopeError('The AES-256-CBC IV must be 16 bytes.');

  let contentKey: Uint8Array;
  try {
    contentKey = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'RSA-OAEP' },
        privateKey,
        recipient.encryptedKey.valueBlock.valueHexView as BufferSource,
      ),
    );
  } catch {
    throw new EnvelopeError('RSAES-OAEP could not unwrap the content key with this enclave key.');
  }
  try {
    const aesKey = await crypto.subtle.importKey(
      'raw',
      contentKey as BufferSource,
      'AES-CBC',
      false,
      ['decrypt'],
    );
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-CBC', iv: iv as BufferSource },
      aesKey,
      encryptedContentOf(contentInfo) as BufferSource,
    );
    return { plaintext: new Uint8Array(plaintext), recipientMatches: true };
  } catch (error) {
    if (error instanceof EnvelopeError) throw error;
    throw new EnvelopeError('AES-256-CBC could not decrypt the content (its padding is wrong).');
  } finally {
    contentKey.fill(0);
  }
}
