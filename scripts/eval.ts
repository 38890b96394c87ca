// `npm run eval -- --pdf <file.pdf> --qa <questions.jsonl> [options]`: scores retrieval and the clause
// answer on a rulebook with the app's own pipeline, beside the study's retriever. Node, offline.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CHUNKING, STUDY_CHUNKING } from '../src/core/chunking';
import { DEFAULT_EMBEDDING_MODEL_ID, getEmbeddingModel } from '../src/core/embedding-models';
import { DEFAULT_TUNING, withSetting, type AnswerTuning } from '../src/core/answer-tuning';
import { formatComparisonTable, formatMetricsTable, formatRiskCoverage, METRIC_KEYS, riskCoverage, sureAnswers } from '../src/core/eval-metrics';
import { evaluateQuestions, STUDY_PRESET, type EvalConfig, type EvalRun } from '../src/core/evaluate';
import { parseQuestionFiles, questionsOfHalf, type EvalQuestion } from '../src/core/question-file';
import { DEFAULT_SEARCH } from '../src/core/rulebook-service';
import type { ChunkSettings, RetrievalMode, SearchSettings, Similarity } from '../src/core/types';
import { createNodeEmbedder, createNodeService } from '../src/node/pipeline';

const USAGE = `Usage: npm run eval -- --pdf <file.pdf> --qa <questions.jsonl> [--qa <more.jsonl> ...] [--k 3] [--model <id>]
  [--similarity dot|cosine] [--retrieval hybrid|dense|bm25] [--preset study]
  [--chunk-tokens N] [--overlap N] [--json <out.json>] [--no-compare]
  [--half tune|report] [--set section.key=value ...] [--sweep section.key=v1,v2,...]
  --qa may be given several times: the files' questions are scored together (ids must differ).
  --half keeps the odd ids (tune) or the even ids (report) of each file.
  --set changes a constant of the answer tuning (src/core/answer-tuning.ts), e.g. --set rerank.bm25Weight=0.5;
  --sweep prints the metrics for each value of one constant (no per-question table).`;

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

export function configFromArgs(values: Record<string, string | string[] | boolean | undefined>): EvalConfig {
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
  return {
    label: preset === 'study' ? 'study' : 'Pitchside',
    modelId,
    chunking,
    search: preset === 'study' ? { ...search, rerank: false } : search,
  };
}

/** Applies `--set name=value` arguments to the default tuning. */
export function tuningFromArgs(sets: readonly string[]): AnswerTuning {
  return sets.reduce((tuning, arg) => {
    const [name, value] = arg.split('=');
    const n = Number(value);
    if (!name || value === undefined || !Number.isFinite(n)) fail(`--set needs name=number, got "${arg}"`);
    try {
      return withSetting(tuning, name, n);
    } catch (error) {
      return fail((error as Error).message);
    }
  }, DEFAULT_TUNING);
}

/** The questions of every file, in order; a malformed file or an id used twice ends the run with the reason. */
function readQuestionFiles(files: readonly string[]): EvalQuestion[] {
  try {
    return parseQuestionFiles(files.map((name) => ({ name, text: readFileSync(name, 'utf8') })));
  } catch (error) {
    return fail((error as Error).message);
  }
}

/** Odd ids tune, even ids report: the number at the end of the id decides. */

export function selectHalf(questions: readonly EvalQuestion[], half: string | undefined): EvalQuestion[] {
  if (half === undefined) return [...questions];
  if (half !== 'tune' && half !== 'report') fail('--half must be tune or report');
  return questionsOfHalf(questions, half);
}

interface Prepared {
  ask: (question: string, search: SearchSettings, tuning: AnswerTuning) => ReturnType<Awaited<ReturnType<typeof createNodeService>>['ask']>;
}

async function prepare(pdf: Uint8Array, pdfName: string, config: EvalConfig): Promise<Prepared> {
  const embedder = await createNodeEmbedder(config.modelId);
  const service = await createNodeService({ embedder, chunking: config.chunking });
  const { rulebook } = await service.addRulebook(pdfName, pdf);
  return { ask: (q, search, tuning) => service.ask(rulebook.hash, q, search, { tuning }) };
}

