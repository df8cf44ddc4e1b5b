import { hasLoneSurrogate } from '../blob/encryption-context.js';
import { KmsError } from '../errors.js';
import { awsEnumList } from './aws-enum-order.js';
import { kmsModel } from './model.generated.js';
import type { ModelIndex, Shape } from './model-types.js';

/**
 * Checks an operation's input against the API model the way AWS's front end does:
 * wrong types are a SerializationException; required members, enums, lengths,
 * ranges and patterns are collected into one ValidationException whose message has
 * AWS's form, e.g.
 *   1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy
 *   constraint: Member must satisfy enum value set: [RSA_2048, ...]
 */
export function validateInput(
  operation: string,
  input: unknown,
  model: ModelIndex = kmsModel,
): void {
  const op = model.operations[operation];
  if (!op?.input) return;
  const violations: string[] = [];
  // An omitted input is an empty request; null (or any non-object) is malformed.
  checkShape(model, op.input, input === undefined ? {} : input, '', violations, false);
  if (violations.length > 0) {
    const count = violations.length;
    throw new KmsError(
      'ValidationException',
      `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
    );
  }
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const describe = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `'[${value.map(String).join(', ')}]'`;
  return `'${String(value)}'`;
};

const typeName = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : value instanceof Uint8Array
        ? 'bytes'
        : typeof value;

function serializationError(path: string, expected: string, value: unknown): never {
  throw new KmsError(
    'SerializationException',
    `Expected ${expected} at '${path || 'input'}' but got ${typeName(value)}.`,
  );
}

// KMS Lab refuses lone surrogates in every string, encryption context keys and values included.
const LONE_SURROGATE =
  'Member must be well-formed Unicode: it holds a lone UTF-16 surrogate, which is not a character';

const patternCache = new Map<string, RegExp | null>();
function compiledPattern(pattern: string): RegExp | null {
  let regex = patternCache.get(pattern);
  if (regex === undefined) {
    // The model's patterns are Java regexes matched against the whole value.
    try {
      regex = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      regex = null;
    }
    patternCache.set(pattern, regex);
  }
  return regex;
}

/** A structure's members as validation walks them, worked out once per shape. */
interface MemberPlan {
  member: string;
  shape: string;
  /** The member's name in AWS's violation paths, e.g. keyPairSpec. */
  pathName: string;
  required: boolean;
}
const memberPlans = new WeakMap<Shape, MemberPlan[]>();
function membersOf(shape: Extract<Shape, { type: 'structure' }>): MemberPlan[] {
  let plan = memberPlans.get(shape);
  if (!plan) {
    const required = new Set(shape.required ?? []);
    plan = Object.entries(shape.members).map(([member, memberShape]) => ({
      member,
      shape: memberShape,
      pathName: lowerFirst(member),
      required: required.has(member),
    }));
    memberPlans.set(shape, plan);
  }
  return plan;
}

/** Unicode code points, as AWS counts string lengths, without building an array of them. */
function codePointLength(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by a low one is one code point in two units.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        index++;
      }
    }
  }
  return length;
}

/** Where a violation is: made only when one is found, so valid input allocates nothing. */
interface Site {
  violations: string[];
  shape: Shape;
  sensitive: boolean;
  path: string;
}

function fail({ violations, shape, sensitive, path }: Site, shown: unknown, constraint: string) {
  const hidden = sensitive || ('sensitive' in shape && shape.sensitive) || shape.type === 'blob';
  violations.push(
    `${hidden ? 'Value' : `Value ${describe(shown)}`} at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

/** AWS's min/max check: a length for strings, blobs, lists and maps, a value for numbers. */
function lengthViolation(shape: Shape, length: number, unit: 'length' | 'value') {
  const { min, max } = shape as { min?: number; max?: number };
  if (max !== undefined && length > max)
    return `Member must have ${unit} less than or equal to ${max}`;
  if (min !== undefined && length < min)
    return `Member must have ${unit} greater than or equal to ${min}`;
  return undefined;
}

const isRecord = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Uint8Array);

function checkShape(
  model: ModelIndex,
  shapeName: string,
  value: unknown,
  path: string,
  violations: string[],
  sensitive: boolean,
): void {
  const shape = model.shapes[shapeName] as Shape | undefined;
  if (!shape) return;
  const report = (constraint: string | undefined, shown: unknown) => {
    if (constraint) fail({ violations, shape, sensitive, path }, shown, constraint);
  };
  switch (shape.type) {
    case 'structure': {
      if (!isRecord(value)) serializationError(path, 'a structure', value);
      const record = value as Record<string, unknown>;
      for (const plan of membersOf(shape)) {
        const memberValue = record[plan.member];
        if (memberValue === undefined || memberValue === null) {
          if (plan.required)
            violations.push(
              `Value null at '${path ? `${path}.${plan.pathName}` : plan.pathName}' failed to satisfy constraint: Member must not be null`,
            );
          continue;
        }
        const memberPath = path ? `${path}.${plan.pathName}` : plan.pathName;
        checkShape(model, plan.shape, memberValue, memberPath, violations, sensitive);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') serializationError(path, 'a string', value);
      if (hasLoneSurrogate(value)) {
        violations.push(`Value at '${path}' failed to satisfy constraint: ${LONE_SURROGATE}`);
        return;
      }
      if (shape.enum && !shape.enum.includes(value)) {
        report(`Member must satisfy enum value set: ${awsEnumList(shapeName, shape.enum)}`, value);
        return;
      }
      if (shape.min !== undefined || shape.max !== undefined)
        report(lengthViolation(shape, codePointLength(value), 'length'), value);
      if (shape.pattern) {
        const regex = compiledPattern(shape.pattern);
        if (regex && !regex.test(value))
          report(`Member must satisfy regular expression pattern: ${shape.pattern}`, value);
      }
      return;
    }
    case 'blob':
      if (!(value instanceof Uint8Array)) serializationError(path, 'bytes (a Uint8Array)', value);
      report(lengthViolation(shape, value.length, 'length'), value);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value))
        serializationError(path, 'an integer', value);
      report(lengthViolation(shape, value, 'value'), value);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') serializationError(path, 'a boolean', value);
      return;
    case 'timestamp':
      if (!(value instanceof Date)) serializationError(path, 'a Date', value);
      return;
    case 'list': {
      if (!Array.isArray(value)) serializationError(path, 'a list', value);
      report(lengthViolation(shape, value.length, 'length'), value);
      value.forEach((item, index) => {
        const itemPath = `${path}.${index + 1}.member`;
        if (item === undefined || item === null) {
          violations.push(
            `Value null at '${itemPath}' failed to satisfy constraint: Member must not be null`,
          );
        } else {
          checkShape(model, shape.member, item, itemPath, violations, sensitive);
        }
      });
      return;
    }
    case 'map': {
      if (!isRecord(value)) serializationError(path, 'a map', value);
      const entries = Object.entries(value as Record<string, unknown>);
      report(lengthViolation(shape, entries.length, 'length'), value);
      for (const [key, item] of entries) {
        checkShape(model, shape.key, key, `${path}.key`, violations, sensitive);
        if (item === undefined || item === null) {
          violations.push(
            `Value null at '${path}.${key}' failed to satisfy constraint: Member must not be null`,
          );
        } else {
          checkShape(model, shape.value, item, `${path}.${key}`, violations, sensitive);
        }
      }
      return;
    }
  }
}
