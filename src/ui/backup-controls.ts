// "Export everything" and "Import everything" in Settings: every rulebook, the recent questions and this
// page's settings (theme, text size, pinned rules, the chosen rulebook) to a new phone in one file. After an
// import the page restarts, so every screen reads the settings it brought. Main thread.

import { BACKUP_EXTENSION, BACKUP_MIME } from '../core/backup';
import type { RulebookOps } from '../core/rulebook-ops';
import { h } from './dom';
import { BACKUP_TEXT, describeProgress } from './messages';
import type { Shell } from './shell';
import type { WorkerClient } from './worker-client';

/** The page's own localStorage entries share this prefix (src/ui/theme.ts, text-size.ts, pins.ts, library.ts). */
const PAGE_SETTING_PREFIX = 'pitchside-';

export interface BackupControlsOptions {
  shell: Shell;
  client: WorkerClient<RulebookOps>;
  /** Runs a job with the transfer buttons disabled; errors go to the alert and the status to `readyLine`. */
  run(job: () => Promise<void>): Promise<void>;
  fileButton(label: string, accept: string, onFile: (file: File) => void): HTMLElement[];
  download(blob: Blob, fileName: string): void;
  buttons: HTMLButtonElement[];
}

export function createBackupControls({ shell, client, run, fileButton, download, buttons }: BackupControlsOptions): HTMLElement {
  const exportButton = h('button', { type: 'button', class: 'secondary', onclick: () => void run(exportAll) }, BACKUP_TEXT.export);
  buttons.push(exportButton);

  async function exportAll() {
    shell.setStatus(BACKUP_TEXT.exporting);
    const { bytes, fileName } = await client.call('exportEverything', { pageSettings: readPageSettings() });
    download(new Blob([bytes], { type: BACKUP_MIME }), fileName);
    shell.setStatus(BACKUP_TEXT.exported(fileName));
  }

  async function importAll(file: File) {
    shell.setStatus(describeProgress({ stage: 'read', done: 0, total: 1 }));
    const bytes = await file.arrayBuffer();
    const result = await client.call('importEverything', { bytes }, { onProgress: (p) => shell.setStatus(describeProgress(p)), transfer: [bytes] });
    writePageSettings(result.pageSettings);
    shell.setStatus(BACKUP_TEXT.imported(result.rulebooks.length));
    location.reload();
  }

  return h(
    'div',
    { class: 'setting-row' },
    exportButton,
    ...fileButton(BACKUP_TEXT.import, `${BACKUP_EXTENSION},${BACKUP_MIME},application/octet-stream`, (file) => void run(() => importAll(file))),
  );
}

function readPageSettings(): Record<string, string> {
  const settings: Record<string, string> = {};
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      const value = key?.startsWith(PAGE_SETTING_PREFIX) ? localStorage.getItem(key) : null;
      if (key && value !== null) settings[key] = value;
    }
  } catch {
    // Private mode: rulebooks travel without the page's settings.
  }
  return settings;
}

function writePageSettings(settings: Record<string, string>): void {
  try {
    for (const [key, value] of Object.entries(settings)) if (key.startsWith(PAGE_SETTING_PREFIX)) localStorage.setItem(key, value);
  } catch {
    // Private mode or full storage: the rulebooks are imported; the settings stay as they were.
  }
}
