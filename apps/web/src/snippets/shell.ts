/** Quotes a word for a POSIX shell; plain words stay bare so commands read naturally. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
