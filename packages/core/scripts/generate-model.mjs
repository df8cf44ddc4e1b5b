#!/usr/bin/env node
// Generates src/model/*.generated.ts and test/types/sdk-types.test-d.ts from the AWS KMS API.
//
// Two sources, because neither alone is the whole newest API:
// - the botocore JSON model (aws-kms-2014-11-01.service-2.json), which carries the
//   constraints (lengths, ranges, patterns, required members) that validation needs;
// - the installed @aws-sdk/client-kms, the authority on shapes: its enums and schemas add
//   what the botocore file predates (ML-KEM specs, Encapsulate/Decapsulate, ...).
// Shapes the SDK has and botocore lacks get their member shapes from NEW_MEMBER_SHAPES:
// the SDK's schemas keep member names and kinds, not the model's shape names.
//
// Usage: node scripts/generate-model.mjs path/to/aws-kms-2014-11-01.service-2.json
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IMPLEMENTED } from './operations.mjs';

/** Member name to shape name, for members the botocore model does not have yet. */
const NEW_MEMBER_SHAPES = {
  KeyId: 'KeyIdType',
  EncapsulationAlgorithm: 'EncapsulationAlgorithmSpec',
  EncapsulationAlgorithms: 'EncapsulationAlgorithmSpecList',
  GrantTokens: 'GrantTokenList',
  DryRun: 'NullableBooleanType',
  SharedSecret: 'PlaintextType',
  SharedSecretCiphertextBlob: 'CiphertextType',
};
/** New list shapes named by NEW_MEMBER_SHAPES: list name to member shape. */
const NEW_LISTS = { EncapsulationAlgorithmSpecList: 'EncapsulationAlgorithmSpec' };

const source = process.argv[2];
if (!source) {
  console.error('usage: generate-model.mjs <aws-kms-2014-11-01.service-2.json>');
  process.exit(2);
}
const model = JSON.parse(readFileSync(source, 'utf8'));
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'src', 'model');
const sdk = await readSdk();
overlaySdk(model, sdk);

const OPERATIONS = Object.keys(model.operations).sort();
for (const name of IMPLEMENTED) {
  if (!model.operations[name]) throw new Error(`implemented operation ${name} is not in the API`);
}

// ---------------------------------------------------------------- the SDK's view

async function readSdk() {
  const require = createRequire(join(here, '..', 'package.json'));
  const root = join(dirname(require.resolve('@aws-sdk/client-kms/package.json')));
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const enums = await import(pathToFileURL(join(root, 'dist-es', 'models', 'enums.js')).href);
  const schemas = readFileSync(join(root, 'dist-es', 'schemas', 'schemas_0.js'), 'utf8');
  const names = Object.fromEntries(
    [...schemas.matchAll(/^const (_\w+) = "(\w+)";$/gm)].map(([, id, name]) => [id, name]),
  );
  const structures = {};
  const structurePattern =
    /^export var \w+\$ = \[3, n0, (_\w+),\s*[^,]+,\s*\[([^\]]*)\],\s*\[[^\n]*\](?:, (\d+))?\s*\];/gm;
  for (const [, id, members, required] of schemas.matchAll(structurePattern)) {
    const memberNames = members
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean)
      .map((m) => names[m]);
    structures[names[id]] = { members: memberNames, required: Number(required ?? 0) };
  }
  const commandsDir = join(root, 'dist-types', 'commands');
  const operations = {};
  for (const file of readdirSync(commandsDir)) {
    const match = /^(\w+)Command\.d\.ts$/.exec(file);
    if (!match) continue;
    const text = readFileSync(join(commandsDir, file), 'utf8');
    const errors = [...text.matchAll(/@throws \{@link (\w+)\}/g)]
      .map(([, name]) => name)
      .filter((name) => name !== 'KMSServiceException');
    operations[match[1]] = { errors };
  }
  return { version, enums, structures, operations };
}

