// Rule packs end to end in headless Chromium against the built app: one phone indexes the rulebook and
// exports a pack; a second browser profile (the "new phone") imports it offline and answers with zero document
// embeddings; damaged, tampered, newer-schema, unknown-model and non-pack files are refused, changing nothing.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGzip } from '../../src/adapters/gzip';
import { sha256Hex } from '../../src/adapters/hash';
import { AppError, type ErrorCode } from '../../src/core/errors';
import { indexKey } from '../../src/core/index-key';
import { decodeRulePack, encodeRulePack, RULE_PACK_HEADER_BYTES, RULE_PACK_SCHEMA_VERSION } from '../../src/core/rule-pack';
import { describeError } from '../../src/ui/messages';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';
import { addRulebook, askAndReadCitations, rulebookList, showScreen, writeSamplePdf } from './app-helpers';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { readStats, waitForStatus } from './pwa-helpers';

let server: PreviewServer;
let oldPhone: BrowserSession;
let newPhone: BrowserSession;
let thirdPhone: BrowserSession | undefined;
let pdfPath: string;
const dir = mkdtempSync(join(tmpdir(), 'pitchside-pack-e2e-'));
const packPath = join(dir, 'exported.rulepack');
const answerable = SAMPLE_QUESTIONS.filter((q) => q.rule);
const codec = { sha256Hex, compression: createGzip()! };

beforeAll(async () => {
  pdfPath = await writeSamplePdf('pitchside-pack-pdf-');
  server = await startPreview();
  [oldPhone, newPhone] = await Promise.all([openBrowser(), openBrowser()]);
});

afterAll(async () => {
  await oldPhone?.close();
  await newPhone?.close();
  await thirdPhone?.close();
  await server?.stop();
});

/** Writes a spoiled copy of the exported pack and returns its path. */
async function spoiledPack(name: string, spoil: (pack: Uint8Array) => Uint8Array | Promise<Uint8Array>): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await spoil(new Uint8Array(readFileSync(packPath))));
  return path;
}

const alertText = (page: BrowserSession['page']) => page.getByRole('alert').textContent();
const messageFor = (code: ErrorCode) => describeError(new AppError(code)).text;

