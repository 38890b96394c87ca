// `npm run eval -- --pdf <file.pdf> --qa <questions.jsonl> [options]`: scores retrieval and the clause
// answer on a rulebook with the app's own pipeline, beside the study's retriever. Node, offline.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CHUNKING, STUDY_CHUNKING } from '../src/core/chunking';
import { DEFAULT_EMBEDDING_MODEL_ID, getEmbeddingModel } from '../src/core/embedding-models';
import { formatComparisonTable, formatMetricsTable } from '../src/core/eval-metrics';
import { evaluateQuestions, STUDY_PRESET, type EvalConfig, type EvalRun } from '../src/core/evaluate';
import { parseQuestionFile } from '../src/core/question-file';
import { DEFAULT_SEARCH } from '../src/core/rulebook-service';
import type { ChunkSettings, RetrievalMode, SearchSettings, Similarity } from '../src/core/types';
import { createNodeEmbedder, createNodeService } from '../src/node/pipeline';

const USAGE = `Usage: npm run eval -- --pdf <file.pdf> --qa <questions.jsonl> [--k 3] [--model <id>]
  [--similarity dot|cosine] [--retrieval hybrid|dense|bm25] [--preset study]
  [--chunk-tokens N] [--overlap N] [--json <out.json>] [--no-compare]`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) fail(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number`);
  return n;
}

export function configFromArgs(values: Record<string, string | boolean | undefined>): EvalConfig {
  const str = (k: string) => values[k] as string | undefined;
  const modelId = str('model') ?? DEFAULT_EMBEDDING_MODEL_ID;
  if (!getEmbeddingModel(modelId)) fail(`unknown model "${modelId}"`);
  const preset = oneOf(str('preset'), ['study', 'default'] as const, 'preset');
  const base = preset === 'study' ? STUDY_PRESET : { chunking: DEFAULT_CHUNKING, search: DEFAULT_SEARCH };
  const chunking: ChunkSettings = {
    ...base.chunking,
    maxTokens: positiveInt(str('chunk-tokens'), 'chunk-tokens') ?? base.chunking.maxTokens,
    overlapTokens: positiveInt(str('overlap'), 'overlap') ?? base.chunking.overlapTokens,
  };
  const search: SearchSettings = {
    topK: positiveInt(str('k'), 'k') ?? base.search.topK,
    similarity: oneOf<Similarity>(str('similarity'), ['dot', 'cosine'], 'similarity') ?? base.search.similarity,
    retrieval: oneOf<RetrievalMode>(str('retrieval'), ['hybrid', 'dense', 'bm25'], 'retrieval') ?? base.search.retrieval,
  };
  return { label: preset === 'study' ? 'study' : 'Pitchside', modelId, chunking, search };
}

async function run(pdf: Uint8Array, pdfName: string, questionsText: string, config: EvalConfig): Promise<EvalRun> {
  const embedder = await createNodeEmbedder(config.modelId);
  const service = await createNodeService({ embedder, chunking: config.chunking });
  const { rulebook } = await service.addRulebook(pdfName, pdf);
  const questions = parseQuestionFile(questionsText);
  return evaluateQuestions(questions, config, (q, search) => service.ask(rulebook.hash, q, search));
}

async function main() {
  const { values } = parseArgs({
    options: {
      pdf: { type: 'string' },
      qa: { type: 'string' },
      k: { type: 'string' },
      model: { type: 'string' },
      similarity: { type: 'string' },
      retrieval: { type: 'string' },
      preset: { type: 'string' },
      'chunk-tokens': { type: 'string' },
      overlap: { type: 'string' },
      json: { type: 'string' },
      'no-compare': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!values.pdf || !values.qa) fail('--pdf and --qa are required');
  const config = configFromArgs(values);
  const pdf = new Uint8Array(readFileSync(values.pdf));
  const questionsText = readFileSync(values.qa, 'utf8');
  const name = basename(values.pdf);

  const result = await run(pdf, name, questionsText, config);
  console.log(`${config.label}: ${describe(config)}\n`);
  console.log(formatMetricsTable(result.per_question, result.metrics));

  let baseline: EvalRun | undefined;
  if (config.label !== 'study' && !values['no-compare']) {
    const study: EvalConfig = { label: 'study', modelId: config.modelId, ...STUDY_PRESET };
    baseline = await run(pdf, name, questionsText, study);
    console.log(`study: ${describe(study)}\n`);
    console.log(formatComparisonTable({ label: 'study', ...baseline }, { label: config.label, ...result }));
  }

  if (values.json) {
    const out = { ...result.metrics, config: { ...config, pdf: name, questions: values.qa }, per_question: result.per_question, ...(baseline ? { baseline: { config: baseline.config, ...baseline.metrics } } : {}) };
    writeFileSync(values.json, JSON.stringify(out, null, 2));
    console.log(`\nwrote ${values.json}`);
  }
}

function describe(c: EvalConfig): string {
  const ch = c.chunking;
  return `model ${c.modelId}, ${ch.strategy} chunks of ${ch.maxTokens} tokens (overlap ${ch.overlapTokens}), ${c.search.retrieval} ${c.search.similarity}, top ${c.search.topK}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
