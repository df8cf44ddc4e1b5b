import { base64 } from '@scure/base';
import { KmsError } from '../errors.js';
import type { ModelIndex, Shape } from '../model/model-types.js';
import { isJsonObject } from './wire.js';

/**
 * AWS JSON 1.1 serialisation, driven by the API model's shapes. "Blob: a base64 encoded
 * string. Timestamp: a number of seconds since the Unix epoch (fractions allowed)."
 * Wrong JSON types are the SerializationException AWS answers; the model's constraints
 * (lengths, enums, required members) are left to the engine's ValidationException.
 */

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

const MAX_DATE_MS = 8.64e15;

const jsonTypeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

function serializationError(path: string, expected: string, value: unknown): never {
  throw new KmsError(
    'SerializationException',
    `Expected ${expected} at '${path || 'body'}' but found ${jsonTypeOf(value)}.`,
  );
}

const memberPath = (parent: string, member: string) => (parent ? `${parent}.${member}` : member);

/** Turns the JSON of a request into the engine's input: base64 to bytes, seconds to Dates. */
export function decodeShape(
  model: ModelIndex,
  shapeName: string,
  json: unknown,
  path = '',
): unknown {
  const shape = model.shapes[shapeName] as Shape | undefined;
  if (!shape) return json;
  switch (shape.type) {
    case 'structure': {
      if (!isJsonObject(json)) serializationError(path, 'an object', json);
      const input: Record<string, unknown> = {};
      // Only the model's members are read: AWS ignores members it does not know.
      for (const [member, memberShape] of Object.entries(shape.members)) {
        if (!Object.hasOwn(json, member)) continue;
        const value = json[member];
        // AWS treats a member set to null as a member left out.
        if (value === null) continue;
        input[member] = decodeShape(model, memberShape, value, memberPath(path, member));
      }
      return input;
    }
    case 'string':
      if (typeof json !== 'string') serializationError(path, 'a string', json);
      return json;
    case 'blob': {
      if (typeof json !== 'string') serializationError(path, 'a base64 string', json);
      try {
        return base64.decode(json);
      } catch {
        throw new KmsError(
          'SerializationException',
          `Expected a base64 string at '${path}' but it is not valid base64.`,
        );
      }
    }
    case 'integer':
    case 'long':
      // Whether the number is an integer in range is the engine's validation to make.
      if (typeof json !== 'number') serializationError(path, 'a number', json);
      return json;
    case 'boolean':
      if (typeof json !== 'boolean') serializationError(path, 'a boolean', json);
      return json;
    case 'timestamp': {
      if (typeof json !== 'number') serializationError(path, 'epoch seconds (a number)', json);
      const ms = json * 1000;
      if (!(Math.abs(ms) <= MAX_DATE_MS))
        throw new KmsError('SerializationException', `The timestamp at '${path}' is out of range.`);
      return new Date(ms);
    }
    case 'list':
      if (!Array.isArray(json)) serializationError(path, 'an array', json);
      // A null item is kept so that the engine reports it as AWS does ("must not be null").
      return json.map((item, index) =>
        item === null ? null : decodeShape(model, shape.member, item, `${path}[${index}]`),
      );
    case 'map':
      if (!isJsonObject(json)) serializationError(path, 'an object', json);
      // fromEntries defines properties, so a key such as "__proto__" stays an ordinary key.
      return Object.fromEntries(
        Object.entries(json).map(([key, value]) => [
          key,
          value === null ? null : decodeShape(model, shape.value, value, memberPath(path, key)),
        ]),
      );
  }
}

function unexpected(path: string, expected: string): never {
  throw new Error(`The engine answered with something other than ${expected} at '${path}'.`);
}

/**
 * Turns an engine output into response JSON: bytes to base64, Dates to epoch seconds.
 * Only the model's members are written, so `$metadata` never is; undefined members are
 * left out.
 */
export function encodeShape(
  model: ModelIndex,
  shapeName: string,
  value: unknown,
  path = '',
): JsonValue {
  const shape = model.shapes[shapeName] as Shape | undefined;
  if (!shape) return value as JsonValue;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null) unexpected(path, 'an object');
      const record = value as Record<string, unknown>;
      const output: Record<string, JsonValue> = {};
      for (const [member, memberShape] of Object.entries(shape.members)) {
        const memberValue = record[member];
        if (memberValue === undefined || memberValue === null) continue;
        output[member] = encodeShape(model, memberShape, memberValue, memberPath(path, member));
      }
      return output;
    }
    case 'blob':
      if (!(value instanceof Uint8Array)) unexpected(path, 'bytes');
      return base64.encode(value);
    case 'timestamp':
      if (!(value instanceof Date)) unexpected(path, 'a Date');
      return value.getTime() / 1000;
    case 'list':
      if (!Array.isArray(value)) unexpected(path, 'an array');
      return value.map((item, index) =>
        encodeShape(model, shape.member, item, `${path}[${index}]`),
      );
    case 'map':
      if (typeof value !== 'object' || value === null) unexpected(path, 'an object');
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          encodeShape(model, shape.value, item, memberPath(path, key)),
        ]),
      );
    case 'string':
    case 'integer':
    case 'long':
    case 'boolean':
      return value as JsonValue;
  }
}
