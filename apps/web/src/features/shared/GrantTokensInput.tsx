import { TextAreaField } from './Fields';

/** The tokens typed one per line (blank lines ignored); undefined when there are none. */
export function grantTokensOf(text: string): string[] | undefined {
  const tokens = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return tokens.length === 0 ? undefined : tokens;
}

/**
 * A request's optional GrantTokens: a token CreateGrant returned (Keys, Grants) is accepted,
 * a made-up one refused with InvalidGrantTokenException.
 */
export function GrantTokensInput({
  value,
  onChange,
}: {
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <TextAreaField
      label="Grant tokens (optional, one per line)"
      value={value}
      onChange={onChange}
      spellCheck={false}
      autoComplete="off"
      placeholder="A GrantToken from Keys, Grants"
    />
  );
}
