// gzip for rule packs through the Compression Streams API, which browsers, their workers and Node 20 all
// have. Runs in the rulebook worker and in Node.

import type { PackCompression } from '../core/rule-pack';

/** undefined where the API is missing (Safari before 16.4): packs are then written uncompressed. */
export function createGzip(): PackCompression | undefined {
  if (typeof CompressionStream === 'undefined' || typeof DecompressionStream === 'undefined') return undefined;
  return {
    gzip: (bytes) => pipe(bytes, new CompressionStream('gzip')),
    gunzip: (bytes) => pipe(bytes, new DecompressionStream('gzip')),
  };
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const input = new Blob([bytes.slice()]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(input).arrayBuffer());
}
