import { PRIVATE_KEY_INFO, SUBJECT_PUBLIC_KEY_INFO } from '../asn1/der-tree';
import { BytesField } from './BytesField';
import { ROLES } from './roles';

/**
 * How each half of a key pair is shown: PEM label, ASN.1 schema, its role, and a private
 * key masked.
 */
const HALVES = {
  public: {
    pemLabel: 'PUBLIC KEY',
    schema: SUBJECT_PUBLIC_KEY_INFO,
    secret: false,
    role: ROLES.share,
  },
  private: {
    pemLabel: 'PRIVATE KEY',
    schema: PRIVATE_KEY_INFO,
    secret: true,
    role: ROLES.useThenForget,
  },
} as const;

/**
 * A key in a response: a SubjectPublicKeyInfo, or a PKCS #8 PrivateKeyInfo (masked until
 * revealed), as PEM, base64 or hex and its ASN.1 tree.
 */
export function KeyField({
  half,
  field,
  bytes,
  returned,
  fileBase,
  sizeNote,
}: {
  half: keyof typeof HALVES;
  /** The response field's name (PublicKey, PrivateKeyPlaintext…): see BytesField. */
  field: string;
  /** DER. */
  bytes: Uint8Array;
  /** The bytes as the API returned them, when not the DER (see BytesField). */
  returned?: Uint8Array | undefined;
  fileBase: string;
  /** Why the key is this size, said after it (see BytesField). */
  sizeNote?: string | undefined;
}) {
  return (
    <BytesField
      field={field}
      bytes={bytes}
      returned={returned}
      fileBase={fileBase}
      sizeNote={sizeNote}
      {...HALVES[half]}
    />
  );
}