describe('rule packs between two phones', () => {
  it('exports the indexed rulebook as one .rulepack file', async () => {
    const { page } = oldPhone;
    await page.goto(server.url);
    await waitForStatus(page, /Add a rulebook/);
    await showScreen(page, 'Settings');
    const exportButton = page.getByRole('button', { name: 'Export rule pack', exact: true });
    expect(await exportButton.isDisabled()).toBe(true);

    await addRulebook(page, pdfPath);
    await waitForStatus(page, /^Ready — sample-rules indexed/, 120_000);
    await showScreen(page, 'Settings');
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toBe('sample-rules.rulepack');
    await download.saveAs(packPath);
    await waitForStatus(page, /^Ready — sample-rules · rule pack saved as sample-rules\.rulepack$/);
    const bytes = readFileSync(packPath);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PSRP');
    const pack = await decodeRulePack(new Uint8Array(bytes), codec);
    expect(pack.rulebook.name).toBe('sample-rules');
    expect(pack.index.chunks.length).toBeGreaterThan(0);
  });

  it('registers the installed app as a share target and a file handler for packs', async () => {
    const { page } = oldPhone;
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href!);
    expect(manifest.share_target).toMatchObject({
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { files: [{ name: 'pack', accept: expect.arrayContaining(['.rulepack']) }] },
    });
    expect(manifest.file_handlers).toEqual([{ action: './', accept: { 'application/x-pitchside-rule-pack': ['.rulepack'] } }]);
  });

  it('imports the pack offline on a new phone and answers with zero document embeddings', async () => {
    const { page, context } = newPhone;
    await page.goto(server.url);
    await waitForStatus(page, /Add a rulebook/);
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 60_000 }).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await waitForStatus(page, /Add a rulebook/);

    await showScreen(page, 'Settings');
    await page.getByLabel('Import rule pack', { exact: true }).setInputFiles(packPath);
    await waitForStatus(page, /^Ready — sample-rules imported from a rule pack$/);
    const books = await rulebookList(page);
    expect(await books.getByRole('button', { name: 'sample-rules', pressed: true }).count()).toBe(1);

    for (const q of answerable.slice(0, 2)) expect(await askAndReadCitations(page, q.question)).toContain(`Rule ${q.rule}`);
    expect((await readStats(page)).documentEmbeddings).toBe(0);
  });

  it('says so when the same pack is imported again', async () => {
    const { page } = newPhone;
    await showScreen(page, 'Settings');
    await page.getByLabel('Import rule pack', { exact: true }).setInputFiles(packPath);
    await waitForStatus(page, /^Ready — sample-rules \(this rule pack is already on this phone\)$/);
    expect(await (await rulebookList(page)).getByRole('listitem').count()).toBe(1);
  });

  const refusals: [string, ErrorCode, (pack: Uint8Array) => Uint8Array | Promise<Uint8Array>][] = [
    ['damaged', 'pack-damaged', (p) => p.slice(0, p.length - 100)],
    ['tampered', 'pack-tampered', (p) => {
      const out = p.slice();
      out[8] ^= 0xff; // the stored SHA-256 no longer matches the payload
      return out;
    }],
    ['newer-schema', 'pack-newer', (p) => {
      const out = p.slice();
      new DataView(out.buffer).setUint16(4, RULE_PACK_SCHEMA_VERSION + 1, true);
      return out;
    }],
    ['unknown-model', 'pack-unknown-model', async (p) => {
      const pack = await decodeRulePack(p, codec);
      const modelId = 'someone/unknown-model';
      return encodeRulePack({ ...pack, index: { ...pack.index, modelId, key: indexKey({ ...pack.index, modelId }) } }, codec);
    }],
    ['not-a-pack', 'pack-not-pack', () => new Uint8Array(readFileSync(pdfPath))],
  ];

  it.each(refusals)('refuses a %s pack with its own message and changes nothing', async (name, code, spoil) => {
    const { page } = newPhone;
    const path = await spoiledPack(`${name}.rulepack`, spoil);
    expect(readFileSync(path).length).toBeGreaterThan(RULE_PACK_HEADER_BYTES / 2);
    await showScreen(page, 'Settings');
    await page.getByLabel('Import rule pack', { exact: true }).setInputFiles(path);
    await expect.poll(() => alertText(page), { timeout: 30_000 }).toContain(messageFor(code));
    await waitForStatus(page, /^Ready — sample-rules$/);
    const books = await rulebookList(page);
    expect(await books.getByRole('listitem').count()).toBe(1);
    expect(await books.getByRole('button', { name: 'sample-rules', pressed: true }).count()).toBe(1);
    const q = answerable[0];
    expect(await askAndReadCitations(page, q.question)).toContain(`Rule ${q.rule}`);
    expect((await readStats(page)).documentEmbeddings).toBe(0);
  });

  it('imports a pack shared to the app (share target) through the service worker, offline', async () => {
    const { page } = newPhone;
    const books = await rulebookList(page);
    page.once('dialog', (dialog) => void dialog.accept());
    await books.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => books.getByRole('listitem').count()).toBe(0);

    // What the system share sheet does: a multipart POST navigation to the manifest's share_target action.
    const packBase64 = readFileSync(packPath).toString('base64');
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const input = Object.assign(document.createElement('input'), { type: 'file', name: 'pack' });
      const files = new DataTransfer();
      files.items.add(new File([bytes], 'shared.rulepack', { type: 'application/octet-stream' }));
      input.files = files.files;
      const form = Object.assign(document.createElement('form'), { method: 'post', enctype: 'multipart/form-data', action: './share-target' });
      form.append(input);
      document.body.append(form);
      form.submit();
    }, packBase64);
    await waitForStatus(page, /^Ready — sample-rules imported from a rule pack$/);
    expect(new URL(page.url()).search).toBe('');
    const q = answerable[2];
    expect(await askAndReadCitations(page, q.question)).toContain(`Rule ${q.rule}`);
    expect((await readStats(page)).documentEmbeddings).toBe(0);
    // Taken out of the cache once imported: a reload imports nothing again.
    expect(await page.evaluate(async () => (await (await caches.open('pitchside-shared-packs')).keys()).length)).toBe(0);
  });

  it('moves everything (rulebooks, a pinned rule and the theme) to another phone in one file', async () => {
    const { page } = oldPhone;
    const pin = answerable[3].rule!;
    // A rule number typed in the question box opens that clause on the Rulebook screen.
    await showScreen(page, 'Ask');
    await page.getByRole('textbox', { name: 'Question', exact: true }).fill(pin);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const clause = page.locator(`#rule-${pin.replace(/\./g, '-')}`);
    await expect.poll(() => clause.getAttribute('class')).toMatch(/\bcurrent\b/);
    await clause.getByRole('button', { name: 'Pin' }).click();
    expect(await clause.getByRole('button', { name: 'Pin' }).getAttribute('aria-pressed')).toBe('true');
    await showScreen(page, 'Settings');
    const theme = page.getByRole('button', { name: /^Theme: / });
    for (let i = 0; i < 3 && (await theme.textContent()) !== 'Theme: dark'; i++) await theme.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const backupPath = join(dir, 'everything.pitchside-backup');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export everything', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Pitchside backup \d{4}-\d{2}-\d{2}\.pitchside-backup$/);
    await download.saveAs(backupPath);

    thirdPhone = await openBrowser();
    const phone = thirdPhone.page;
    await phone.goto(server.url);
    await waitForStatus(phone, /Add a rulebook/);
    await showScreen(phone, 'Settings');
    // A rule pack is not a backup: refused, nothing imported.
    await phone.getByLabel('Import everything', { exact: true }).setInputFiles(packPath);
    await expect.poll(() => alertText(phone), { timeout: 30_000 }).toContain(messageFor('backup-not-backup'));
    expect(await (await rulebookList(phone)).getByRole('listitem').count()).toBe(0);

    await showScreen(phone, 'Settings');
    await Promise.all([phone.waitForEvent('load'), phone.getByLabel('Import everything', { exact: true }).setInputFiles(backupPath)]);
    await waitForStatus(phone, /^Ready — sample-rules$/);
    expect(await phone.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await showScreen(phone, 'Ask');
    expect(await phone.getByRole('region', { name: 'Pinned rules' }).getByText(`Rule ${pin}`, { exact: true }).count()).toBe(1);
    expect(await (await rulebookList(phone)).getByRole('button', { name: 'sample-rules', pressed: true }).count()).toBe(1);
    const q = answerable[3];
    expect(await askAndReadCitations(phone, q.question)).toContain(`Rule ${q.rule}`);
    expect((await readStats(phone)).documentEmbeddings).toBe(0);
  });
});
