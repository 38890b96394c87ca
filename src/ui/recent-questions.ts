// Recent questions (kept on the device by the rulebook worker) and a few quick questions derived from the
// current rulebook's section titles, as buttons that ask at once. Main thread.

import type { RuleUnit } from '../core/types';
import { clear, h } from './dom';
import { UI_TEXT } from './messages';

export const MAX_QUICK_QUESTIONS = 3;
export const MAX_RECENT_SHOWN = 3;

/**
 * One question per section, spread evenly over the rulebook's clause sections (the glossary and front
 * matter are left out), so any rulebook gets suggestions that match its own structure.
 */
export function deriveQuickQuestions(units: RuleUnit[], max = MAX_QUICK_QUESTIONS): string[] {
  const titles: string[] = [];
  for (const unit of units) {
    if (unit.kind !== 'clause') continue;
    const title = unit.sectionTitle.trim();
    if (title && !titles.includes(title)) titles.push(title);
  }
  const step = titles.length / Math.min(max, titles.length);
  const picked = Array.from({ length: Math.min(max, titles.length) }, (_, i) => titles[Math.floor(i * step)]);
  return picked.map((title) => UI_TEXT.quickQuestion(title.toLowerCase()));
}

export interface QuestionSuggestions {
  element: HTMLElement;
  render(recent: string[], quick: string[]): void;
}

export function createQuestionSuggestions(opts: { onPick(question: string): void }): QuestionSuggestions {
  const element = h('div', { class: 'suggestions' });
  const group = (title: string, questions: string[]) =>
    h(
      'section',
      // Named by its heading only: an aria-label holding "questions" would collide with the "Question" box.
      {},
      h('h2', { class: 'small-heading' }, title),
      h(
        'ul',
        { class: 'chips' },
        questions.map((q) => h('li', {}, h('button', { type: 'button', class: 'chip', onclick: () => opts.onPick(q) }, q))),
      ),
    );
  return {
    element,
    render(recent, quick) {
      clear(element);
      const shownRecent = recent.slice(0, MAX_RECENT_SHOWN);
      if (shownRecent.length > 0) element.append(group(UI_TEXT.recentQuestions, shownRecent));
      const freshQuick = quick.filter((q) => !shownRecent.includes(q));
      if (freshQuick.length > 0) element.append(group(UI_TEXT.quickQuestions, freshQuick));
    },
  };
}
