import { shellQuote } from './shell';
import { isFile, isUtf8, kebabCase, type SnippetInput, type SnippetValue } from './types';

/** A shorthand map (k=v,k2=v2) only where no key or value needs escaping; JSON otherwise. */
const SHORTHAND_SAFE = /^[A-Za-z0-9_.\-/@:]+$/;

function cliValue(value: SnippetValue): string {
  if (typeof value === 'string') return shellQuote(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return '';
  if (isFile(value)) return shellQuote(`fileb://${value.file}`);
  if (isUtf8(value)) return shellQuote(value.utf8);
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
      !isFile(value) &&
      !isUtf8(value) &&
      Object.keys(value).length === 0
    )
      continue;
    const flag = `--${kebabCase(name)}`;
    if (typeof value === 'boolean') parts.push(value ? flag : `--no-${kebabCase(name)}`);
    else parts.push(`${flag} ${cliValue(value)}`);
  }
  return parts.join(' \\\n    ');
}
