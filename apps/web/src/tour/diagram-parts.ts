/**
 * The envelope diagram's view model: for each part, its title, its role in the learner's
 * words, whether the learner's own value exists yet, and that value. Pure, like facts.ts.
 */
import { fromBase64, toHex } from '../lib/bytes';
import type { TourFacts } from './facts';
import type { DiagramPart } from './steps';

export type PartState = 'ready' | 'waiting' | 'gone';

export interface PartView {
  part: DiagramPart;
  title: string;
  /** What to do with it, in the words the responses use beside each artifact. */
  role: string;
  state: PartState;
  value: string;
}

/** Where each part lives: KMS, this tab's memory, or storage beside the data. */
export const ZONES: readonly { id: string; title: string; parts: readonly DiagramPart[] }[] = [
  { id: 'kms', title: 'Inside KMS', parts: ['master-key'] },
  {
    id: 'app',
    title: 'Your application',
    parts: ['data-key-pair', 'public-key', 'private-key'],
  },
  { id: 'storage', title: 'Storage, beside your data', parts: ['encrypted-private-key', 'data'] },
];

export const STATE_WORDS: Readonly<Record<PartState, string>> = {
  ready: 'ready',
  waiting: 'not yet',
  gone: 'forgotten',
};

const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

function privateKeyView(facts: TourFacts): Pick<PartView, 'state' | 'value'> {
  const { pair } = facts;
  if (facts.privateKeyInTab) return { state: 'ready', value: "in this tab's memory only" };
  if (facts.forgotten) return { state: 'gone', value: 'forgotten: step 5 brings it back' };
  if (!pair) return { state: 'waiting', value: 'not generated yet' };
  if (!pair.withPlaintext && !facts.decrypt)
    return { state: 'waiting', value: 'never returned: only KMS can open the blob' };
  return { state: 'waiting', value: 'not in this tab: decrypt the blob' };
}

function dataView(facts: TourFacts): Pick<PartView, 'state' | 'value'> {
  const use = facts.publicKeyUse;
  if (use?.kind === 'encrypt') {
    const ciphertext = fromBase64(use.outputBase64);
    return {
      state: 'ready',
      value: `${ciphertext.length}-byte ciphertext ${toHex(ciphertext.subarray(0, 6), ' ')} …`,
    };
  }
  if (use?.kind === 'encapsulate') {
    const ciphertext = fromBase64(use.outputBase64);
    return {
      state: 'ready',
      value: `keyed by the shared secret; ${ciphertext.length}-byte ML-KEM ciphertext ${toHex(ciphertext.subarray(0, 6), ' ')} …`,
    };
  }
  if (use?.kind === 'verify')
    return { state: 'ready', value: 'signed; the public key verified it' };
  return { state: 'waiting', value: 'not encrypted yet' };
}

/** Every part's view, in ZONES order. `fingerprint`: the public key's SHA-256, shortened. */
export function partViews(facts: TourFacts, fingerprint: string | undefined): PartView[] {
  const { masterKey, pair } = facts;
  const views: Record<DiagramPart, PartView> = {
    'master-key': {
      part: 'master-key',
      title: 'Master key',
      role: 'never leaves KMS',
      ...(masterKey
        ? {
            state: 'ready',
            value:
              masterKey.name === masterKey.keyId
                ? short(masterKey.keyId)
                : `${masterKey.name} · ${short(masterKey.keyId)}`,
          }
        : { state: 'waiting', value: 'not created yet' }),
    },
    'data-key-pair': {
      part: 'data-key-pair',
      title: 'Data key pair',
      role: 'made by KMS for this data',
      ...(pair
        ? { state: 'ready', value: `${pair.spec} · History #${pair.historyId}` }
        : { state: 'waiting', value: 'not generated yet' }),
    },
    'public-key': {
      part: 'public-key',
      title: 'Public key',
      role: 'share this',
      ...(pair
        ? {
            state: 'ready',
            value: `${pair.publicKey.length} bytes · SHA-256 ${fingerprint ?? '…'}`,
          }
        : { state: 'waiting', value: 'not generated yet' }),
    },
    'private-key': {
      part: 'private-key',
      title: 'Private key',
      role: 'use, then forget',
      ...privateKeyView(facts),
    },
    'encrypted-private-key': {
      part: 'encrypted-private-key',
      title: 'Encrypted private key',
      role: 'store this next to your data',
      ...(pair
        ? {
            state: 'ready',
            value: `${pair.blob.length} bytes · ${facts.stored ? 'stored beside the data' : `in History #${pair.historyId}`}`,
          }
        : { state: 'waiting', value: 'not generated yet' }),
    },
    data: {
      part: 'data',
      title: 'Your data',
      role: 'encrypted to the public key',
      ...dataView(facts),
    },
  };
  return ZONES.flatMap((zone) => zone.parts.map((part) => views[part]));
}
