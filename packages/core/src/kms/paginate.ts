import { KmsError } from '../errors.js';

/** One page of a list, with AWS's Marker/NextMarker/Truncated paging (KmsContext.paginate). */
export function paginate<E>(items: E[], limit: number | undefined, marker: string | undefined) {
  let start = 0;
  if (marker !== undefined) {
    start = /^\d{1,9}$/.test(marker) ? Number(marker) : Number.NaN;
    if (!(start > 0 && start <= items.length))
      throw new KmsError(
        'InvalidMarkerException',
        `The marker '${marker}' is not one this KMS returned.`,
      );
  }
  const end = start + (limit ?? 100);
  const truncated = end < items.length;
  return {
    page: items.slice(start, end),
    truncated,
    nextMarker: truncated ? String(end) : undefined,
  };
}
