// The rule pack controls beside the rulebook list in Settings: "Export rule pack" saves the chosen rulebook,
// indexed, as one .rulepack file; "Import rule pack" (a file input of that name, behind a button of the same
// name) loads one. Progress goes to the status line, refusals to the alert. Main thread.

import type { RulebookOps } from '../core/rulebook-ops';
import { PACK_ACCEPT } from '../core/pack-sharing';
import { RULE_PACK_MIME } from '../core/rule-pack';
import { pageActivity, type Activity } from './activity';
import { h } from './dom';
import type { Library } from './library';
import { describeProgress, PACK_TEXT, TEXT } from './messages';
import type { Shell } from './shell';
import type { WorkerClient } from './worker-client';

/** A download needs its object URL until the browser has started saving; a minute is plenty. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

export interface RulePackControls {
  element: HTMLElement;
  /** Imports a pack from a file the user picked, shared to the app, or opened with it. */
  importFile(file: Blob): Promise<void>;
}

export function createRulePackControls({
  shell,
  client,
  library,
  activity = pageActivity,
}: {
  shell: Shell;
  client: WorkerClient<RulebookOps>;
  library: Library;
  activity?: Activity;
}): RulePackControls {
  let busy = false;
  const exportButton = h('button', { type: 'button', class: 'secondary', onclick: () => void activity.track(exportCurrent()) }, PACK_TEXT.export);
  const input = h('input', {
    type: 'file',
    class: 'visually-hidden',
    accept: PACK_ACCEPT.join(','),
    'aria-label': PACK_TEXT.import,
    // The button is the keyboard's way in; the input itself needs no tab stop.
    tabindex: -1,
  });
  const importButton = h('button', { type: 'button', class: 'secondary', onclick: () => input.click() }, PACK_TEXT.import);
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void importFile(file);
  });
  const element = h('div', { class: 'rule-packs' }, h('div', { class: 'setting-row' }, exportButton, importButton, input), h('p', { class: 'muted' }, PACK_TEXT.note));

  const readyLine = () => {
    const book = library.currentBook();
    return book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook;
  };
  const render = () => {
    const blocked = busy || library.isIndexing();
    exportButton.disabled = blocked || !library.currentBook();
    importButton.disabled = input.disabled = blocked;
  };
  const setBusy = (value: boolean) => {
    busy = value;
    render();
  };
  library.onChange(render);
  render();

  async function exportCurrent() {
    const book = library.currentBook();
    if (!book || busy) return;
    shell.clearError();
    setBusy(true);
    shell.setStatus(PACK_TEXT.exporting(book.name));
    try {
      const { bytes, fileName } = await client.call('exportPack', { hash: book.hash });
      download(new Blob([bytes], { type: RULE_PACK_MIME }), fileName);
      shell.setStatus(PACK_TEXT.exported(book.name, fileName));
    } catch (error) {
      shell.showError(error);
      shell.setStatus(readyLine());
    } finally {
      setBusy(false);
    }
  }

  function importFile(file: Blob): Promise<void> {
    return activity.track(importPack(file));
  }

  async function importPack(file: Blob) {
    shell.clearError();
    setBusy(true);
    try {
      shell.setStatus(describeProgress({ stage: 'read', done: 0, total: 1 }));
      const bytes = await file.arrayBuffer();
      const result = await client.call('importPack', { bytes }, { onProgress: (p) => shell.setStatus(describeProgress(p)), transfer: [bytes] });
      await library.refresh(result.rulebook.hash);
      const { name } = result.rulebook;
      shell.setStatus(
        result.reused
          ? PACK_TEXT.alreadyHere(name)
          : result.embedded > 0
            ? PACK_TEXT.importedReindexed(name, result.chunkCount)
            : PACK_TEXT.imported(name, result.edition),
      );
    } catch (error) {
      shell.showError(error);
      shell.setStatus(readyLine());
    } finally {
      setBusy(false);
    }
  }

  return { element, importFile };
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
}
