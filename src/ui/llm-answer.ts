// The on-device answer on the Ask screen: streams the LLM's short answer above the clause answer,
// with Stop, then checks it against the retrieved clauses. Main thread; the model runs in its worker.

import { pageActivity } from './activity';
import type { AnswerClause } from '../core/clause-answer';
import { AppError } from '../core/errors';
import { checkGrounding, type GroundingResult } from '../core/grounding';
import { buildAnswerMessages } from '../core/prompt';
import { toLlmError } from '../llm/llm-errors';
import { h } from './dom';
import { getLlmEngine, getLlmState, isLlmReady, noteLlmFailure } from './llm-session';
import { LLM_TEXT } from './messages';
import type { AnswerContext } from './screens/ask-screen';
import type { Shell } from './shell';
import './llm.css';

/** Same ids answer-view.ts gives the clause details elements. */
export function clauseElementId(ref: string): string {
  return `clause-${ref.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

function openClause(container: HTMLElement, ref: string): void {
  const details = container.querySelector<HTMLDetailsElement>(`#${CSS.escape(clauseElementId(ref))}`);
  if (!details) return;
  details.open = true;
  details.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  details.querySelector('summary')?.focus();
}

/** The answer text with each retrieved clause's citation ("Rule 15.2") as a button opening that clause. */
export function renderCitedText(text: string, clauses: readonly AnswerClause[], container: HTMLElement): (Node | string)[] {
  const byCitation = new Map(clauses.map((c) => [c.citation.toLowerCase(), c]));
  const labels = [...byCitation.keys()].sort((a, b) => b.length - a.length).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (labels.length === 0) return [text];
  // A citation must not run on into a longer number ("Rule 15.2" inside "Rule 15.21").
  const pattern = new RegExp(`(${labels.join('|')})(?![\\d.]*\\d)`, 'gi');
  const parts: (Node | string)[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    const clause = byCitation.get(m[0].toLowerCase());
    if (!clause || m.index === undefined) continue;
    parts.push(text.slice(at, m.index));
    parts.push(h('button', { type: 'button', class: 'cite', onclick: () => openClause(container, clause.ref) }, clause.citation));
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return parts.filter((p) => p !== '');
}

function verdictLine(grounding: GroundingResult, clauses: readonly AnswerClause[]): string {
  if (grounding.abstained) return LLM_TEXT.abstained;
  const citations = grounding.citedRefs.map((ref) => clauses.find((c) => c.ref === ref)?.citation ?? ref);
  return LLM_TEXT.checked(citations.join(', '));
}

/** Returns the Ask screen's onAnswer hook. */
export function createLlmAnswerer({ shell }: { shell: Shell }) {
  return function onAnswer(ctx: AnswerContext): void {
    const { result, container } = ctx;
    if (!getLlmState().enabled || !isLlmReady()) return;
    // Below the retrieval threshold there is nothing to answer from: the clause answer already says so.
    if (!result.coverage.covered || result.answer.clauses.length === 0) return;
    void streamAnswer(ctx, shell);
  };
}

async function streamAnswer(ctx: AnswerContext, shell: Shell): Promise<void> {
  const { question, result, container } = ctx;
  const clauses = result.answer.clauses;
  const stop = new AbortController();
  if (ctx.signal.aborted) return;
  ctx.signal.addEventListener('abort', () => stop.abort(), { once: true });

  const text = h('p', { class: 'llm-text', 'aria-live': 'polite', 'aria-busy': 'true' }, LLM_TEXT.thinking);
  const stopButton = h('button', { type: 'button', class: 'secondary llm-stop', onclick: () => stop.abort() }, LLM_TEXT.stop);
  const verdict = h('p', { class: 'llm-verdict' });
  // A group, not a region: the Ask screen's one region named "Answer" stays unique.
  const block = h(
    'div',
    { role: 'group', class: 'llm-answer', 'aria-label': LLM_TEXT.answerLabel, 'data-state': 'streaming' },
    h('h3', { class: 'llm-heading' }, LLM_TEXT.answerLabel),
    text,
    h('div', { class: 'llm-actions' }, stopButton, verdict),
  );
  // Above the clause answer (after the region's hidden heading, if any).
  const heading = container.querySelector(':scope > h2');
  container.insertBefore(block, heading ? heading.nextSibling : container.firstChild);

  const finish = (state: string) => {
    block.dataset.state = state;
    text.setAttribute('aria-busy', 'false');
    stopButton.remove();
  };

  const prompt = buildAnswerMessages(
    question,
    clauses.map((c) => ({ ref: c.ref, citation: c.citation, text: c.text })),
  );
  let streamed = '';
  try {
    // Tracked so that an app update never reloads the page in the middle of an answer.
    const answer = await pageActivity.track(getLlmEngine().generate(prompt.messages, {
      signal: stop.signal,
      onToken: (_delta, soFar) => {
        streamed = soFar;
        text.textContent = soFar;
      },
    }));
    const grounding = checkGrounding(answer, clauses);
    text.replaceChildren(...renderCitedText(answer.trim(), clauses, container));
    if (grounding.grounded) {
      finish('checked');
      verdict.textContent = verdictLine(grounding, clauses);
    } else {
      finish('unverified');
      block.classList.add('unverified');
      verdict.replaceChildren(
        h('strong', { class: 'llm-badge' }, LLM_TEXT.unverified),
        ' ',
        LLM_TEXT.unverifiedNote,
        h('details', {}, h('summary', {}, LLM_TEXT.whyUnverified), h('ul', {}, grounding.problems.map((p) => h('li', {}, p)))),
      );
      // The clause answer comes first: in reading order, not only in looks.
      container.append(block);
    }
  } catch (error) {
    const appError = error instanceof AppError ? error : toLlmError(error);
    if (appError.code === 'cancelled') {
      finish('stopped');
      text.textContent = streamed ? `${streamed} …` : '';
      verdict.textContent = LLM_TEXT.stopped;
      return;
    }
    block.remove();
    noteLlmFailure(appError);
    shell.showError(appError);
  }
}
