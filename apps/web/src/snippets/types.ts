/** A request's parameters as a snippet shows them; blobs are files the user downloaded. */
export type SnippetValue =
  | string
  | number
  | boolean
  | Readonly<Record<string, string>>
  | { readonly file: string }
  | { readonly utf8: string };

export type SnippetInput = Readonly<Record<string, SnippetValue | undefined>>;

export const isFile = (value: SnippetValue): value is { file: string } =>
  typeof value === 'object' && 'file' in value && typeof value.file === 'string';

export const isUtf8 = (value: SnippetValue): value is { utf8: string } =>
  typeof value === 'object' && 'utf8' in value && typeof value.utf8 === 'string';

/** 'GenerateDataKeyPair' → 'generate-data-key-pair', as the AWS CLI names things. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
