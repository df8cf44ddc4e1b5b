/**
 * The schema of CiphertextForRecipient for the ASN.1 view: a CMS ContentInfo holding an
 * EnvelopedData (RFC 5652) with one KeyTransRecipientInfo, RSAES-OAEP parameters as RFC 4055
 * writes them, and AES-256-CBC content (RFC 3565). The ASN.1, from those RFCs:
 *
 *   ContentInfo ::= SEQUENCE {
 *     contentType ContentType,
 *     content [0] EXPLICIT ANY DEFINED BY contentType }
 *   EnvelopedData ::= SEQUENCE {
 *     version CMSVersion,
 *     originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
 *     recipientInfos RecipientInfos,
 *     encryptedContentInfo EncryptedContentInfo,
 *     unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }
 *   KeyTransRecipientInfo ::= SEQUENCE {
 *     version CMSVersion,  -- always set to 0 or 2
 *     rid RecipientIdentifier,
 *     keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
 *     encryptedKey EncryptedKey }
 *   RecipientIdentifier ::= CHOICE {
 *     issuerAndSerialNumber IssuerAndSerialNumber,
 *     subjectKeyIdentifier [0] SubjectKeyIdentifier }
 *   RSAES-OAEP-params ::= SEQUENCE {
 *     hashAlgorithm      [0] HashAlgorithm    DEFAULT sha1,
 *     maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
 *     pSourceAlgorithm   [2] PSourceAlgorithm DEFAULT pSpecifiedEmpty }
 *   EncryptedContentInfo ::= SEQUENCE {
 *     contentType ContentType,
 *     contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
 *     encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
 */
import type { Field } from './der-tree';

/** The OIDs of CMS that core's OID table (keys and signatures) does not name. */
export const CMS_OID_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.7.3': 'id-envelopedData',
  '1.2.840.113549.1.7.1': 'id-data',
  '1.2.840.113549.1.1.8': 'id-mgf1',
  '2.16.840.1.101.3.4.1.42': 'aes256-CBC',
};

const hashAlgorithm = (name: string, typeName: string): Field => ({
  name,
  typeName,
  fields: [{ name: 'algorithm' }, { name: 'parameters' }],
});

const RSAES_OAEP_PARAMS: Field = {
  name: 'parameters',
  typeName: 'RSAES-OAEP-params',
  fields: [
    {
      name: 'hashAlgorithm',
      contextTag: 0,
      inner: hashAlgorithm('hashAlgorithm', 'HashAlgorithm'),
    },
    {
      name: 'maskGenAlgorithm',
      contextTag: 1,
      inner: {
        name: 'maskGenAlgorithm',
        typeName: 'MaskGenAlgorithm',
        fields: [{ name: 'algorithm' }, hashAlgorithm('parameters', 'HashAlgorithm')],
      },
    },
    { name: 'pSourceAlgorithm', contextTag: 2 },
  ],
};

const KEY_TRANS_RECIPIENT_INFO: Field = {
  name: 'KeyTransRecipientInfo',
  fields: [
    { name: 'version', typeName: 'CMSVersion' },
    {
      name: 'rid',
      choice: [
        {
          name: 'rid',
          typeName: 'subjectKeyIdentifier [0] SubjectKeyIdentifier',
          contextTag: 0,
          note: "SHA-1 of the enclave public key's bits (RFC 5280 §4.2.1.2)",
        },
        {
          name: 'rid',
          typeName: 'IssuerAndSerialNumber',
          universalTag: 16,
          fields: [{ name: 'issuer' }, { name: 'serialNumber' }],
        },
      ],
    },
    {
      name: 'keyEncryptionAlgorithm',
      typeName: 'KeyEncryptionAlgorithmIdentifier',
      fields: [{ name: 'algorithm' }, RSAES_OAEP_PARAMS],
    },
    {
      name: 'encryptedKey',
      typeName: 'EncryptedKey',
      note: 'the AES-256 content-encryption key under RSAES-OAEP',
    },
  ],
};

const ENCRYPTED_CONTENT_INFO: Field = {
  name: 'encryptedContentInfo',
  typeName: 'EncryptedContentInfo',
  fields: [
    { name: 'contentType', typeName: 'ContentType' },
    {
      name: 'contentEncryptionAlgorithm',
      typeName: 'ContentEncryptionAlgorithmIdentifier',
      fields: [{ name: 'algorithm' }, { name: 'parameters', note: 'the IV (RFC 3565)' }],
    },
    {
      name: 'encryptedContent',
      typeName: '[0] IMPLICIT EncryptedContent',
      contextTag: 0,
      note: 'the plaintext under AES-256-CBC',
    },
  ],
};

const ENVELOPED_DATA: Field = {
  name: 'EnvelopedData',
  fields: [
    { name: 'version', typeName: 'CMSVersion' },
    { name: 'originatorInfo', contextTag: 0 },
    { name: 'recipientInfos', typeName: 'RecipientInfos', fields: [KEY_TRANS_RECIPIENT_INFO] },
    ENCRYPTED_CONTENT_INFO,
    { name: 'unprotectedAttrs', contextTag: 1 },
  ],
};

export const CMS_CONTENT_INFO: Field = {
  name: 'ContentInfo',
  fields: [
    { name: 'contentType', typeName: 'ContentType' },
    { name: 'content', typeName: '[0] EXPLICIT', contextTag: 0, inner: ENVELOPED_DATA },
  ],
};
