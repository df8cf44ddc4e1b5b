import { Fragment } from 'react';

/**
 * Where an identifier may break: between the words of a camel-case name
 * (AdvanceGenerate|DataKeyPair) and after the separators of specs, ARNs and key IDs
 * (ECC_|NIST_|P256, arn:|aws:|kms:…|key/|…, 1234abcd-|…).
 */
const BREAK_POINTS = /(?<=[a-z0-9])(?=[A-Z])|(?<=[_/:-])/;

/**
 * An identifier with soft break points (<wbr>), so a long operation name, spec or ARN wraps
 * at a sensible place rather than at any letter or not at all. The text (textContent, the
 * accessible name) is unchanged.
 */
export function Breakable({ text }: { text: string }) {
  let offset = 0;
  return (
    <>
      {text.split(BREAK_POINTS).map((part) => {
        const at = offset;
        offset += part.length;
        return (
          <Fragment key={at}>
            {at > 0 && <wbr />}
            {part}
          </Fragment>
        );
      })}
    </>
  );
}
