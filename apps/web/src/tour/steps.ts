/**
 * The "Start here" tour's script: six steps of envelope encryption, each with the diagram
 * parts it lights, when it is done, and what it says, before ("what to do, and why") and
 * after ("what happened, with your values, and why"), two or three sentences each. Data and
 * pure functions only: the tour panel renders them, and a presenter mode can too.
 */
import { dataCiphertext, kemCiphertext, sealText, type TourFacts } from './facts';

/** The parts of the envelope diagram (EnvelopeDiagram.tsx). */
export type DiagramPart =
  | 'master-key'
  | 'data-key-pair'
  | 'public-key'
  | 'private-key'
  | 'encrypted-private-key'
  | 'data';

export type TourStepId =
  | 'create-master-key'
  | 'generate-pair'
  | 'use-public-key'
  | 'store-blob'
  | 'decrypt-blob'
  | 'use-private-key';

export interface TourStep {
  id: TourStepId;
  title: string;
  parts: readonly DiagramPart[];
  done(facts: TourFacts): boolean;
  todo(facts: TourFacts): string;
  /** `recovered`: the data the private key gave back, kept in the tour's memory only. */
  happened(facts: TourFacts, recovered?: string): string;
}

/** The spec and operation the tour's own step 2 asks for: RSA encrypts and signs. */
export const TOUR_SPEC = 'RSA_2048';
export const TOUR_OPERATION = 'GenerateDataKeyPairWithoutPlaintext';
export const TOUR_CONTEXT: Readonly<Record<string, string>> = { purpose: 'start-here' };

/** "an RSA_2048", "a D…": the article as the spec's first letter is spoken. */
const anOrA = (spec: string) => (/^[AEFHILMNORSX]/.test(spec) ? `an ${spec}` : `a ${spec}`);

