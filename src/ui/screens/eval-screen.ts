// The Evaluate screen: runs a question file (JSONL) against the current rulebook through the worker's own
// ask path, shows the metrics and per-question results, and repeats the study's comparisons on the device
// (dot vs cosine, hybrid vs dense, the on-device model with and without the clauses). Main thread.

import { DEFAULT_CHUNKING } from '../../core/chunking';
import { AppError } from '../../core/errors';
import type { QuestionOutcome } from '../../core/eval-metrics';
import { buildLlmEvalMessages, evaluateOutcomes, evaluateQuestions, outcomeFromAsk, type EvalConfig } from '../../core/evaluate';
import { isAbstention } from '../../core/grounding';
import { parseQuestionFile, type EvalQuestion } from '../../core/question-file';
import type { RulebookOps } from '../../core/rulebook-ops';
import { DEFAULT_SEARCH, type AskResult } from '../../core/rulebook-service';
import type { SearchSettings } from '../../core/types';
import { clear, h } from '../dom';
import { getLlmEngine, isLlmReady } from '../llm-session';
import type { Screen, Shell } from '../shell';
import type { WorkerClient } from '../worker-client';
import { renderMetricsTable, renderPerQuestion, toReportJson, type ShownRun } from './eval-results';
import './eval-screen.css';

export interface EvalScreenOptions {
  shell: Shell;
  client: WorkerClient<RulebookOps>;
  /** Hash of the rulebook chosen in Settings. */
  currentRulebook: () => string | undefined;
}

interface Planned {
  label: string;
  search: SearchSettings;
  /** Score the on-device model's answers: with the retrieved clauses, or with the question alone. */
  llm?: 'with-clauses' | 'without-clauses';
}

const otherSimilarity = (s: SearchSettings) => (s.similarity === 'cosine' ? 'dot' : 'cosine');

