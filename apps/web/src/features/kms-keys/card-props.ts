/** What every card of the chosen key is given. */
export interface KeyCardProps {
  keyId: string;
  /** How requests and snippets name the key: its first alias, or its key ID. */
  keyRef: string;
}

/** What a card with an algorithm select is given too: the algorithms DescribeKey lists. */
export type AlgorithmCardProps<Algorithm> = KeyCardProps & { algorithms: readonly Algorithm[] };
