/**
 * CiphertextForRecipient: the plaintext in a CMS EnvelopedData (RFC 5652) for the enclave's
 * RSA key, as AWS KMS makes it: one KeyTransRecipientInfo with RSAES-OAEP (SHA-256, MGF1
 * with SHA-256; RFC 8017, parameters per RFC 4055) carrying a fresh AES-256 key, and the
 * content under AES-256-CBC (RFC 3565). The structures are pkijs's; the RSA and AES
 * operations are the injected WebCrypto's. `openssl cms -decrypt -inform DER -inkey
 * enclave.pem` opens it.
 *
 *   ContentInfo ::= SEQUENCE {
 *     contentType ContentType,                    -- id-envelopedData 1.2.840.113549.1.7.3
 *     content [0] EXPLICIT ANY DEFINED BY contentType }
 *   EnvelopedData ::= SEQUENCE {
 *     version CMSVersion,                         -- 2: the recipient is named by key identifier
 *     originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
 *     recipientInfos RecipientInfos,
 *     encryptedContentInfo EncryptedContentInfo,
 *     unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }
 *   KeyTransRecipientInfo ::= SEQUENCE {
 *     version CMSVersion,                         -- always set to 0 or 2
 *     rid RecipientIdentifier,
 *     keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
 *     encryptedKey EncryptedKey }
 *   RecipientIdentifier ::= CHOICE {
 *     issuerAndSerialNumber IssuerAndSerialNumber,
 *     subjectKeyIdentifier [0] SubjectKeyIdentifier }
 *   RSAES-OAEP-params ::= SEQUENCE {
 *     hashAlgorithm      [0] HashAlgorithm     DEFAULT sha1,
 *     maskGenAlgorithm   [1] MaskGenAlgorithm  DEFAULT mgf1SHA1,
 *     pSourceAlgorithm   [2] PSourceAlgorithm  DEFAULT pSpecifiedEmpty }
 *   EncryptedContentInfo ::= SEQUENCE {
 *     contentType ContentType,                    -- id-data 1.2.840.113549.1.7.1
 *     contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier, -- aes256-CBC, IV
 *     encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CryptoProvider } from '../keypairs/types.js';
import type { WebCryptoKey } from '../webcrypto-types.js';

const OID = {
  envelopedData: '1.2.840.113549.1.7.3',
  data: '1.2.840.113549.1.7.1',
  rsaesOaep: '1.2.840.113549.1.1.7',
  mgf1: '1.2.840.113549.1.1.8',
  sha256: '2.16.840.1.101.3.4.2.1',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

const RSA_OAEP_SHA256 = { name: 'RSA-OAEP', hash: 'SHA-256' };

/** The enclave's key, checked to be an RSA key WebCrypto takes for RSAES-OAEP. */
export async function importRecipientKey(
  spki: Uint8Array,
  crypto: CryptoProvider,
): Promise<WebCryptoKey> {
  return crypto.subtle.importKey('spki', spki as BufferSource, RSA_OAEP_SHA256, false, ['encrypt']);
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's bits. */
async function subjectKeyIdentifier(spki: Uint8Array, crypto: CryptoProvider) {
  const info = pkijs.PublicKeyInfo.fromBER(spki as BufferSource);
  const bits = info.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(await crypto.subtle.digest('SHA-1', bits as BufferSource));
}

function oaepSha256Parameters() {
  const sha256 = new pkijs.AlgorithmIdentifier({
    algorithmId: OID.sha256,
    algorithmParams: new asn1js.Null(),
  });
  return new pkijs.RSAESOAEPParams({
    hashAlgorithm: sha256,
    maskGenAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.mgf1,
      algorithmParams: sha256.toSchema(),
    }),
  }).toSchema();
}

/** Envelopes `plaintext` for the holder of the private half of `recipientSpki`. */
export async function envelopeForRecipient(
  recipientSpki: Uint8Array,
  plaintext: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const recipientKey = await importRecipientKey(recipientSpki, crypto);
  const contentKey = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const aesKey = await crypto.subtle.importKey('raw', contentKey, 'AES-CBC', false, ['encrypt']);
  const encryptedContent = await crypto.subtle.encrypt(
    { name: 'AES-CBC', iv },
    aesKey,
    plaintext as BufferSource,
  );
  const encryptedKey = await crypto.subtle.encrypt(RSA_OAEP_SHA256, recipientKey, contentKey);
  contentKey.fill(0);
  const recipient = new pkijs.KeyTransRecipientInfo({
    version: 2,
    rid: new asn1js.OctetString({ valueHex: await subjectKeyIdentifier(recipientSpki, crypto) }),
    keyEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.rsaesOaep,
      algorithmParams: oaepSha256Parameters(),
    }),
    encryptedKey: new asn1js.OctetString({ valueHex: encryptedKey }),
  });
  const enveloped = new pkijs.EnvelopedData({
    version: 2,
    recipientInfos: [new pkijs.RecipientInfo({ variant: 1, value: recipient })],
    encryptedContentInfo: new pkijs.EncryptedContentInfo({
      // DER: one primitive OCTET STRING, not pkijs's default 1024-byte BER chunks.
      disableSplit: true,
      contentType: OID.data,
      contentEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.aes256Cbc,
        algorithmParams: new asn1js.OctetString({ valueHex: iv }),
      }),
      encryptedContent: new asn1js.OctetString({ valueHex: encryptedContent }),
    }),
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.envelopedData,
    content: enveloped.toSchema(),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