function run(prepared: Prepared, questions: readonly EvalQuestion[], config: EvalConfig, tuning: AnswerTuning): Promise<EvalRun> {
  return evaluateQuestions(questions, config, (q, search) => prepared.ask(q, search, tuning));
}

const RISK_THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];

async function main() {
  const { values } = parseArgs({
    options: {
      pdf: { type: 'string' },
      qa: { type: 'string', multiple: true },
      k: { type: 'string' },
      model: { type: 'string' },
      similarity: { type: 'string' },
      retrieval: { type: 'string' },
      preset: { type: 'string' },
      'chunk-tokens': { type: 'string' },
      overlap: { type: 'string' },
      json: { type: 'string' },
      'no-compare': { type: 'boolean' },
      half: { type: 'string' },
      set: { type: 'string', multiple: true },
      sweep: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!values.pdf || !values.qa?.length) fail('--pdf and --qa are required');
  const config = configFromArgs(values);
  const tuning = tuningFromArgs(values.set ?? []);
  const pdf = new Uint8Array(readFileSync(values.pdf));
  const questions = selectHalf(readQuestionFiles(values.qa), values.half);
  const name = basename(values.pdf);
  const prepared = await prepare(pdf, name, config);

  if (values.sweep) {
    const [setting, list] = values.sweep.split('=');
    if (!setting || !list) fail('--sweep needs name=v1,v2,...');
    console.log(`${config.label}: ${describe(config)}; sweeping ${setting}${values.half ? ` on the ${values.half} half` : ''}\n`);
    const rows: string[][] = [];
    for (const value of list.split(',').map(Number)) {
      let swept: AnswerTuning;
      try {
        swept = withSetting(tuning, setting, value);
      } catch (error) {
        return fail((error as Error).message);
      }
      const result = await run(prepared, questions, config, swept);
      const sure = sureAnswers(result.per_question);
      rows.push([String(value), ...METRIC_KEYS.map((k) => result.metrics[k]?.toFixed(3) ?? 'n/a'), sure.accuracy?.toFixed(3) ?? 'n/a', sure.share.toFixed(3)]);
    }
    const header = [setting, ...METRIC_KEYS, 'sure_accuracy', 'sure_share'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padStart(widths[i])).join('  '));
    return;
  }

  const result = await run(prepared, questions, config, tuning);
  console.log(`${config.label}: ${describe(config)}${values.half ? `, ${values.half} half` : ''}\n`);
  console.log(formatMetricsTable(result.per_question, result.metrics));
  const risk = riskCoverage(result.per_question, RISK_THRESHOLDS);
  const sure = sureAnswers(result.per_question);
  console.log(
    `risk-coverage by confidence alone (sure also needs a lead ${tuning.coverage.sureMargin} above the next clause holding ` +
      `${tuning.coverage.sureLeadShare} of the question's terms, in a question of ${tuning.coverage.sureMinTerms} words or more ` +
      `unless it asks what a term means):\n${formatRiskCoverage(risk)}`,
  );
  console.log(`shown as sure: ${sure.share.toFixed(3)} of questions, right when sure: ${sure.accuracy?.toFixed(3) ?? 'n/a'}\n`);

  let baseline: EvalRun | undefined;
  if (config.label !== 'study' && !values['no-compare']) {
    const study: EvalConfig = { label: 'study', modelId: config.modelId, ...STUDY_PRESET, search: { ...STUDY_PRESET.search, rerank: false } };
    baseline = await run(await prepare(pdf, name, study), questions, study, tuning);
    console.log(`study: ${describe(study)}\n`);
    console.log(formatComparisonTable({ label: 'study', ...baseline }, { label: config.label, ...result }));
  }

  if (values.json) {
    const out = {
      ...result.metrics,
      config: { ...config, pdf: name, questions: values.qa.length === 1 ? values.qa[0] : values.qa, half: values.half ?? 'all', tuning: values.set ?? [] },
      risk_coverage: risk,
      per_question: result.per_question,
      ...(baseline ? { baseline: { config: baseline.config, ...baseline.metrics } } : {}),
    };
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