export function createEvalScreen({ shell, client, currentRulebook }: EvalScreenOptions) {
  let running: AbortController | undefined;
  let questions: EvalQuestion[] | undefined;

  const fileInput = h('input', { type: 'file', id: 'eval-file', accept: '.jsonl,.json,.txt,application/jsonl,application/x-ndjson,text/plain' });
  const checkbox = (id: string, label: string, checked: boolean) => {
    const input = h('input', { type: 'checkbox', id, checked });
    return { input, element: h('div', { class: 'eval-option' }, input, h('label', { for: id }, label)) };
  };
  const compareSimilarity = checkbox('eval-similarity', `Compare ${DEFAULT_SEARCH.similarity} with ${otherSimilarity(DEFAULT_SEARCH)} similarity`, true);
  const compareDense = checkbox('eval-dense', 'Compare hybrid with dense-only search', true);
  const compareLlm = checkbox('eval-llm', 'Score the on-device model, with and without the clauses', true);
  const runButton = h('button', { type: 'button', disabled: true }, 'Run evaluation');
  const cancelButton = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Cancel');
  const progress = h('p', { role: 'status', class: 'eval-progress', 'aria-label': 'Evaluation progress' });
  const results = h('section', { class: 'eval-results', 'aria-label': 'Evaluation results' });

  const element = h(
    'div',
    { class: 'eval-screen' },
    h('h2', {}, 'Evaluate'),
    h(
      'p',
      { class: 'eval-intro' },
      'Score this device’s answers on a question file: one JSON object a line with id, question, answer, accept (patterns), rules, evidence and answerable.',
    ),
    h('label', { for: 'eval-file', class: 'file-label' }, 'Question file (JSONL)'),
    fileInput,
    h('fieldset', { class: 'eval-options' }, h('legend', {}, 'Comparisons'), compareSimilarity.element, compareDense.element, compareLlm.element),
    h('div', { class: 'eval-actions' }, runButton, cancelButton),
    progress,
    results,
  );

  function refreshLlmOption() {
    const ready = isLlmReady();
    compareLlm.input.disabled = !ready;
    compareLlm.element.title = ready ? '' : 'Load an answer model in Models first.';
  }

  function plan(): Planned[] {
    const base = DEFAULT_SEARCH;
    const planned: Planned[] = [{ label: `Pitchside (${base.retrieval}, ${base.similarity})`, search: base }];
    if (compareSimilarity.input.checked) {
      const similarity = otherSimilarity(base);
      planned.push({ label: `${base.retrieval}, ${similarity}`, search: { ...base, similarity } });
    }
    if (compareDense.input.checked) planned.push({ label: `dense, ${base.similarity}`, search: { ...base, retrieval: 'dense' } });
    if (compareLlm.input.checked && isLlmReady()) {
      planned.push({ label: 'Model with clauses', search: base, llm: 'with-clauses' });
      planned.push({ label: 'Model without clauses', search: base, llm: 'without-clauses' });
    }
    return planned;
  }

  async function loadFile(file: File) {
    shell.clearError();
    clear(results);
    questions = undefined;
    runButton.disabled = true;
    try {
      questions = parseQuestionFile(await file.text());
      const unanswerable = questions.filter((q) => !q.answerable).length;
      progress.textContent = `${questions.length} questions loaded (${unanswerable} the rules do not answer).`;
      runButton.disabled = false;
      await run();
    } catch (error) {
      progress.textContent = '';
      shell.showError(error);
    } finally {
      fileInput.value = '';
    }
  }

  async function run() {
    const hash = currentRulebook();
    if (!questions) return;
    if (!hash) {
      progress.textContent = 'Choose or add a rulebook in Settings first.';
      return;
    }
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const { signal } = controller;
    cancelButton.hidden = false;
    runButton.disabled = true;
    shell.clearError();
    clear(results);
    try {
      const { modelId } = await client.call('stats', {});
      const planned = plan();
      const shown: ShownRun[] = [];
      for (const [step, p] of planned.entries()) {
        const config: EvalConfig = { label: p.label, modelId, chunking: DEFAULT_CHUNKING, search: p.search };
        const onProgress = (done: number, total: number) => {
          progress.textContent = `Run ${step + 1} of ${planned.length} (${p.label}): question ${done} of ${total}`;
        };
        onProgress(0, questions.length);
        const ask = (question: string, search: SearchSettings) => client.call('ask', { hash, question, search, keepOutOfRecent: true }, { signal });
        const run = p.llm
          ? await evaluateOutcomes(questions, config, (q) => llmOutcome(q, p, ask, signal), { signal, onProgress })
          : await evaluateQuestions(questions, config, ask, { signal, onProgress });
        shown.push({ label: p.label, run, answersOnly: p.llm === 'without-clauses' });
        render(shown);
      }
      progress.textContent = `Done: ${questions.length} questions, ${planned.length} ${planned.length === 1 ? 'run' : 'runs'}.`;
    } catch (error) {
      if (signal.aborted || (error instanceof AppError && error.code === 'cancelled')) {
        progress.textContent = 'Evaluation cancelled.';
      } else {
        progress.textContent = 'Evaluation stopped by an error.';
        shell.showError(error);
      }
    } finally {
      if (running === controller) running = undefined;
      cancelButton.hidden = true;
      runButton.disabled = !questions;
    }
  }

  function render(shown: readonly ShownRun[]) {
    const download = h('button', { type: 'button', class: 'secondary', onclick: () => saveJson(shown) }, 'Save results (JSON)');
    results.replaceChildren(
      h('h3', {}, 'Metrics'),
      renderMetricsTable(shown),
      ...shown.map((r, i) => renderPerQuestion(r, i === 0)),
      download,
    );
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void loadFile(file);
  });
  runButton.addEventListener('click', () => void run());
  cancelButton.addEventListener('click', () => running?.abort());

  const screen: Screen = { id: 'evaluate', label: 'Evaluate', element, onShow: refreshLlmOption };
  refreshLlmOption();
  return { screen, loadFile, run };
}

/** The on-device model's answer, scored against the same retrieval as the clause answer. */
async function llmOutcome(
  q: EvalQuestion,
  p: Planned,
  ask: (question: string, search: SearchSettings) => Promise<AskResult>,
  signal: AbortSignal,
): Promise<QuestionOutcome> {
  const result = await ask(q.question, p.search);
  const retrieval = outcomeFromAsk(result);
  const clauses = p.llm === 'with-clauses' ? result.answer.clauses.map((c) => ({ ref: c.ref, citation: c.citation, text: c.text })) : null;
  const text = await getLlmEngine().generate(buildLlmEvalMessages(q.question, clauses), { signal });
  return { rankedChunks: retrieval.rankedChunks, answerText: text.trim(), abstained: isAbstention(text) };
}

function saveJson(shown: readonly ShownRun[]) {
  const url = URL.createObjectURL(new Blob([toReportJson(shown)], { type: 'application/json' }));
  const link = h('a', { href: url, download: 'pitchside-evaluation.json' });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
