import { toBase64, utf8 } from '../lib/bytes';
import { shellQuote } from './shell';
import {
  isBase64,
  isBytes,
  isFile,
  isJson,
  isList,
  isUtf8,
  kebabCase,
  type SnippetInput,
  type SnippetValue,
} from './types';

/** A shorthand map (k=v,k2=v2) only where no key or value needs escaping; JSON otherwise. */
const SHORTHAND_SAFE = /^[A-Za-z0-9_.\-/@:]+$/;

/**
 * One argument's text. AWS CLI v2 reads an inline blob argument as base64
 * (cli_binary_format base64, its default), so text and bytes are written as base64;
 * fileb:// reads a file's bytes as they are.
 */
function cliValue(value: SnippetValue): string {
  if (typeof value === 'string') return shellQuote(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return '';
  if (isFile(value)) return shellQuote(`fileb://${value.file}`);
  if (isUtf8(value)) return shellQuote(toBase64(utf8(value.utf8)));
  if (isBase64(value)) return shellQuote(value.base64);
  // The CLI reads JSON for any parameter: '["Decrypt","Encrypt"]', '{"EncryptionContextSubset":...}'.
  if (isJson(value)) return shellQuote(JSON.stringify(value.json));
  // A list: one shorthand map per item, separated by spaces, as the CLI reads --tags.
  if (isList(value)) return value.list.map(mapValue).join(' ');
  return mapValue(value as Readonly<Record<string, string>>);
}

function mapValue(value: Readonly<Record<string, string>>): string {
  const entries = Object.entries(value);
  if (entries.every(([k, v]) => SHORTHAND_SAFE.test(k) && SHORTHAND_SAFE.test(v)))
    return entries.map(([k, v]) => `${k}=${v}`).join(',');
  return shellQuote(JSON.stringify(value));
}

/** The AWS CLI command of an operation, e.g. `aws kms generate-data-key-pair --key-id ...`. */
export function awsCliCommand(operation: string, input: SnippetInput): string {
  const parts = [`aws kms ${kebabCase(operation)}`];
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (
      typeof value === 'object' &&
      !isBytes(value) &&
      !isJson(value) &&
      Object.keys(value).length === 0
    )
      continue;
    const flag = `--${kebabCase(name)}`;
    if (typeof value === 'boolean') parts.push(value ? flag : `--no-${kebabCase(name)}`);
    else parts.push(`${flag} ${cliValue(value)}`);
  }
  return parts.join(' \\\n    ');
}
