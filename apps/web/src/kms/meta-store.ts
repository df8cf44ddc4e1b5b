import type { KmsLabDb } from './db';

const CLOCK_OFFSET = 'clockOffsetMs';

/** How far the app clock runs ahead of real time; shared by every tab through IndexedDB. */
export async function readClockOffset(db: KmsLabDb): Promise<number> {
  const record = await db.get('meta', CLOCK_OFFSET);
  return typeof record?.value === 'number' ? record.value : 0;
}

export async function writeClockOffset(db: KmsLabDb, offsetMs: number): Promise<void> {
  await db.put('meta', { name: CLOCK_OFFSET, value: offsetMs });
}