const bytes = (data: Uint8Array | string | undefined) =>
  typeof data === 'string' ? Math.floor((data.replace(/=+$/, '').length * 3) / 4) : data?.length;

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'create-master-key',
    title: 'Create a master key',
    parts: ['master-key'],
    done: (facts) => facts.masterKey !== undefined,
    todo: () =>
      'Create a symmetric master key in KMS: it is the key of every envelope. It never leaves KMS, so you will only ever name it in requests.',
    happened: ({ masterKey }) =>
      `KMS made the master key ${masterKey?.name} (key ID ${masterKey?.keyId}). Its key material stays inside KMS (here, a non-extractable CryptoKey in IndexedDB): requests name it, nobody reads it.`,
  },
  {
    id: 'generate-pair',
    title: 'Generate a data key pair',
    parts: ['data-key-pair', 'public-key', 'encrypted-private-key', 'private-key'],
    done: (facts) => facts.pair !== undefined,
    todo: ({ masterKey }) =>
      `Ask KMS for a data key pair under ${masterKey?.name ?? 'the master key'}: ${TOUR_OPERATION} makes ${anOrA(TOUR_SPEC)} pair and returns its public key and its private key encrypted under the master key. The plaintext private key is never sent, so nobody holds it yet.`,
    happened: ({ pair, privateKeyInTab }) => {
      if (!pair) return '';
      const plaintext = !pair.withPlaintext
        ? 'No plaintext private key was returned: nobody holds it yet.'
        : privateKeyInTab
          ? 'The response also held the plaintext private key, which this tab keeps in memory only.'
          : 'The response also held the plaintext private key; this tab no longer has it.';
      return `${pair.operation} made ${anOrA(pair.spec)} pair (History entry #${pair.historyId}): a ${pair.publicKey.length}-byte public key and a ${pair.blob.length}-byte encrypted private key, sealed with ${sealText(pair)}. ${plaintext}`;
    },
  },
  {
    id: 'use-public-key',
    title: 'Encrypt with the public key',
    parts: ['public-key', 'data'],
    done: (facts) => facts.publicKeyUse !== undefined,
    todo: ({ pair }) =>
      pair?.encapsulates
        ? `${anOrA(pair.spec).replace(/^a/, 'A')} pair does not encrypt: its public key encapsulates. Encapsulate to it: you get a fresh 32-byte shared secret, the key that would encrypt your data (AES-256-GCM, say), and a ciphertext that only the private key turns back into that secret. Anyone holding the public key can do this, with no KMS request.`
        : pair && !pair.encryptionAlgorithm
          ? `${anOrA(pair.spec).replace(/^a/, 'A')} pair signs rather than encrypts: its public key checks what the private key signs. Generate ${anOrA(TOUR_SPEC)} pair to encrypt, or sign on the Use the pair screen and verify there.`
          : `Encrypt your data to the public key with ${pair?.encryptionAlgorithm ?? 'RSAES_OAEP_SHA_256'}. Anyone you share the public key with can do this: no KMS request and no secret are needed.`,
    happened: ({ publicKeyUse }) =>
      publicKeyUse?.kind === 'encapsulate'
        ? `Encapsulation with the public key alone made a 32-byte shared secret (SHA-256 ${publicKeyUse.secretFingerprint ?? '…'}) and a ${bytes(publicKeyUse.outputBase64)}-byte ciphertext. The secret encrypts your data; the ciphertext goes beside it, and only the matching private key gets the secret back.`
        : publicKeyUse?.kind === 'verify'
          ? `${anOrA(publicKeyUse.algorithm).replace(/^a/, 'A')} signature (${bytes(publicKeyUse.outputBase64)} bytes) verified with the public key alone. Anyone holding the public key can check what the private key signed.`
          : `Your data became a ${bytes(publicKeyUse?.outputBase64)}-byte ciphertext with ${publicKeyUse?.algorithm}, made with the public key alone. Only the matching private key can turn it back.`,
  },
  {
    id: 'store-blob',
    title: 'Store the blob beside the data',
    parts: ['encrypted-private-key', 'data'],
    done: (facts) => facts.stored,
    todo: () =>
      'Keep the encrypted private key (PrivateKeyCiphertextBlob) next to the encrypted data, with its encryption context: together they are the envelope. It is safe to store anywhere, because only KMS can open the blob.',
    happened: (facts) => {
      const { pair } = facts;
      if (!pair) return '';
      const data = dataCiphertext(facts) ?? kemCiphertext(facts);
      const held =
        facts.privateKeyInTab && !facts.decrypt
          ? ' This tab still holds the plaintext private key: a real application would drop it now.'
          : '';
      return `The envelope holds ${data ? `the ${bytes(data)}-byte ciphertext, ` : ''}the ${pair.blob.length}-byte PrivateKeyCiphertextBlob and ${sealText(pair)}; History entry #${pair.historyId} keeps the blob too. Without KMS, none of it reveals anything.${held}`;
    },
  },
  {
    id: 'decrypt-blob',
    title: 'Decrypt the blob when needed',
    parts: ['master-key', 'encrypted-private-key', 'private-key'],
    done: (facts) => facts.decrypt !== undefined,
    todo: ({ pair }) =>
      `When the private key is needed, send the blob and ${pair ? sealText(pair) : 'its encryption context'} to KMS Decrypt. KMS checks the context and your access to the master key, then returns the private key.`,
    happened: ({ decrypt, pair, masterKey }) =>
      `${decrypt?.operation} (History entry #${decrypt?.id}) gave back the private key of entry #${pair?.historyId}'s pair: KMS opened the blob with ${masterKey?.name ?? 'the master key'} after checking the context. The private key exists only in this tab's memory.`,
  },
  {
    id: 'use-private-key',
    title: 'Use the private key, then forget it',
    parts: ['private-key', 'data'],
    done: (facts) => facts.privateKeyUse !== undefined,
    todo: (facts) =>
      facts.pair?.encapsulates
        ? 'Decapsulate the ciphertext from step 3 with the private key: it gives back the same 32-byte shared secret, which opens your data. Then forget the key. Next time, decrypt the blob again (step 5).'
        : dataCiphertext(facts)
          ? 'Decrypt the ciphertext from step 3 with the private key, then forget the key. Next time, decrypt the blob again (step 5).'
          : 'Use the private key (sign, or decrypt what was encrypted to the public key), then forget it. Next time, decrypt the blob again (step 5).',
    happened: ({ privateKeyUse, forgotten }, recovered) => {
      const used =
        privateKeyUse?.kind === 'sign'
          ? `The private key made ${anOrA(privateKeyUse.algorithm)} signature.`
          : privateKeyUse?.kind === 'decapsulate'
            ? `The private key decapsulated the ciphertext back into the same 32-byte shared secret${recovered === undefined ? '' : ` (SHA-256 ${recovered})`}: the key to your data, recovered without it ever being sent.`
            : `The private key turned the ciphertext back into your data${recovered === undefined ? '' : `: ${JSON.stringify(recovered)}`}.`;
      return `${used} ${
        forgotten
          ? 'Then this tab forgot it: the blob and KMS bring it back whenever it is needed.'
          : 'Now forget it: a private key kept in memory or on disk is one more secret to guard.'
      }`;
    },
  },
];

/** The first step not done yet (the last step when all are). */
export function firstOpenStep(facts: TourFacts): number {
  const index = TOUR_STEPS.findIndex((step) => !step.done(facts));
  return index === -1 ? TOUR_STEPS.length - 1 : index;
}