function overlaySdk(target, { enums, structures, operations }) {
  for (const [name, values] of Object.entries(enums)) {
    const shape = target.shapes[name];
    const sdkValues = Object.values(values);
    if (!shape) target.shapes[name] = { type: 'string', enum: sdkValues };
    else shape.enum = [...shape.enum, ...sdkValues.filter((v) => !shape.enum.includes(v))];
  }
  for (const [list, member] of Object.entries(NEW_LISTS)) {
    target.shapes[list] ??= { type: 'list', member: { shape: member } };
  }
  for (const [name, { members, required }] of Object.entries(structures)) {
    target.shapes[name] ??= {
      type: 'structure',
      members: {},
      required: members.slice(0, required),
    };
    const shape = target.shapes[name];
    for (const member of members) {
      if (shape.members[member]) continue;
      const memberShape = NEW_MEMBER_SHAPES[member];
      if (!memberShape) throw new Error(`${name}.${member}: add it to NEW_MEMBER_SHAPES`);
      shape.members[member] = { shape: memberShape };
    }
  }
  for (const [name, { errors }] of Object.entries(operations)) {
    target.operations[name] ??= {
      input: { shape: `${name}Request` },
      output: { shape: `${name}Response` },
      errors: errors.map((shape) => ({ shape })),
    };
  }
}

// ---------------------------------------------------------------- the run-time model

const shapes = {};
const exceptions = {};
const visit = (name) => {
  if (shapes[name] || exceptions[name]) return;
  const shape = model.shapes[name];
  if (!shape) throw new Error(`shape ${name} missing from model`);
  if (shape.exception) {
    exceptions[name] = { fault: shape.fault ? 'server' : 'client' };
    return;
  }
  const compact = { type: shape.type };
  for (const key of ['min', 'max', 'pattern', 'enum', 'sensitive']) {
    if (shape[key] !== undefined) compact[key] = shape[key];
  }
  shapes[name] = compact;
  if (shape.type === 'structure') {
    compact.members = Object.fromEntries(
      Object.entries(shape.members).map(([member, ref]) => [member, ref.shape]),
    );
    if (shape.required?.length) compact.required = shape.required;
    for (const ref of Object.values(shape.members)) visit(ref.shape);
  } else if (shape.type === 'list') {
    compact.member = shape.member.shape;
    visit(shape.member.shape);
  } else if (shape.type === 'map') {
    compact.key = shape.key.shape;
    compact.value = shape.value.shape;
    visit(shape.key.shape);
    visit(shape.value.shape);
  }
};

const operations = {};
for (const name of OPERATIONS) {
  const op = model.operations[name];
  operations[name] = {
    input: op.input?.shape,
    output: op.output?.shape,
    errors: (op.errors ?? []).map((e) => e.shape),
  };
  if (op.input) visit(op.input.shape);
  if (op.output) visit(op.output.shape);
  for (const e of op.errors ?? []) visit(e.shape);
}

const sorted = (obj) =>
  Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, obj[k]]),
  );
const header = `// Generated by scripts/generate-model.mjs from the AWS KMS API model
// ${model.metadata.uid} (${model.metadata.protocol} ${model.metadata.jsonVersion}) and @aws-sdk/client-kms ${sdk.version}. Do not edit.
`;

writeFileSync(
  join(outDir, 'model.generated.ts'),
  `${header}import type { ModelIndex } from './model-types.js';

export const kmsModel: ModelIndex = ${JSON.stringify(
    {
      targetPrefix: model.metadata.targetPrefix,
      jsonVersion: model.metadata.jsonVersion,
      operations,
      shapes: sorted(shapes),
      exceptions: sorted(exceptions),
    },
    null,
    2,
  )};

/** The operations KMS Lab emulates; the others answer UnsupportedOperationException. */
export const EMULATED_OPERATIONS = ${JSON.stringify(IMPLEMENTED)} as const;
`,
);

// ---------------------------------------------------------------- TypeScript types

