// The Ask screen: the question bar at the bottom within thumb reach (above the on-screen keyboard), the
// answer with the question it answers, then recent and quick questions and pinned rules. A bare rule
// number opens that clause on the Rulebook screen. A question asked while the app starts waits for it and
// is answered without a second tap. Main thread; the search runs in the rulebook worker.

import type { RulebookOps } from '../../core/rulebook-ops';
import type { AskResult } from '../../core/rulebook-service';
import type { RuleUnit } from '../../core/types';
import { pageActivity, type Activity } from '../activity';
import { renderClauseAnswer } from '../answer-view';
import { clear, h } from '../dom';
import type { Library } from '../library';
import { describeProgress, TEXT, UI_TEXT, UserHint } from '../messages';
import type { Pins } from '../pins';
import { createQuestionSuggestions, deriveQuickQuestions } from '../recent-questions';
import type { Screen, Shell } from '../shell';
import { createVoiceButton } from '../voice';
import type { WorkerClient } from '../worker-client';

/** Longer questions are read up to here: a pasted page of text is not a question. */
export const MAX_QUESTION_CHARS = 300;

/** Lets other features (the on-device LLM) add to an answer once the clause answer is shown. */
export interface AnswerContext {
  question: string;
  result: AskResult;
  /** The answer region; the clause answer is already inside it. */
  container: HTMLElement;
  /** Aborted when a new question is asked. */
  signal: AbortSignal;
}

export interface AskScreenOptions {
  shell: Shell;
  client: WorkerClient<RulebookOps>;
  library: Library;
  pins: Pins;
  /** A large "Add rulebook (PDF)" button for the first visit. */
  createPickButton(): HTMLButtonElement;
  /** Opens a clause on the Rulebook screen; false when the rulebook has no such clause. */
  openClause(ref: string): Promise<boolean>;
  onAnswer?: (ctx: AnswerContext) => void;
  /** Slow jobs are tracked here so an app update waits for them (default: the page's tracker). */
  activity?: Activity;
  /** Answers from several rulebooks when two or more are in use (local rules on top of the laws); undefined otherwise. */
  askMany?(question: string, signal: AbortSignal): Promise<HTMLElement | undefined>;
}

/** "15.2", "Rule 15.2", "r 15.2" → "15.2"; anything else is a question. */
export function parseRuleNumber(text: string): string | undefined {
  return /^\s*(?:rule\s*|r\s*)?(\d{1,3}(?:\.\d{1,3}){0,3})\s*$/i.exec(text)?.[1];
}

