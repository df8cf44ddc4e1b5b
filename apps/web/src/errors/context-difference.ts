/**
 * Which encryption context pair (or which Aad) differs between the one a blob was sealed
 * with, as the history recorded it, and the one a failed Decrypt gave. KMS itself never says:
 * AWS answers a wrong context with an empty InvalidCiphertextException, because the context
 * is only ever checked by AES-GCM's tag. The app can, when its history knows the blob.
 */

export type Context = Readonly<Record<string, string>>;

/** The context check a failed Decrypt's notice shows. */
export interface ContextCheck {
  /** The history entry that made (or opened) the blob, whose context is the original. */
  entryId: number;
  /** One plain sentence per pair that differs; empty when the contexts are the same. */
  differences: string[];
}

const quoted = (text: string) => JSON.stringify(text);

/** Each difference between the original context and the one tried, key by key (sorted). */
export function contextDifferences(
  original: Context | undefined,
  tried: Context | undefined,
): string[] {
  const made = original ?? {};
  const given = tried ?? {};
  const keys = [...new Set([...Object.keys(made), ...Object.keys(given)])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    const inMade = Object.hasOwn(made, key);
    const inGiven = Object.hasOwn(given, key);
    if (inMade && inGiven) {
      if (made[key] !== given[key])
        lines.push(
          `${quoted(key)}: you gave ${quoted(given[key] as string)}, the blob was made with ${quoted(made[key] as string)}.`,
        );
    } else if (inMade) {
      const sameButCase = Object.keys(given).find(
        (each) => each !== key && each.toLowerCase() === key.toLowerCase(),
      );
      lines.push(
        `${quoted(key)} is missing: the blob was made with ${quoted(key)}: ${quoted(made[key] as string)}${
          sameButCase ? ` (you gave ${quoted(sameButCase)}: keys are case-sensitive)` : ''
        }.`,
      );
    } else
      lines.push(
        `${quoted(key)} was not in the blob's context: you gave ${quoted(key)}: ${quoted(given[key] as string)}.`,
      );
  }
  return lines;
}

/** The same for Alibaba Cloud's Aad, one text on each side. */
export function aadDifferences(original: string | undefined, tried: string | undefined): string[] {
  const made = original ?? '';
  const given = tried ?? '';
  if (made === given) return [];
  return [
    `The Aad differs: you gave ${given === '' ? 'none' : quoted(given)}, the blob was made with ${made === '' ? 'none' : quoted(made)}.`,
  ];
}
