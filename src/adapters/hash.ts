// SHA-256 of a rulebook's bytes, the identity of a rulebook on the device.
// Uses Web Crypto, so it runs in the worker, on the page and in Node 20 alike.

import { AppError } from '../core/errors';

/** Lowercase hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  // crypto.subtle only exists in secure contexts (https or localhost).
  if (!subtle) throw new AppError('unknown', 'crypto.subtle is unavailable: serve the app over https or localhost');
  // digest() refuses views over a SharedArrayBuffer; slice() copies into a plain ArrayBuffer.
  const input = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
  const digest = new Uint8Array(await subtle.digest('SHA-256', input));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
