import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';

/**
 * Looks for one particular private key in the page's own JavaScript heap, knowing only what
 * the enclave reports of it: its size and the SHA-256 of its PKCS #8 DER. A PKCS #8
 * PrivateKeyInfo of a given key type always opens with the same bytes after its SEQUENCE
 * header (version 0, then the AlgorithmIdentifier: `PKCS8_PREFIXES` in secrets.ts), so
 * wherever those bytes occur, the `size` bytes starting 2, 3 or 4 bytes earlier (the header's
 * length) are hashed and compared: a key present whole is found, and finding nothing proves
 * it absent from what was searched.
 *
 * What is searched: every string of a heap snapshot of the page's main thread (CDP
 * HeapProfiler.takeHeapSnapshot, which collects garbage first), read as binary (Latin-1), as
 * hex (with or without separators) and as base64 or base64url (PEM bodies included, at each
 * of the four alignments). Not searched: the bytes of ArrayBuffers and typed arrays. A heap
 * snapshot records no buffer contents, and Chromium's inspector withholds buffers from both
 * Runtime.queryObjects and HeapProfiler.getObjectByHeapObjectId ("Object is not available").
 */
export interface KeyToFind {
  /** DER prefix of a PKCS #8 of the key's type, after the outer SEQUENCE header. */
  prefix: Buffer;
  size: number;
  sha256Hex: string;
}

export interface HeapSearch {
  strings: number;
  /** Where the key was found, one line each: empty when it is absent. */
  found: string[];
}

/** Every place in `bytes` where the key starts, by the prefix and the hash. */
export function findKeyIn(bytes: Buffer, key: KeyToFind): number[] {
  const starts: number[] = [];
  for (let at = bytes.indexOf(key.prefix); at !== -1; at = bytes.indexOf(key.prefix, at + 1)) {
    for (const header of [2, 3, 4]) {
      const start = at - header;
      if (start < 0 || start + key.size > bytes.length) continue;
      const digest = createHash('sha256')
        .update(bytes.subarray(start, start + key.size))
        .digest('hex');
      if (digest === key.sha256Hex) starts.push(start);
    }
  }
  return starts;
}

const PEM_ARMOR = /-----(BEGIN|END) [A-Z0-9 ]+-----/g;
const HEX_RUN = /[0-9a-fA-F]{2}(?:[\s:]?[0-9a-fA-F]{2})+/g;
const BASE64_RUN = /[A-Za-z0-9+/_-]{4,}={0,2}(?:\s+[A-Za-z0-9+/_-]+={0,2})*/g;

/** The byte readings of one string in which an encoded key would appear whole. */
export function readingsOf(text: string, minimum: number): Buffer[] {
  const readings = [Buffer.from(text, 'latin1')];
  for (const [run] of text.matchAll(HEX_RUN)) {
    const hex = run.replace(/[\s:]/g, '');
    if (hex.length < minimum * 2) continue;
    readings.push(Buffer.from(hex, 'hex'), Buffer.from(hex.slice(1), 'hex'));
  }
  for (const [run] of text.replace(PEM_ARMOR, ' ').matchAll(BASE64_RUN)) {
    const base64 = run.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
    if (base64.length < (minimum * 4) / 3) continue;
    for (let offset = 0; offset < 4; offset++)
      readings.push(Buffer.from(base64.slice(offset), 'base64'));
  }
  return readings;
}

export async function searchPageHeap(page: Page, key: KeyToFind): Promise<HeapSearch> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    // A snapshot collects garbage first: what it lists is what the page still holds.
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const heap = JSON.parse(chunks.join('')) as { strings: string[] };
    const found: string[] = [];

    for (const text of heap.strings) {
      if (text.length < key.size) continue;
      if (readingsOf(text, key.size).some((bytes) => findKeyIn(bytes, key).length > 0))
        found.push(`text: a string of ${text.length} characters holds it (${text.slice(0, 40)}…)`);
    }

    return { strings: heap.strings.length, found };
  } finally {
    await cdp.detach();
  }
}
