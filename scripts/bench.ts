// `npm run bench -- --pdf <file.pdf> [--json out.json]`: speed and memory of the retrieval pipeline in
// Node on the shipped model, beside the naive way (study chunking, one embedding call per chunk).

import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBm25 } from '../src/core/bm25';
import { chunkUnits, DEFAULT_CHUNKING, STUDY_CHUNKING } from '../src/core/chunking';
import type { Embedder } from '../src/core/embedder';
import { STUDY_PRESET } from '../src/core/evaluate';
import { parseQuestionFile } from '../src/core/question-file';
import { DEFAULT_SEARCH } from '../src/core/rulebook-service';
import { searchChunks } from '../src/core/search';
import { parseRulebook } from '../src/core/structure';
import type { Chunk, ChunkSettings } from '../src/core/types';
import { createNodeEmbedder, createNodeExtractor, createNodeService } from '../src/node/pipeline';

const DEFAULT_QUESTIONS = new URL('../eval/questions/fit-touch-5th.jsonl', import.meta.url);
const QUERY_RUNS = 120;
const WARMUP_RUNS = 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function measureIndex(pdf: Uint8Array, chunking: ChunkSettings, embedder: Embedder, perChunk: boolean) {
  const t0 = performance.now();
  const doc = await createNodeExtractor().extract(pdf, {});
  const t1 = performance.now();
  const chunks = chunkUnits(parseRulebook(doc.lines), chunking, embedder);
  if (perChunk) {
    for (const c of chunks) await embedder.embed([c.text], { kind: 'document' });
  } else {
    await embedder.embed(chunks.map((c) => c.text), { kind: 'document', batchSize: 16 });
  }
  const t2 = performance.now();
  const tokens = chunks.reduce((sum, c) => sum + c.tokenCount, 0);
  return { pages: doc.pageCount, chunks: chunks.length, tokens, extract_ms: t1 - t0, index_ms: t2 - t1 };
}

async function measureQueries(pdf: Uint8Array, questions: string[], chunking: ChunkSettings, search = DEFAULT_SEARCH) {
  const service = await createNodeService({ chunking });
  const { rulebook } = await service.addRulebook('bench', pdf);
  for (let i = 0; i < WARMUP_RUNS; i++) await service.ask(rulebook.hash, questions[i % questions.length], search);
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const t = performance.now();
    await service.ask(rulebook.hash, questions[i % questions.length], search);
    times.push(performance.now() - t);
  }
  return { query_p50_ms: percentile(times, 50), query_p95_ms: percentile(times, 95) };
}

/** Hybrid search alone over a synthetic index of n chunks (random unit vectors, rulebook-like text). */
function measureSearch(n: number, dims: number, words: string[]): number {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const vectors = new Float32Array(n * dims).map(() => rand() - 0.5);
  const chunks: Chunk[] = Array.from({ length: n }, (_, i) => {
    const text = Array.from({ length: 40 }, () => words[Math.floor(rand() * words.length)]).join(' ');
    return { index: i, refs: [`${1 + (i % 25)}.${i}`], spans: [{ unit: i, start: 0, end: text.length }], sectionTitle: 'Synthetic', text, pages: [1], tokenCount: 40 };
  });
  const bm25 = buildBm25(chunks.map((c) => c.text));
  const query = { text: 'how far must defenders retire at a penalty', vector: vectors.slice(0, dims) };
  const runs = n >= 100_000 ? 5 : 20;
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    searchChunks({ chunks, vectors, dims, bm25 }, query, DEFAULT_SEARCH);
    if (i >= 2) times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

async function main() {
  const { values } = parseArgs({ options: { pdf: { type: 'string' }, qa: { type: 'string' }, json: { type: 'string' } } });
  if (!values.pdf) {
    console.error('Usage: npm run bench -- --pdf <file.pdf> [--qa questions.jsonl] [--json out.json]');
    process.exit(2);
  }
  const pdf = new Uint8Array(readFileSync(values.pdf));
  const questions = parseQuestionFile(readFileSync(values.qa ?? DEFAULT_QUESTIONS, 'utf8')).map((q) => q.question);
  const embedder = await createNodeEmbedder();
  await embedder.embed(['warm up'], { kind: 'query' });

  const index = await measureIndex(pdf, DEFAULT_CHUNKING, embedder, false);
  const queries = await measureQueries(pdf, questions, DEFAULT_CHUNKING);
  const baseIndex = await measureIndex(pdf, STUDY_CHUNKING, embedder, true);
  const baseQueries = await measureQueries(pdf, questions, STUDY_CHUNKING, STUDY_PRESET.search);
  const words = readFileSync(new URL('../tests/fixtures/sample-rulebook.ts', import.meta.url), 'utf8').toLowerCase().match(/[a-z]{3,}/g) ?? ['rule'];
  const dims = embedder.model.dims;
  const result = {
    pdf: basename(values.pdf),
    model: embedder.model.id,
    machine: `${process.platform} ${process.arch}, ${cpus().length} logical cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), node ${process.version}`,
    date: new Date().toISOString(),
    pages: index.pages,
    chunks: index.chunks,
    tokens: index.tokens,
    extract_ms: round(index.extract_ms),
    index_ms: round(index.index_ms),
    chunks_per_s: round(index.chunks / (index.index_ms / 1000), 1),
    tokens_per_s: round(index.tokens / (index.index_ms / 1000), 0),
    query_runs: QUERY_RUNS,
    query_p50_ms: round(queries.query_p50_ms),
    query_p95_ms: round(queries.query_p95_ms),
    search_1k_ms: round(measureSearch(1_000, dims, words), 3),
    search_10k_ms: round(measureSearch(10_000, dims, words), 3),
    search_100k_ms: round(measureSearch(100_000, dims, words), 3),
    peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 0),
    baseline: {
      description: 'study chunking (100-token windows, 50 overlap), one embedding call per chunk, dense dot top 3',
      chunks: baseIndex.chunks,
      tokens: baseIndex.tokens,
      index_ms: round(baseIndex.index_ms),
      query_p50_ms: round(baseQueries.query_p50_ms),
      query_p95_ms: round(baseQueries.query_p95_ms),
      index_speedup: round(baseIndex.index_ms / index.index_ms),
      query_p50_ratio: round(baseQueries.query_p50_ms / queries.query_p50_ms),
    },
  };
  const rows: [string, unknown][] = Object.entries(result).filter(([, v]) => typeof v !== 'object');
  rows.push(...Object.entries(result.baseline).map(([k, v]) => [`baseline.${k}`, v] as [string, unknown]));
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${String(v)}`).join('\n'));
  if (values.json) {
    writeFileSync(values.json, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nwrote ${values.json}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
