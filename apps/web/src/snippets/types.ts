/**
 * A request's parameters as a snippet shows them. Blobs are files the user downloaded
 * (`file`), text sent as its UTF-8 bytes (`utf8`), or bytes written out as base64
 * (`base64`: a signature, a digest, a ciphertext pasted into the page).
 */
export type SnippetValue =
  | string
  | number
  | boolean
  | Readonly<Record<string, string>>
  | { readonly file: string }
  | { readonly utf8: string }
  | { readonly base64: string }
  /** A list of string maps, such as CreateKey's Tags. */
  | { readonly list: readonly Readonly<Record<string, string>>[] }
  /** Any other list or structure (CreateGrant's Operations and Constraints, GrantTokens). */
  | { readonly json: readonly JsonValue[] | { readonly [name: string]: JsonValue } };

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [name: string]: JsonValue };

export type SnippetInput = Readonly<Record<string, SnippetValue | undefined>>;

export const isFile = (value: SnippetValue): value is { file: string } =>
  typeof value === 'object' && 'file' in value && typeof value.file === 'string';

export const isUtf8 = (value: SnippetValue): value is { utf8: string } =>
  typeof value === 'object' && 'utf8' in value && typeof value.utf8 === 'string';

export const isBase64 = (value: SnippetValue): value is { base64: string } =>
  typeof value === 'object' && 'base64' in value && typeof value.base64 === 'string';

export const isList = (
  value: SnippetValue,
): value is { list: readonly Readonly<Record<string, string>>[] } =>
  typeof value === 'object' && 'list' in value && Array.isArray(value.list);

/** A list or object as JSON; not a string map that happens to have a "json" key. */
export const isJson = (
  value: SnippetValue,
): value is { json: readonly JsonValue[] | { readonly [name: string]: JsonValue } } =>
  typeof value === 'object' &&
  'json' in value &&
  typeof value.json === 'object' &&
  value.json !== null;

/** True for the values that stand for bytes rather than a map of strings. */
export const isBytes = (value: SnippetValue) => isFile(value) || isUtf8(value) || isBase64(value);

/** 'GenerateDataKeyPair' → 'generate-data-key-pair', as the AWS CLI names things. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
