/**
 * The response's plaintext field or, with a Recipient, CiphertextForRecipient in its place.
 * Apart from recipient.ts so that the operations import no pkijs: that loads on first use.
 */
import type { AttestedRecipient } from './recipient.js';

/**
 * The response's plaintext field: `{ [field]: plaintext }` without a Recipient, and with
 * one `{ CiphertextForRecipient }` instead, as AWS leaves the plaintext field out.
 */
export async function plaintextFor<F extends string>(
  recipient: AttestedRecipient | undefined,
  field: F,
  plaintext: Uint8Array,
): Promise<Partial<Record<F | 'CiphertextForRecipient', Uint8Array>>> {
  const output: Partial<Record<string, Uint8Array>> = recipient
    ? { CiphertextForRecipient: await recipient.seal(plaintext) }
    : { [field]: plaintext };
  return output as Partial<Record<F | 'CiphertextForRecipient', Uint8Array>>;
}
