/**
 * PEM for SubjectPublicKeyInfo ('PUBLIC KEY') and PKCS #8 ('PRIVATE KEY'), RFC 7468.
 *
 * Writing follows the strict grammar (64-character lines, LF). Reading accepts exactly one
 * block in that grammar, tolerating CRLF line ends and whitespace around the block or at
 * line ends; anything else (explanatory text, headers, bad base64, short lines mid-body)
 * is rejected with a PemError saying what is wrong.
 */
import { base64 } from '@scure/base';

export const PEM_LABELS = ['PUBLIC KEY', 'PRIVATE KEY'] as const;
export type PemLabel = (typeof PEM_LABELS)[number];

export interface PemDocument {
  label: PemLabel;
  der: Uint8Array;
}

/** A malformed PEM document, or one with an unexpected label. */
export class PemError extends Error {
  override name = 'PemError';
}

const LINE_LENGTH = 64;
const BEGIN = /^-----BEGIN (.*)-----$/;
const END = /^-----END (.*)-----$/;
const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;

function isPemLabel(label: string): label is PemLabel {
  return (PEM_LABELS as readonly string[]).includes(label);
}

/** Wraps DER in a PEM block with 64-character base64 lines and a final newline. */
export function toPem(der: Uint8Array, label: PemLabel): string {
  if (!isPemLabel(label)) throw new PemError(`PEM: unsupported label '${String(label)}'`);
  if (!(der instanceof Uint8Array) || der.length === 0) throw new PemError('PEM: no DER to encode');
  const body = base64.encode(der);
  const lines: string[] = [];
  for (let start = 0; start < body.length; start += LINE_LENGTH) {
    lines.push(body.slice(start, start + LINE_LENGTH));
  }
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Reads one PEM block; with `expectedLabel`, any other label is an error. */
export function fromPem(text: string, expectedLabel?: PemLabel): PemDocument {
  if (typeof text !== 'string') throw new PemError('PEM: expected a string');
  const lines = text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t]+$/, ''));
  const [first = ''] = lines;

  const begin = BEGIN.exec(first);
  if (begin === null) {
    throw new PemError(
      lines.some((line) => BEGIN.test(line))
        ? 'PEM: text before the BEGIN line is not allowed'
        : "PEM: missing '-----BEGIN <label>-----' line",
    );
  }
  const label = begin[1] ?? '';
  const endIndex = lines.findIndex((line) => line.startsWith('-----END'));
  if (endIndex === -1) throw new PemError(`PEM: missing '-----END ${label}-----' line`);
  const end = END.exec(lines[endIndex] ?? '');
  if (end === null) throw new PemError('PEM: malformed END line');
  if (end[1] !== label) {
    throw new PemError(`PEM: END label '${end[1]}' does not match BEGIN label '${label}'`);
  }
  if (endIndex !== lines.length - 1) {
    throw new PemError('PEM: text after the END line is not allowed (one block expected)');
  }
  if (!isPemLabel(label)) {
    throw new PemError(`PEM: unsupported label '${label}' (expected ${PEM_LABELS.join(' or ')})`);
  }
  if (expectedLabel !== undefined && label !== expectedLabel) {
    throw new PemError(`PEM: expected a '${expectedLabel}' block, found '${label}'`);
  }

  return { label, der: decodeBody(lines.slice(1, endIndex)) };
}

function decodeBody(lines: string[]): Uint8Array {
  if (lines.length === 0) throw new PemError('PEM: the body is empty');
  lines.forEach((line, index) => {
    const lineNumber = index + 2;
    if (line === '') throw new PemError(`PEM: line ${lineNumber} is blank`);
    if (line.includes(':')) {
      throw new PemError(
        `PEM: line ${lineNumber} is a header; encrypted or RFC 1421 PEM is not supported`,
      );
    }
    if (!BASE64_LINE.test(line)) {
      throw new PemError(`PEM: line ${lineNumber} is not base64`);
    }
    const isLast = index === lines.length - 1;
    if (line.length > LINE_LENGTH || (!isLast && line.length !== LINE_LENGTH)) {
      throw new PemError(
        `PEM: line ${lineNumber} has ${line.length} characters; RFC 7468 lines are ${LINE_LENGTH}, the last at most ${LINE_LENGTH}`,
      );
    }
  });
  let der: Uint8Array;
  try {
    der = base64.decode(lines.join(''));
  } catch (error) {
    throw new PemError(
      `PEM: invalid base64 (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (der.length === 0) throw new PemError('PEM: the body is empty');
  return der;
}
