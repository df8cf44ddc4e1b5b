/**
 * Messages and signatures handed to WebCrypto's sign and verify. WebCrypto takes a copy of the
 * bytes it is given when it is called (WebCrypto, "get a copy of the buffer source"), so a
 * view of an ArrayBuffer goes in as it is; keypairs/bytes.ts's bufferSource copies every time,
 * which cost a tenth of what the engine adds to a Sign or Verify. Only a view of a
 * SharedArrayBuffer, which WebCrypto refuses, is still copied.
 */
import { bufferSource } from '../keypairs/bytes.js';

export function webCryptoBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : bufferSource(bytes);
}
