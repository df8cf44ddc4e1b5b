import type { ReactNode } from 'react';

const HEX = '0123456789abcdef';

/** The text of bytes [from, to): 16 a line, each line led by its offset. */
function hexText(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) {
    const byte = bytes[i] as number;
    if (i % 16 === 0) text += `${i === 0 ? '' : '\n'}${i.toString(16).padStart(4, '0')}  `;
    else text += ' ';
    text += (HEX[byte >> 4] as string) + (HEX[byte & 15] as string);
  }
  return text;
}

export interface ByteRange {
  start: number;
  end: number;
}

/** A hex dump with one range marked: the bytes of the element selected in the tree. */
export function HexView({
  bytes,
  marked,
  testId,
  label,
}: {
  bytes: Uint8Array;
  marked: ByteRange | undefined;
  testId: string;
  label: string;
}) {
  let content: ReactNode;
  if (!marked || marked.end <= marked.start) content = hexText(bytes, 0, bytes.length);
  else
    content = (
      <>
        {hexText(bytes, 0, marked.start)}
        <mark>{hexText(bytes, marked.start, marked.end)}</mark>
        {hexText(bytes, marked.end, bytes.length)}
      </>
    );
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable dump must be reachable by keyboard
    <pre className="hexview" data-testid={testId} title={label} tabIndex={0}>
      {content}
    </pre>
  );
}