// In the AWS SDK v3 style: optional members `?: T | undefined`, required members
// `: T | undefined`, enums as const objects plus a union type.
const tsType = (name) => {
  const shape = shapes[name];
  switch (shape.type) {
    case 'string':
      return shape.enum ? name : 'string';
    case 'blob':
      return 'Uint8Array';
    case 'integer':
    case 'long':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'timestamp':
      return 'Date';
    case 'list':
      return `${tsType(shape.member)}[]`;
    case 'map':
      return `Record<${tsType(shape.key)}, ${tsType(shape.value)}>`;
    case 'structure':
      return name;
    default:
      throw new Error(`unhandled shape type ${shape.type}`);
  }
};

const lowerFirst = (name) => `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
let types = header;
types += `
/** Response metadata as in the AWS SDK v3 (\`@smithy/types\` ResponseMetadata). */
export interface ResponseMetadata {
  httpStatusCode?: number | undefined;
  requestId?: string | undefined;
  extendedRequestId?: string | undefined;
  cfId?: string | undefined;
  attempts?: number | undefined;
  totalRetryDelay?: number | undefined;
}

export interface MetadataBearer {
  $metadata: ResponseMetadata;
}
`;
for (const [name, shape] of Object.entries(sorted(shapes))) {
  if (shape.type === 'string' && shape.enum) {
    const entries = [...shape.enum]
      .sort()
      .map((v) => `  ${JSON.stringify(v)}: ${JSON.stringify(v)},`);
    types += `\nexport const ${name} = {\n${entries.join('\n')}\n} as const;\nexport type ${name} = (typeof ${name})[keyof typeof ${name}];\n`;
  }
  if (shape.type === 'structure') {
    const required = new Set(shape.required ?? []);
    const members = Object.entries(shape.members).map(
      ([member, ref]) =>
        `  ${member}${required.has(member) ? '' : '?'}: ${tsType(ref)} | undefined;`,
    );
    types += `\nexport interface ${name} {\n${members.join('\n')}\n}\n`;
  }
}
for (const [name, op] of Object.entries(operations)) {
  types += `\nexport interface ${name}CommandInput extends ${op.input} {}\n`;
  types += `export interface ${name}CommandOutput extends ${op.output ? `${op.output}, ` : ''}MetadataBearer {}\n`;
}
types += `\n/** The operations KMS Lab emulates, as methods named in lowerCamelCase. */\nexport interface KmsOperations {\n${IMPLEMENTED.map((o) => `  ${lowerFirst(o)}(input: ${o}CommandInput): Promise<${o}CommandOutput>;`).join('\n')}\n}\n`;
types += `\n/** Every operation of the AWS KMS API, as named in the model. */\nexport type OperationName =\n${OPERATIONS.map((o) => `  | '${o}'`).join('\n')};\n`;
types += `\n/** The operations KMS Lab emulates; the others answer UnsupportedOperationException. */\nexport type ImplementedOperationName =\n${IMPLEMENTED.map((o) => `  | '${o}'`).join('\n')};\n`;
writeFileSync(join(outDir, 'types.generated.ts'), types);

// ---------------------------------------------------------------- the type test

// Compile-time proof that every operation's types are exactly the AWS SDK v3 client's.
let typeTest = `// Generated by scripts/generate-model.mjs. Compile-time proof that KMS Lab's operation types
// are exactly those of @aws-sdk/client-kms: \`pnpm typecheck\` fails on any difference, so
// the SDK's own command inputs fit the engine's inputs and the engine's outputs fit the SDK's.
import type * as Sdk from '@aws-sdk/client-kms';
import { expectTypeOf } from 'vitest';
import type * as Lab from '../../src/model/types.generated.js';

`;
for (const name of OPERATIONS) {
  typeTest += `expectTypeOf<Lab.${name}CommandInput>().toEqualTypeOf<Sdk.${name}CommandInput>();\n`;
  typeTest += `expectTypeOf<Lab.${name}CommandOutput>().toEqualTypeOf<Sdk.${name}CommandOutput>();\n`;
}
writeFileSync(join(here, '..', 'test', 'types', 'sdk-types.test-d.ts'), typeTest);
console.log(
  `wrote ${OPERATIONS.length} operations (${IMPLEMENTED.length} emulated), ${Object.keys(shapes).length} shapes, ${Object.keys(exceptions).length} exceptions`,
);
