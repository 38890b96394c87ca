// Builds the key a stored index is filed under: rulebook hash + embedding model + chunk settings.
// Pure; runs on every thread and in Node.

import type { IndexKeyParts } from './types';

/**
 * `"<hash>|<modelId>|<strategy>:<maxTokens>:<overlapTokens>"`, e.g.
 * `"9f86…0f08|Snowflake/snowflake-arctic-embed-xs|structured:256:32"`.
 * Fields are read by name, so the same parts always give the same key whatever their object order.
 * The hash is hex and the last field has a fixed shape, so the key stays unambiguous even if a
 * model id contains `|`.
 */
export function indexKey(parts: IndexKeyParts): string {
  const { hash, modelId, chunking } = parts;
  if (!hash || hash.includes('|')) throw new RangeError(`indexKey: bad rulebook hash ${JSON.stringify(hash)}`);
  if (!modelId) throw new RangeError('indexKey: empty model id');
  const { strategy, maxTokens, overlapTokens } = chunking;
  if (!Number.isInteger(maxTokens) || maxTokens <= 0) {
    throw new RangeError(`indexKey: maxTokens must be a positive integer, got ${maxTokens}`);
  }
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0) {
    throw new RangeError(`indexKey: overlapTokens must be a non-negative integer, got ${overlapTokens}`);
  }
  return `${hash}|${modelId}|${strategy}:${maxTokens}:${overlapTokens}`;
}
