// `npm run train:rerank -- --pdf <file.pdf> --qa <questions.jsonl> [--qa ...] [--whole <questions.jsonl> ...]
// [--half tune]`: learns the reranker's weights (src/core/learn-rerank.ts) from the tuning half of question
// sets with known rules (and the whole of sets kept for tuning), and prints them as `--set` arguments for
// `npm run eval` to measure on the other half. Node, offline.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TUNING, withSetting } from '../src/core/answer-tuning';
import { featureVector, learnWeights, listwiseLoss, pairwiseLoss, RERANK_FEATURES, type RankingGroup } from '../src/core/learn-rerank';
import { parseQuestionFile, questionsOfHalf } from '../src/core/question-file';
import { DEFAULT_SEARCH } from '../src/core/rulebook-service';
import { createNodeService } from '../src/node/pipeline';

const { values } = parseArgs({
  options: {
    pdf: { type: 'string' },
    qa: { type: 'string', multiple: true },
    // Question files read whole rather than by half (sets kept for tuning only, such as the blind sets).
    whole: { type: 'string', multiple: true, default: [] },
    half: { type: 'string', default: 'tune' },
    l2: { type: 'string', default: '0.05' },
    iterations: { type: 'string', default: '3000' },
    'learning-rate': { type: 'string', default: '2' },
    loss: { type: 'string', default: 'listwise' },
    temperature: { type: 'string', default: '3' },
    // Signals left out (weight 0), e.g. --without maxSimWeight.
    without: { type: 'string', multiple: true, default: [] },
  },
});
if (!values.pdf || !values.qa?.length || (values.half !== 'tune' && values.half !== 'report')) {
  console.error('Usage: npm run train:rerank -- --pdf <file.pdf> --qa <questions.jsonl> [--qa ...] [--whole <questions.jsonl> ...] [--half tune|report] [--l2 0.05]');
  process.exit(2);
}

// MaxSim is read as a signal even where its weight is 0, so that the weight can be learned.
const tuning = withSetting(DEFAULT_TUNING, 'rerank.maxSimWeight', Math.max(DEFAULT_TUNING.rerank.maxSimWeight, 1e-9));
const service = await createNodeService();
const { rulebook } = await service.addRulebook(basename(values.pdf), new Uint8Array(readFileSync(values.pdf)));
const half = values.half as 'tune' | 'report';
const questions = [
  ...values.qa.flatMap((file) => questionsOfHalf(parseQuestionFile(readFileSync(file, 'utf8')), half)),
  ...values.whole!.flatMap((file) => parseQuestionFile(readFileSync(file, 'utf8'))),
];
const normalize = (ref: string) => ref.trim().replace(/\s+/g, ' ').toLowerCase();

const groups: RankingGroup[] = [];
for (const q of questions) {
  if (!q.answerable || q.rules.length === 0) continue;
  const wanted = new Set(q.rules.map(normalize));
  const result = await service.ask(rulebook.hash, q.question, DEFAULT_SEARCH, { tuning });
  const off = RERANK_FEATURES.map((name) => values.without!.includes(name));
  groups.push({
    features: result.clauses.map((c) => featureVector(c, tuning.rerank).map((x, i) => (off[i] ? 0 : x))),
    relevant: result.clauses.map((c) => wanted.has(normalize(c.ref))),
  });
}

const start = RERANK_FEATURES.map((name) => (values.without!.includes(name) ? 0 : DEFAULT_TUNING.rerank[name]));
const learned = learnWeights(groups, {
  l2: Number(values.l2),
  iterations: Number(values.iterations),
  learningRate: Number(values['learning-rate']),
  start,
  nonNegative: true,
  loss: values.loss === 'pairwise' ? 'pairwise' : 'listwise',
  temperature: Number(values.temperature),
});
// The ranking does not change with the scale: keep bm25Weight at 1 so scores stay comparable.
const scale = learned[0] > 0 ? 1 / learned[0] : 1;
const weights = learned.map((w) => Number((w * scale).toFixed(3)));
const withAnswers = groups.filter((g) => g.relevant.some(Boolean)).length;
console.log(`${groups.length} answerable questions (${withAnswers} with a right clause among the candidates), ${values.half} half`);
const tau = Number(values.temperature);
console.log(`pairwise loss: ${pairwiseLoss(groups, start).toFixed(4)} with the current weights, ${pairwiseLoss(groups, learned).toFixed(4)} learned`);
console.log(`listwise loss: ${listwiseLoss(groups, start, tau).toFixed(4)} with the current weights, ${listwiseLoss(groups, learned, tau).toFixed(4)} learned`);
console.log('\n' + RERANK_FEATURES.map((name, i) => `${name.padEnd(18)} ${String(start[i]).padStart(6)} → ${weights[i]}`).join('\n'));
console.log(`\n${RERANK_FEATURES.map((name, i) => `--set rerank.${name}=${weights[i]}`).join(' ')}`);