export function createAskScreen(opts: AskScreenOptions) {
  const { shell, client, library, pins, onAnswer, activity = pageActivity } = opts;
  let asking: AbortController | undefined;
  /** The rulebook the answer on screen (or coming) belongs to. */
  let answerBook: string | undefined;

  const suggestions = createQuestionSuggestions({ onPick: (q) => ((question.value = q), void trackedAsk()) });
  const question = h('input', {
    type: 'text',
    id: 'question',
    autocomplete: 'off',
    enterkeyhint: 'send',
    placeholder: UI_TEXT.questionPlaceholder,
  });
  const voice = createVoiceButton((text, isFinal) => {
    question.value = text;
    if (isFinal && text) void trackedAsk();
  });
  // aria-busy is "true" from the moment Ask is pressed until the clause answer to that question is in place;
  // then data-question holds the question it answers and data-answer-id counts the answers shown. The
  // on-device answer streams in afterwards with a busy state of its own.
  const answer = h('section', { 'aria-label': 'Answer', class: 'answer', 'aria-live': 'polite', 'aria-busy': 'false' });
  let answersShown = 0;
  const form = h(
    'form',
    { class: 'ask', onsubmit: (e: Event) => (e.preventDefault(), void trackedAsk()) },
    h('label', { for: 'question', class: 'visually-hidden' }, 'Question'),
    h('div', { class: 'ask-row' }, question, voice, h('button', { type: 'submit', class: 'ask-button' }, 'Ask')),
  );
  const welcome = h('div', { class: 'welcome', hidden: true }, h('p', { class: 'welcome-text' }, UI_TEXT.welcome), opts.createPickButton());
  const pinned = h('section', { class: 'pinned', 'aria-labelledby': 'pinned-heading', hidden: true });
  const element = h('div', { class: 'ask-screen' }, welcome, answer, suggestions.element, pinned, form);

  const trackedAsk = () => activity.track(ask());

  function resetAnswer() {
    clear(answer);
    delete answer.dataset.question;
    delete answer.dataset.stage;
    answer.setAttribute('aria-busy', 'false');
  }

  /** The old answer goes the moment a new question is asked, so it can never pass for the new one. */
  function showPending() {
    answer.setAttribute('aria-busy', 'true');
    delete answer.dataset.question;
    delete answer.dataset.stage;
    answer.replaceChildren(h('p', { class: 'answer-pending' }, UI_TEXT.searching));
  }

  function renderAnswer(text: string, result: AskResult | HTMLElement) {
    answer.replaceChildren(
      h('p', { class: 'asked' }, h('span', { class: 'asked-label' }, UI_TEXT.youAsked), ' ', text),
      h('h2', { class: 'visually-hidden' }, 'Answer'),
      result instanceof HTMLElement ? result : renderClauseAnswer(result.answer, { loadSection }),
    );
  }

  function showAnswer(text: string, result: AskResult | HTMLElement) {
    renderAnswer(text, result);
    answer.dataset.question = text;
    answer.dataset.stage = 'full';
    answer.dataset.answerId = String(++answersShown);
    answer.setAttribute('aria-busy', 'false');
  }

  /**
   * The word-index answer to a question asked while the app starts: shown at once, still busy (and not
   * counted) until the full answer replaces it.
   */
  function showEarlyAnswer(text: string, result: AskResult) {
    renderAnswer(text, result);
    answer.querySelector('.asked')?.after(h('p', { class: 'answer-pending' }, UI_TEXT.refining));
    answer.dataset.stage = 'words';
  }

  /** Asks the worker's word index with the rulebook used last time, while the search model starts. */
  function askEarly(text: string, controller: AbortController) {
    const hash = library.rememberedBook();
    if (!hash || library.isStarted()) return;
    client.call('askWords', { hash, question: text }, { signal: controller.signal }).then(
      (result) => {
        if (asking === controller && answer.getAttribute('aria-busy') === 'true' && answer.dataset.stage !== 'full') showEarlyAnswer(text, result);
      },
      // The full answer follows whatever happens here.
      () => undefined,
    );
  }

  async function loadSection(sectionTitle: string): Promise<RuleUnit[]> {
    const hash = library.current();
    return hash ? (await library.loadUnits(hash)).filter((u) => u.sectionTitle === sectionTitle) : [];
  }

  async function refreshSuggestions() {
    const hash = library.current();
    if (!hash) return suggestions.render([], []);
    try {
      const [recent, units] = await Promise.all([client.call('recent', { hash }), library.loadUnits(hash)]);
      if (hash === library.current()) suggestions.render(recent, deriveQuickQuestions(units));
    } catch {
      // Suggestions are a convenience; the question box still works.
      suggestions.render([], []);
    }
  }

  function renderPinned() {
    const hash = library.current();
    const list = hash ? pins.list(hash) : [];
    pinned.hidden = list.length === 0;
    pinned.replaceChildren(
      h('h2', { class: 'small-heading', id: 'pinned-heading' }, UI_TEXT.pinnedRules),
      h(
        'ul',
        { class: 'pin-list' },
        list.map((p) => h('li', {}, h('details', { class: 'clause' }, h('summary', {}, p.label), h('p', { class: 'clause-text' }, p.text)))),
      ),
    );
  }

  function showBook() {
    const hasBooks = library.books().length > 0;
    welcome.hidden = hasBooks;
    form.hidden = !hasBooks;
    if (answerBook && answerBook !== library.current()) {
      // An answer shown or still coming belongs to the previous rulebook.
      asking?.abort();
      answerBook = undefined;
      resetAnswer();
    }
    renderPinned();
    void refreshSuggestions();
  }

  async function ask() {
    const typed = question.value.trim();
    if (!typed) return shell.showError(new UserHint(TEXT.emptyQuestion));
    shell.clearError();
    const text = typed.slice(0, MAX_QUESTION_CHARS);
    if (typed.length > MAX_QUESTION_CHARS) shell.showError(new UserHint(UI_TEXT.questionTooLong(MAX_QUESTION_CHARS)));
    asking?.abort();
    const controller = new AbortController();
    asking = controller;
    showPending();
    // Asked while the app starts: answer from the word index now, and wait for the list rather than refuse.
    if (!parseRuleNumber(text)) askEarly(text, controller);
    await library.whenStarted();
    if (controller.signal.aborted) return;
    const hash = library.current();
    if (!hash) {
      resetAnswer();
      return shell.showError(new UserHint(TEXT.askFirst));
    }
    answerBook = hash;
    const ruleNumber = parseRuleNumber(text);
    if (ruleNumber && (await opts.openClause(ruleNumber))) {
      if (asking === controller) resetAnswer();
      return;
    }
    try {
      const many = await opts.askMany?.(text, controller.signal);
      if (many) {
        if (!controller.signal.aborted) showAnswer(text, many);
        return;
      }
      // A rulebook not yet indexed for the chosen search model is re-indexed first: show that progress.
      let reindexed = false;
      const result = await client.call(
        'ask',
        { hash, question: text },
        { signal: controller.signal, onProgress: (p) => ((reindexed = true), shell.setStatus(describeProgress(p))) },
      );
      // A newer question (or another rulebook) has taken the answer region over.
      if (controller.signal.aborted) return;
      const book = library.currentBook();
      if (reindexed && book) shell.setStatus(TEXT.readyWithBook(book.name));
      showAnswer(text, result);
      answer.scrollIntoView({ block: 'start' });
      onAnswer?.({ question: text, result, container: answer, signal: controller.signal });
      void refreshSuggestions();
    } catch (error) {
      if (asking === controller) resetAnswer();
      shell.showError(error);
    }
  }

  library.onChange((change) => change !== 'indexing' && showBook());
  pins.onChange(renderPinned);

  const screen: Screen = { id: 'ask', label: UI_TEXT.navAsk, element, onShow: renderPinned };
  return { screen, ask: trackedAsk };
}
