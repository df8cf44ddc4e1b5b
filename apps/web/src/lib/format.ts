/** Dates as ISO-like UTC text: unambiguous, and the same in every locale. */
export function formatDate(date: Date | undefined): string {
  if (!date) return '—';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);
