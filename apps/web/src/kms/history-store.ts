import type { KmsLabDb } from './db';
import type { HistoryRecord } from './history-types';

/** Field names a plaintext private key could hide under; a record carrying one is refused. */
const FORBIDDEN_FIELDS = /private.*plain|plaintext|privatekey$|secret/i;

/** Throws if a record carries anything that looks like a plaintext private key. */
export function assertPublicOnly(record: object): void {
  for (const field of Object.keys(record)) {
    if (FORBIDDEN_FIELDS.test(field))
      throw new Error(`History records never hold plaintext private keys (field ${field}).`);
  }
}

export class HistoryStore {
  readonly #db: KmsLabDb;
  readonly #onChange: () => void;

  constructor(db: KmsLabDb, onChange: () => void = () => {}) {
    this.#db = db;
    this.#onChange = onChange;
  }

  async add(record: HistoryRecord): Promise<number> {
    assertPublicOnly(record);
    const { id: _ignored, ...fresh } = record;
    const id = await this.#db.add('history', fresh);
    this.#onChange();
    return id;
  }

  /** Newest first. */
  async list(): Promise<HistoryRecord[]> {
    return (await this.#db.getAll('history')).reverse();
  }

  async clear(): Promise<void> {
    await this.#db.clear('history');
    this.#onChange();
  }
}
