/**
 * Reading the key store file's JSON records: each member checked for its type, and every
 * complaint naming the record and member (never quoting the file's secrets).
 */
/** Why a file cannot be read as a key store; the message never quotes the file. */
export class StoreFormatError extends Error {
  override readonly name = 'StoreFormatError';
}

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the members of one record, naming the record and member in every complaint. */
export class Fields {
  constructor(
    readonly where: string,
    readonly record: unknown,
  ) {
    if (!isObject(record)) throw new StoreFormatError(`${where} is not a JSON object.`);
  }
  #bad(name: string, what: string): never {
    throw new StoreFormatError(`${this.where}: '${name}' must be ${what}.`);
  }
  #get(name: string) {
    return (this.record as Json)[name];
  }
  string(name: string): string {
    const value = this.#get(name);
    return typeof value === 'string' ? value : this.#bad(name, 'a string');
  }
  oneOf<T extends string>(name: string, values: Record<string, T>): T {
    const value = this.string(name);
    return Object.hasOwn(values, value)
      ? (value as T)
      : this.#bad(name, `one of ${Object.keys(values).join(', ')}`);
  }
  matching(name: string, pattern: RegExp, what: string): string {
    const value = this.string(name);
    return pattern.test(value) ? value : this.#bad(name, what);
  }
  optionalString(name: string): string | undefined {
    return this.#get(name) === undefined ? undefined : this.string(name);
  }
  boolean(name: string): boolean {
    const value = this.#get(name);
    return typeof value === 'boolean' ? value : this.#bad(name, 'true or false');
  }
  count(name: string): number {
    const value = this.#get(name);
    return Number.isSafeInteger(value) && (value as number) >= 0
      ? (value as number)
      : this.#bad(name, 'a whole number');
  }
  date(name: string): Date {
    const date = new Date(this.string(name));
    return Number.isNaN(date.getTime()) ? this.#bad(name, 'an ISO 8601 date') : date;
  }
  optionalDate(name: string): Date | undefined {
    return this.#get(name) === undefined ? undefined : this.date(name);
  }
  bytes(name: string): Uint8Array {
    const text = this.string(name);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) this.#bad(name, 'base64');
    return new Uint8Array(Buffer.from(text, 'base64'));
  }
  array(name: string): unknown[] {
    const value = this.#get(name);
    return Array.isArray(value) ? value : this.#bad(name, 'an array');
  }
  object(name: string): Fields {
    return new Fields(`${this.where}.${name}`, this.#get(name));
  }
  has(name: string) {
    return this.#get(name) !== undefined;
  }
}
