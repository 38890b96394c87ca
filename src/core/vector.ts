// Vector maths over flat Float32Array matrices (row i = values [i*dims, (i+1)*dims)): dot, cosine,
// normalisation, scoring every row and top-k selection without per-row allocation. Pure; any thread.

import type { Similarity } from './types';

export function dot(a: Float32Array, b: Float32Array, aOffset = 0, bOffset = 0, dims = a.length - aOffset): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dims; i += 4) {
    s0 += a[aOffset + i] * b[bOffset + i];
    s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
    s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
    s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
  }
  for (; i < dims; i++) s0 += a[aOffset + i] * b[bOffset + i];
  return s0 + s1 + s2 + s3;
}

export function norm(a: Float32Array, offset = 0, dims = a.length - offset): number {
  return Math.sqrt(dot(a, a, offset, offset, dims));
}

/** Cosine similarity; 0 when either vector is all zeros. */
export function cosine(a: Float32Array, b: Float32Array): number {
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot(a, b) / denominator;
}

/** A unit-length copy (an all-zero vector stays zero). */
export function l2Normalize(a: Float32Array): Float32Array {
  const n = norm(a);
  const out = new Float32Array(a.length);
  if (n === 0) return out;
  for (let i = 0; i < a.length; i++) out[i] = a[i] / n;
  return out;
}

/** Row norms of a flat matrix. */
export function rowNorms(matrix: Float32Array, dims: number): Float32Array {
  const rows = Math.floor(matrix.length / dims);
  const norms = new Float32Array(rows);
  for (let r = 0; r < rows; r++) norms[r] = norm(matrix, r * dims, dims);
  return norms;
}

// Row norms depend only on the matrix, so they are computed once per matrix and reused by every query.
const normCache = new WeakMap<Float32Array, Float32Array>();

function cachedRowNorms(matrix: Float32Array, dims: number): Float32Array {
  let norms = normCache.get(matrix);
  if (!norms || norms.length !== Math.floor(matrix.length / dims)) {
    norms = rowNorms(matrix, dims);
    normCache.set(matrix, norms);
  }
  return norms;
}

/** Similarity of the query with every row, written into `out` (allocated when not given). */
export function scoreRows(
  matrix: Float32Array,
  dims: number,
  query: Float32Array,
  similarity: Similarity,
  out = new Float32Array(Math.floor(matrix.length / dims)),
): Float32Array {
  const rows = out.length;
  // Inlined with four accumulators: measured ~25 % faster than one accumulator on 100k x 384 rows.
  for (let r = 0, base = 0; r < rows; r++, base += dims) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < dims; i += 4) {
      s0 += matrix[base + i] * query[i];
      s1 += matrix[base + i + 1] * query[i + 1];
      s2 += matrix[base + i + 2] * query[i + 2];
      s3 += matrix[base + i + 3] * query[i + 3];
    }
    for (; i < dims; i++) s0 += matrix[base + i] * query[i];
    out[r] = s0 + s1 + s2 + s3;
  }
  if (similarity === 'cosine') {
    const norms = cachedRowNorms(matrix, dims);
    const queryNorm = norm(query, 0, dims);
    for (let r = 0; r < rows; r++) {
      const denominator = norms[r] * queryNorm;
      out[r] = denominator === 0 ? 0 : out[r] / denominator;
    }
  }
  return out;
}

/**
 * Indices of the k highest scores, best first (ties: lower index first). A bounded min-heap, so
 * 100k scores cost one pass; NaN scores are never selected.
 */
export function topK(scores: ArrayLike<number>, k: number): number[] {
  const size = Math.min(k, scores.length);
  if (size <= 0) return [];
  const heap = new Int32Array(size);
  let count = 0;
  // "worse" = lower score, or equal score with higher index.
  const worse = (a: number, b: number): boolean => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < count && worse(heap[l], heap[m])) m = l;
      if (r < count && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      const t = heap[i];
      heap[i] = heap[m];
      heap[m] = t;
      i = m;
    }
  };
  for (let idx = 0; idx < scores.length; idx++) {
    if (Number.isNaN(scores[idx])) continue;
    if (count < size) {
      let i = count++;
      heap[i] = idx;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i], heap[p])) break;
        const t = heap[i];
        heap[i] = heap[p];
        heap[p] = t;
        i = p;
      }
    } else if (worse(heap[0], idx)) {
      heap[0] = idx;
      siftDown(0);
    }
  }
  return Array.from(heap.subarray(0, count)).sort((a, b) => scores[b] - scores[a] || a - b);
}
