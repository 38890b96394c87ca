// The Settings screen: the rulebooks on this device (add, choose, rename, delete, the storage each uses),
// theme and text size, installing the app, on-device answers with the answer and search models and storage,
// and Evaluate for people who tune the search. Main thread.

import { h } from '../dom';
import type { Library } from '../library';
import { EDITION_TEXT, LOCAL_RULES_TEXT, UI_TEXT } from '../messages';
import { createRulebookStorageView } from '../rulebook-storage-view';
import { createRulebooksView } from '../rulebooks-view';
import type { Screen } from '../shell';
import { createTextSizeSetting } from '../text-size';
import { createThemeSwitch } from '../theme';

export interface SettingsScreenOptions {
  library: Library;
  createPickButton(): HTMLButtonElement;
  /** The on-device answers line and the Models section (a region named "Models"). */
  llmBar: HTMLElement;
  models: Screen;
  openEvaluate(): void;
  /** "Export rule pack" and "Import rule pack", shown under the rulebook list. */
  rulePacks?: HTMLElement;
  /** What changed between two editions of a rulebook, in a section of its own. */
  editions?: HTMLElement;
  /** Which rulebooks a question searches together, and their roles. */
  localRules?: HTMLElement;
}

export function createSettingsScreen({ library, createPickButton, llmBar, models, openEvaluate, rulePacks, editions, localRules }: SettingsScreenOptions) {
  const rulebooks = createRulebooksView({
    onSelect: (hash) => library.select(hash),
    onRename: (hash, name) => void library.rename(hash, name),
    onDelete: (hash) => void library.remove(hash),
  });
  const storage = createRulebookStorageView();
  const cancelIndexing = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => library.cancelIndexing() }, UI_TEXT.cancelIndexing);
  const install = h('div', { class: 'setting-row' });
  const section = (id: string, title: string, ...content: (Node | null)[]) =>
    h('section', { class: 'settings-group', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
  const element = h(
    'div',
    { class: 'settings-screen' },
    section('settings-rulebooks', UI_TEXT.rulebooksTitle, h('div', { class: 'setting-row' }, createPickButton(), cancelIndexing), rulebooks.element, rulePacks ?? null, storage.element),
    localRules ? section('settings-local-rules', LOCAL_RULES_TEXT.title, localRules) : null,
    editions ? section('settings-editions', EDITION_TEXT.title, editions) : null,
    section('settings-display', UI_TEXT.displayTitle, h('div', { class: 'setting-row' }, createThemeSwitch()), createTextSizeSetting()),
    section('settings-app', UI_TEXT.appTitle, h('p', { class: 'muted' }, UI_TEXT.appNote), install),
    section('settings-answers', UI_TEXT.answersTitle, llmBar, models.element),
    section(
      'settings-evaluate',
      UI_TEXT.evaluateTitle,
      h('p', { class: 'muted' }, UI_TEXT.evaluateNote),
      h('button', { type: 'button', class: 'secondary', onclick: openEvaluate }, UI_TEXT.evaluateOpen),
    ),
  );

  const render = () => {
    rulebooks.render(library.books(), library.current());
    storage.render(library.books());
    cancelIndexing.hidden = !library.isIndexing();
  };
  library.onChange(render);

  const screen: Screen = { id: 'settings', label: UI_TEXT.navSettings, element, onShow: () => models.onShow?.() };
  return { screen, installPlace: install };
}
