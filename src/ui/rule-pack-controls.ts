// The transfer controls beside the rulebook list in Settings: "Export rule pack" saves the chosen rulebook,
// indexed, as one .rulepack file; "Import rule pack" (a file input of that name, behind a button of the same
// name) loads one; "Export everything" / "Import everything" move the whole app (backup-controls.ts).
// Progress goes to the status line, refusals to the alert. Main thread.

import type { RulebookOps } from '../core/rulebook-ops';
import { PACK_ACCEPT, RULE_PACK_MIME } from '../core/pack-sharing';
import { pageActivity, type Activity } from './activity';
import { createBackupControls } from './backup-controls';
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
  /** Every transfer button and file input, disabled together while one job runs or a rulebook is indexed. */
  const controls: (HTMLButtonElement | HTMLInputElement)[] = [];
  const exportButton = h('button', { type: 'button', class: 'secondary', onclick: () => void run(exportCurrent) }, PACK_TEXT.export);
  const backupButtons: HTMLButtonElement[] = [];

  /** A visible button that opens a visually hidden file input of the same accessible name. */
  function fileButton(label: string, accept: string, onFile: (file: File) => void): HTMLElement[] {
    // The button is the keyboard's way in; the input itself needs no tab stop.
    const input = h('input', { type: 'file', class: 'visually-hidden', accept, 'aria-label': label, tabindex: -1 });
    const button = h('button', { type: 'button', class: 'secondary', onclick: () => input.click() }, label);
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) onFile(file);
    });
    controls.push(input, button);
    return [button, input];
  }

  const readyLine = () => {
    const book = library.currentBook();
    return book ? TEXT.readyWithBook(book.name) : TEXT.noRulebook;
  };
  const render = () => {
    const blocked = busy || library.isIndexing();
    for (const control of [...controls, ...backupButtons]) control.disabled = blocked;
    exportButton.disabled = blocked || !library.currentBook();
    backupButtons.forEach((b) => (b.disabled = blocked || library.books().length === 0));
  };

  /** One transfer at a time; a failure shows in the alert and the status returns to the ready line. */
  function run(job: () => Promise<void>): Promise<void> {
    if (busy) return Promise.resolve();
    shell.clearError();
    busy = true;
    render();
    return activity.track(
      job()
        .catch((error: unknown) => {
          shell.showError(error);
          shell.setStatus(readyLine());
        })
        .finally(() => {
          busy = false;
          render();
        }),
    );
  }

  async function exportCurrent() {
    const book = library.currentBook();
    if (!book) return;
    shell.setStatus(PACK_TEXT.exporting(book.name));
    const { bytes, fileName } = await client.call('exportPack', { hash: book.hash });
    download(new Blob([bytes], { type: RULE_PACK_MIME }), fileName);
    shell.setStatus(PACK_TEXT.exported(book.name, fileName));
  }

  async function importPack(file: Blob) {
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
  }

  const importFile = (file: Blob) => run(() => importPack(file));
  const element = h(
    'div',
    { class: 'rule-packs' },
    h('div', { class: 'setting-row' }, exportButton, ...fileButton(PACK_TEXT.import, PACK_ACCEPT.join(','), importFile)),
    h('p', { class: 'muted' }, PACK_TEXT.note),
    createBackupControls({ shell, client, run, fileButton, download, buttons: backupButtons }),
  );
  library.onChange(render);
  render();
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
