// `npm run train:abstain -- --pdf <file.pdf> --qa <questions.jsonl> [--qa ...] [--half tune] [--whole <set.jsonl> ...]`:
// learns the coverage model (src/core/abstain.ts) from the tuning half of question sets that hold questions the
// rules do not cover (and from sets kept whole for tuning, `--whole`), and prints it for answer-tuning.ts, with the share of those questions it would refuse against the
// share of covered ones it would wrongly refuse. Node, offline.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ABSTAIN_FEATURES, abstainLoss, coveredProbability, fitAbstainModel, type AbstainExample } from '../src/core/abstain';
import { DEFAULT_TUNING, type AnswerTuning } from '../src/core/answer-tuning';
import { parseQuestionFile, questionsOfHalf } from '../src/core/question-file';
import { DEFAULT_SEARCH } from '../src/core/rulebook-service';
import { createNodeService } from '../src/node/pipeline';

const { values } = parseArgs({
  options: {
    pdf: { type: 'string' },
    qa: { type: 'string', multiple: true },
    whole: { type: 'string', multiple: true, default: [] },
    half: { type: 'string', default: 'tune' },
    l2: { type: 'string', default: '0.1' },
    iterations: { type: 'string', default: '3000' },
    'learning-rate': { type: 'string', default: '0.05' },
  },
});
if (!values.pdf || !values.qa?.length || (values.half !== 'tune' && values.half !== 'report')) {
  console.error('Usage: npm run train:abstain -- --pdf <file.pdf> --qa <questions.jsonl> [--qa ...] [--half tune|report] [--l2 0.1]');
  process.exit(2);
}

// The signals do not depend on the model; the hand-weighted confidence is kept for the comparison below.
const tuning: AnswerTuning = { ...DEFAULT_TUNING, coverage: { ...DEFAULT_TUNING.coverage, abstain: undefined } };
const service = await createNodeService();
const { rulebook } = await service.addRulebook(basename(values.pdf), new Uint8Array(readFileSync(values.pdf)));
const half = values.half as 'tune' | 'report';
const questions = [
  ...values.qa.flatMap((file) => questionsOfHalf(parseQuestionFile(readFileSync(file, 'utf8')), half)),
  ...values.whole.flatMap((file) => parseQuestionFile(readFileSync(file, 'utf8'))),
];
const examples: (AbstainExample & { hand: number; factor: number; shipped: number })[] = [];
for (const q of questions) {
  const result = await service.ask(rulebook.hash, q.question, DEFAULT_SEARCH, { tuning });
  if (!result.coverage.signals) continue;
  const { signals } = result.coverage;
  const shipped = DEFAULT_TUNING.coverage.abstain ? coveredProbability(signals, DEFAULT_TUNING.coverage.abstain) * signals.factor : NaN;
  examples.push({ signals, covered: q.answerable, hand: result.coverage.confidence, factor: signals.factor, shipped });
}
const model = fitAbstainModel(examples, { l2: Number(values.l2), iterations: Number(values.iterations), learningRate: Number(values['learning-rate']) });
const covered = examples.filter((e) => e.covered).length;
console.log(`${examples.length} questions (${covered} covered, ${examples.length - covered} not), ${values.half} half`);
console.log(`class-balanced log loss: ${abstainLoss(examples, model).toFixed(4)} learned (0.6931 knows nothing)\n`);

/** At the threshold that wrongly refuses `share` of the covered questions: the share of the others refused. */
function refusedAt(score: (e: (typeof examples)[number]) => number, share: number): { threshold: number; refused: number } {
  const scores = examples.filter((e) => e.covered).map(score).sort((a, b) => a - b);
  const threshold = scores[Math.floor(share * scores.length)] ?? 1;
  const others = examples.filter((e) => !e.covered);
  return { threshold, refused: others.filter((e) => score(e) < threshold).length / Math.max(1, others.length) };
}
console.log('wrongly refused  not covered refused (hand-weighted)  (shipped model)  (learned, at threshold)');
for (const share of [0.05, 0.075, 0.1, 0.125, 0.15]) {
  const hand = refusedAt((e) => e.hand, share);
  // As the app applies it: the probability times the factor for what the question asks for and no top clause holds.
  const learned = refusedAt((e) => coveredProbability(e.signals, model) * e.factor, share);
  const shipped = refusedAt((e) => e.shipped, share);
  console.log(`${share.toFixed(3).padStart(15)}  ${hand.refused.toFixed(2).padStart(31)}  ${shipped.refused.toFixed(2).padStart(15)}  ${learned.refused.toFixed(2).padStart(10)} at ${learned.threshold.toFixed(3)}`);
}
const round = (xs: readonly number[]) => `[${xs.map((x) => Number(x.toFixed(4))).join(', ')}]`;
console.log(`\n// ${ABSTAIN_FEATURES.join(', ')}`);
console.log(`abstain: {\n  mean: ${round(model.mean)},\n  scale: ${round(model.scale)},\n  weights: ${round(model.weights)},\n  bias: ${Number(model.bias.toFixed(4))},\n},`);
