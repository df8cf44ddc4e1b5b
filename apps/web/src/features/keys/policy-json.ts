import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';

/** A key policy's text as the editor checks it before PutKeyPolicy. */
export type PolicyCheck =
  | { ok: true }
  | { ok: false; message: string; line: number; column: number };

/** Line and column (both from 1) of an offset into the text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

const WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'a character JSON does not allow',
  InvalidNumberFormat: 'a number JSON cannot read',
  PropertyNameExpected: 'a property name in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: "':' expected after the property name",
  CommaExpected: "',' expected between two entries",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'nothing expected after the end of the document',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'an unfinished comment',
  UnexpectedEndOfString: 'an unfinished string',
  UnexpectedEndOfNumber: 'an unfinished number',
  InvalidUnicode: 'a \\u escape that is not four hex digits',
  InvalidEscapeCharacter: 'an escape JSON does not know',
  InvalidCharacter: 'a control character inside a string (write it escaped)',
};

/**
 * Checks that the text is one JSON object, as a key policy must be, and says where it is not.
 * jsonc-parser is strict here (no comments, no trailing commas) and, unlike JSON.parse, whose
 * message differs between engines, reports the offset of every error. Only the syntax is
 * checked: what the policy says is the engine's to check (MalformedPolicyDocumentException).
 */
export function checkPolicyJson(text: string): PolicyCheck {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first) {
    const code = printParseErrorCode(first.error);
    return { ok: false, message: WORDS[code] ?? code, ...lineAndColumn(text, first.offset) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      message: 'a key policy is one JSON object ({ ... })',
      ...lineAndColumn(text, text.search(/\S|$/)),
    };
  return { ok: true };
}

/** The policy as GetKeyPolicy returned it, indented for reading (left as it is if not JSON). */
export function prettyPolicy(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
