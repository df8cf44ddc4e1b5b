import {
  isBase64,
  isFile,
  isJson,
  isList,
  isUtf8,
  type JsonValue,
  type SnippetValue,
} from './types';

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A JavaScript string literal in single quotes; control and line-separator characters escaped. */
export function jsString(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    const named = NAMED_ESCAPES[char];
    if (named !== undefined) out += named;
    else if (code < 0x20 || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `'${out}'`;
}

export const jsKey = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : jsString(name));

/** A JavaScript expression for a snippet value; files are read with node:fs, base64 with Buffer. */
export function jsValue(value: SnippetValue, indent: string): string {
  if (typeof value === 'string') return jsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isFile(value)) return `await readFile(${jsString(value.file)})`;
  if (isUtf8(value)) return `new TextEncoder().encode(${jsString(value.utf8)})`;
  if (isBase64(value)) return `Buffer.from(${jsString(value.base64)}, 'base64')`;
  if (isJson(value)) return jsonLiteral(value.json, indent);
  if (isList(value)) {
    const items = value.list.map((item) => `${indent}  ${jsValue(item, `${indent}  `)},`);
    return items.length === 0 ? '[]' : `[\n${items.join('\n')}\n${indent}]`;
  }
  // What remains is a map of strings (a Record<string, string> also fits the json guard's shape).
  const entries = Object.entries(value as Readonly<Record<string, string>>);
  if (entries.length === 0) return '{}';
  const inner = entries.map(([k, v]) => `${indent}  ${jsKey(k)}: ${jsString(v)},`).join('\n');
  return `{\n${inner}\n${indent}}`;
}

/** A JSON value as a JavaScript literal, in the snippets' quoting and indentation. */
function jsonLiteral(value: JsonValue, indent: string): string {
  if (typeof value === 'string') return jsString(value);
  if (value === null || typeof value !== 'object') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = (value as readonly JsonValue[]).map(
      (item) => `${inner}${jsonLiteral(item, inner)},`,
    );
    return items.length === 0 ? '[]' : `[\n${items.join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as { readonly [name: string]: JsonValue });
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${jsKey(k)}: ${jsonLiteral(v, inner)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

export function jsObject(
  input: Readonly<Record<string, SnippetValue | undefined>>,
  indent: string,
) {
  const lines = Object.entries(input)
    .filter((entry): entry is [string, SnippetValue] => entry[1] !== undefined)
    .map(([name, value]) => `${indent}  ${jsKey(name)}: ${jsValue(value, `${indent}  `)},`);
  return lines.length === 0 ? '{}' : `{\n${lines.join('\n')}\n${indent}}`;
}

export const readsFiles = (input: Readonly<Record<string, SnippetValue | undefined>>) =>
  Object.values(input).some((value) => value !== undefined && isFile(value));
