/**
 * What the learner should do with each artifact of a response, said beside it: the public
 * key is shared, the encrypted private key is stored beside the data, and the plaintext
 * private key is used and dropped. The tour's diagram uses the same words.
 */
export interface ArtifactRole {
  /** A few words, shown as a badge: test id `<Field>-role`. */
  label: string;
  /** Why, in one sentence. */
  note: string;
}

export const ROLES = {
  share: {
    label: 'share this',
    note: 'Give it to anyone: it encrypts data only your private key opens, and checks your signatures.',
  },
  storeBeside: {
    label: 'store this next to your data',
    note: 'It is the private key encrypted under the master key: keep it with the data it protects; only KMS, given the same encryption context, can open it.',
  },
  useThenForget: {
    label: 'use, then forget',
    note: 'Use it now to decrypt or sign, then drop it: never store it. The blob and KMS give it back when it is needed again.',
  },
} as const satisfies Record<string, ArtifactRole>;
