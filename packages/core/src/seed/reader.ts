/**
 * Strict reading of a seed document's fields: every error says where it is (the key's ID
 * or its place in the list, then the field) and what was wrong, and never quotes key
 * material. Unknown fields are errors, so a typo never silently drops a setting.
 */

/** A seed that cannot be used: the message names the key and the field. */
export class SeedError extends Error {
  override name = 'SeedError';
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the fields of one object of the document, at `where` ("Keys[2] (key 1234...)"). */
export class FieldReader {
  constructor(
    readonly object: Json,
    readonly where: string,
  ) {}

  fail(field: string, problem: string): never {
    throw new SeedError(`Seed: ${this.where}: ${field} ${problem}.`);
  }

  /** Fails on a field outside `allowed`. */
  only(allowed: readonly string[]): void {
    for (const field of Object.keys(this.object))
      if (!allowed.includes(field))
        this.fail(field, `is not a field here (expected one of ${allowed.join(', ')})`);
  }

  has(field: string): boolean {
    return this.object[field] !== undefined && this.object[field] !== null;
  }

  string(field: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) {
      if (options.required) this.fail(field, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') this.fail(field, `must be a string, not ${describe(value)}`);
    if (options.max !== undefined && value.length > options.max)
      this.fail(field, `must be at most ${options.max} characters`);
    return value;
  }

  boolean(field: string): boolean | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean')
      this.fail(field, `must be true or false, not ${describe(value)}`);
    return value;
  }

  integer(field: string, min: number, max: number): number | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      this.fail(field, `must be a whole number from ${min} to ${max}`);
    return value;
  }

  date(field: string): Date | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    const date =
      value instanceof Date
        ? value
        : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)
          ? new Date(value)
          : undefined;
    if (date === undefined || Number.isNaN(date.getTime()))
      this.fail(field, 'must be an ISO 8601 date, e.g. "2026-01-01T00:00:00Z"');
    return date;
  }

  array(field: string): unknown[] {
    const value = this.object[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(field, `must be a list, not ${describe(value)}`);
    return value;
  }

  object_(field: string): FieldReader | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) this.fail(field, `must be an object, not ${describe(value)}`);
    return new FieldReader(value, `${this.where}, ${field}`);
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return 'a number (quote it to make it a string)';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** AWS key IDs are lowercase UUIDs; the store and the ciphertext format rely on it. */
export function checkKeyId(reader: FieldReader, field: string, value: string): string {
  if (!KEY_ID.test(value))
    reader.fail(
      field,
      `must be a key ID, a lowercase UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab; got '${value.slice(0, 80)}'`,
    );
  return value;
}

const HEX = /^[0-9a-fA-F]*$/;

/** Hex text of exactly `bytes` bytes; the message never repeats the value (it is a secret). */
export function hexBytes(reader: FieldReader, field: string, value: unknown, bytes: number) {
  if (typeof value !== 'string')
    reader.fail(field, `must be a string of hex digits, not ${describe(value)}`);
  if (!HEX.test(value) || value.length !== bytes * 2)
    reader.fail(
      field,
      `must be ${bytes * 2} hexadecimal digits (${bytes} bytes); it has ${value.length} characters${HEX.test(value) ? '' : ', not all hex digits'}`,
    );
  const out = new Uint8Array(bytes);
  for (let index = 0; index < bytes; index++)
    out[index] = Number.parseInt(value.slice(index * 2, index * 2 + 2), 16);
  return out;
}
