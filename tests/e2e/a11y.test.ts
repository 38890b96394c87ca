// The pitchside interface in headless Chromium: axe-core finds no serious or critical violation on the Ask,
// Rulebook and Settings screens at 320, 360 and 390 px and on a desktop, in the light and dark themes; the
// theme switch persists; quick and recent questions, browsing by section, rename and delete with
// confirmation work. Screenshots at 360 px go to the ignored tests/.artifacts/screenshots/;
// `npm run screenshots` points PITCHSIDE_SCREENSHOTS at docs/screenshots/.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { addRulebook, answerRegion, askAndReadCitations, askQuestion, rulebookList, showScreen, type ScreenName } from './app-helpers';
import { waitForStatus } from './pwa-helpers';

const ROOT = new URL('../..', import.meta.url).pathname;
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = resolve(ROOT, process.env.PITCHSIDE_SCREENSHOTS ?? 'tests/.artifacts/screenshots');
const PHONE = { width: 360, height: 640 };
const PHONE_WIDTHS = [320, 360, 390];
const DESKTOP = { width: 1280, height: 800 };

let server: PreviewServer;
let session: BrowserSession;
const pdf = join(mkdtempSync(join(tmpdir(), 'pitchside-ui-')), 'sample-rules.pdf');
const q = SAMPLE_QUESTIONS.filter((s) => s.rule)[0];

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the app's CSP rightly blocks an injected inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function suggestionGroup(page: Page, heading: string) {
  return page.locator('.suggestions section', { has: page.getByRole('heading', { name: heading }) });
}

/** Picks the theme with the switch in Settings, then shows `back` again. */
async function chooseTheme(page: Page, theme: 'light' | 'dark', back: ScreenName = 'Ask') {
  await showScreen(page, 'Settings');
  const button = page.getByRole('button', { name: /^Theme: / });
  for (let i = 0; i < 3 && (await button.textContent()) !== `Theme: ${theme}`; i++) await button.click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
  await showScreen(page, back);
}

beforeAll(async () => {
  writeFileSync(pdf, await buildRulebookPdf());
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startPreview();
  session = await openBrowser({ viewport: PHONE });
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('pitchside interface', () => {
  it('welcomes a first visit, answers with the rule first and offers quick questions from the rulebook', async () => {
    const { page } = session;
    await page.goto(server.url);
    await waitForStatus(page, /Add a rulebook/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-first-visit.png') });
    await addRulebook(page, pdf);
    await waitForStatus(page, /^Ready — sample-rules indexed/);
    const quick = suggestionGroup(page, 'Quick questions').getByRole('button');
    await quick.first().waitFor();
    expect(await quick.first().textContent()).toMatch(/^What does the rulebook say about .+\?$/);
    expect(await askAndReadCitations(page, q.question)).toContain(`Rule ${q.rule}`);
    const recent = suggestionGroup(page, 'Recent questions').getByRole('button', { name: q.question });
    await recent.waitFor();
    // More context on demand: the clause's whole section, with the clause marked.
    await answerRegion(page).getByRole('button', { name: 'Show the whole section' }).first().click();
    await answerRegion(page).locator('.units li[aria-current="true"]').first().waitFor();
  });

  it.each(PHONE_WIDTHS.flatMap((width) => (['light', 'dark'] as const).map((theme) => ({ width, theme }))))(
    'has no serious accessibility violations at $width px in the $theme theme',
    async ({ width, theme }) => {
      const { page } = session;
      await page.setViewportSize({ width, height: PHONE.height });
      await chooseTheme(page, theme);
      const shot = (name: string) => (width === PHONE.width ? page.screenshot({ path: join(SCREENSHOTS, `phone-${name}-${theme}.png`) }) : undefined);
      await askQuestion(page, q.question);
      expect(await seriousViolations(page)).toEqual([]);
      await answerRegion(page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('answer');
      await showScreen(page, 'Rulebook');
      const section = page.locator('details.section', { has: page.locator('summary', { hasText: /^8 / }) });
      if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
      await section.locator('.units li').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot('rulebook');
      await showScreen(page, 'Settings');
      expect(await seriousViolations(page)).toEqual([]);
      await shot('settings');
      await showScreen(page, 'Ask');
    },
  );

  it.each(['light', 'dark'] as const)('has no serious accessibility violations on a desktop in the %s theme', async (theme) => {
    const { page } = session;
    await page.setViewportSize(DESKTOP);
    await chooseTheme(page, theme);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
  });

  it('keeps the chosen theme across a reload', async () => {
    const { page } = session;
    await chooseTheme(page, 'dark');
    await page.reload();
    await waitForStatus(page, /^Ready/);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await chooseTheme(page, 'light');
  });

  it('browses the rulebook by section', async () => {
    const { page } = session;
    await page.setViewportSize(PHONE);
    await showScreen(page, 'Rulebook');
    const firstSection = page.locator('details.section > summary', { hasText: /^1 / }).first();
    await firstSection.click();
    await page.locator('details.section[open] .units li').first().waitFor();
    expect(await page.locator('details.section[open] .units li strong').first().textContent()).toMatch(/^Rule \d/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('renames a rulebook and deletes it only after confirmation', async () => {
    const { page } = session;
    const list = await rulebookList(page);
    await list.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByLabel('New name').fill('Club rules');
    await page.getByRole('button', { name: 'Save' }).click();
    await list.getByRole('button', { name: 'Club rules' }).waitFor();

    page.once('dialog', (dialog) => void dialog.dismiss());
    await list.getByRole('button', { name: 'Delete', exact: true }).click();
    expect(await list.getByRole('listitem').count()).toBe(1);

    page.once('dialog', (dialog) => void dialog.accept());
    await list.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(0);
    await waitForStatus(page, /Deleted Club rules\. Add a rulebook/);
    await page.reload();
    await waitForStatus(page, /Add a rulebook/);
    expect(await (await rulebookList(page)).getByRole('listitem').count()).toBe(0);
  });
});
