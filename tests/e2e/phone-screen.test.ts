// The pitchside screen on phones in headless Chromium: nothing scrolls sideways at 320–412 px, 100 % and
// 130 % text, light and dark, on any screen; the question bar stays fully on screen and uncovered after an
// answer; a question asked while the app starts is answered without a second tap; a typed rule number opens
// its clause; find-as-you-type, copy, pin, text size and "Show the whole section" work.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { SAMPLE_QUESTIONS } from '../fixtures/sample-rulebook';
import { addRulebook, answerRegion, appStatus, askQuestion, showScreen, type ScreenName } from './app-helpers';
import { openBrowser, startPreview, type BrowserSession, type PreviewServer } from './harness';
import { waitForStatus } from './pwa-helpers';

const WIDTHS = [320, 360, 390, 412];
const TEXT_SCALES = [1, 1.3];
const THEMES = ['light', 'dark'] as const;
const HEIGHT = 640;
/** Chromium's default font size; the app's sizes are relative to it, as the phone's text-size setting is. */
const DEFAULT_FONT_PX = 16;

let server: PreviewServer;
let session: BrowserSession;
const pdf = join(mkdtempSync(join(tmpdir(), 'pitchside-phone-')), 'sample-rules.pdf');
const answerable = SAMPLE_QUESTIONS.filter((q) => q.rule);
const rule = answerable[0].rule!;

/** Elements that stick out sideways (the page itself first), ignoring ones inside their own scroller. */
function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) found.push(`page ${document.documentElement.scrollWidth} > ${width}`);
    const inScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || el.classList.contains('visually-hidden')) continue;
      if ((box.right > width + 0.5 || box.left < -0.5) && !inScroller(el)) {
        found.push(`${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} ${Math.round(box.left)}–${Math.round(box.right)}`);
      }
      if (found.length >= 5) break;
    }
    return found;
  });
}

async function setTextScale(page: Page, scale: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: Math.round(DEFAULT_FONT_PX * scale) } });
  await cdp.detach();
}

/** Every width, text size and theme on the screen shown now; returns what stuck out where. */
async function overflowEverywhere(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    for (const scale of TEXT_SCALES) {
      await setTextScale(page, scale);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHT });
        const found = await sidewaysOverflow(page);
        if (found.length > 0) problems.push(`${label} at ${width}px, ${scale * 100}% text, ${theme}: ${found.join('; ')}`);
      }
    }
  }
  await setTextScale(page, 1);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 360, height: HEIGHT });
  return problems;
}

/** Visible controls smaller than 44 × 44 px (text links inside a sentence excepted: there are none). */
function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('main button, main a, main summary, main input:not([type=checkbox]):not([type=radio]), main select, main label.segment, header a, .ask button, .ask input');
    for (const el of Array.from(controls)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || el.closest('.visually-hidden') || el.classList.contains('visually-hidden')) continue;
      if (box.height < 43.5 || box.width < 43.5) small.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  });
}

/** The element's box lies wholly inside the viewport, and its centre is not covered by anything else. */
function fullyOnScreenAndUncovered(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return 'missing';
    const box = el.getBoundingClientRect();
    const view = document.documentElement;
    if (box.left < 0 || box.top < 0 || box.right > view.clientWidth || box.bottom > innerHeight) {
      return `off screen: ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`;
    }
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit === el || el.contains(hit) ? 'ok' : `covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`;
  }, selector);
}

async function currentScreen(page: Page): Promise<string | null> {
  return page.getByRole('navigation', { name: 'Screens' }).locator('[aria-current="page"]').textContent();
}

beforeAll(async () => {
  writeFileSync(pdf, await buildRulebookPdf());
  server = await startPreview();
  session = await openBrowser({ viewport: { width: 360, height: HEIGHT } });
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});

afterAll(async () => {
  await session?.close();
  await server?.stop();
});

describe('the pitchside screen', () => {
  it('opens on one sentence and one big "Add rulebook (PDF)", and nothing scrolls sideways', async () => {
    const { page } = session;
    await page.goto(server.url);
    await waitForStatus(page, /Add a rulebook/);
    const ask = page.locator('.ask-screen');
    expect(await ask.getByText(/on this device, offline/).count()).toBe(1);
    const pick = ask.getByRole('button', { name: 'Add rulebook (PDF)' });
    expect(await pick.count()).toBe(1);
    expect((await pick.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // No question box before there is a rulebook to ask.
    expect(await page.getByRole('textbox', { name: 'Question' }).count()).toBe(0);
    expect(await overflowEverywhere(page, 'first visit')).toEqual([]);
  });

  it('answers with the question, its state and the rule number as large as the answer', async () => {
    const { page } = session;
    await addRulebook(page, pdf);
    await waitForStatus(page, /^Ready — sample-rules/);
    expect(await page.getByRole('textbox', { name: 'Question' }).getAttribute('placeholder')).toMatch(/^e\.g\. /);
    const answer = await askQuestion(page, answerable[0].question);
    expect(await answer.locator('.asked').textContent()).toContain(answerable[0].question);
    const state = answer.locator('[data-state]').first();
    expect(['sure', 'unsure', 'not-covered']).toContain(await state.getAttribute('data-state'));
    expect(await state.locator('.state-label').isVisible()).toBe(true);
    expect(await answer.getByRole('button', { name: `Rule ${rule}` }).count()).toBeGreaterThan(0);
    if ((await state.getAttribute('data-state')) === 'sure') {
      const sizes = await answer.evaluate((el) =>
        ['.lead-text', '.lead-rule'].map((s) => parseFloat(getComputedStyle(el.querySelector(s)!).fontSize)),
      );
      expect(sizes[1]).toBeGreaterThanOrEqual(sizes[0]);
    }
    // No jargon on the Ask screen: the GPU line and the model switch live in Settings.
    expect(await page.locator('.ask-screen .llm-bar').count()).toBe(0);
  });

  it.each([320, 360, 390])('keeps the question box and Ask fully on screen and uncovered after an answer at %i px', async (width) => {
    const { page } = session;
    await page.setViewportSize({ width, height: HEIGHT });
    await askQuestion(page, answerable[1].question);
    expect(await fullyOnScreenAndUncovered(page, '#question')).toBe('ok');
    expect(await fullyOnScreenAndUncovered(page, 'form.ask button[type=submit]')).toBe('ok');
    // Also with the answer scrolled to its end.
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    expect(await fullyOnScreenAndUncovered(page, 'form.ask button[type=submit]')).toBe('ok');
    await page.setViewportSize({ width: 360, height: HEIGHT });
  });

  it('never scrolls sideways on the answer, the Rulebook, Settings or Evaluate', async () => {
    const { page } = session;
    const problems: string[] = [];
    await askQuestion(page, answerable[2].question);
    await answerRegion(page).getByRole('button', { name: 'Show the whole section' }).first().click();
    problems.push(...(await overflowEverywhere(page, 'answer')));
    await showScreen(page, 'Rulebook');
    await page.getByRole('searchbox', { name: 'Find in the rulebook' }).fill('metres');
    await page.locator('details.section > summary').first().click();
    problems.push(...(await overflowEverywhere(page, 'rulebook')));
    for (const screen of ['Settings'] as ScreenName[]) {
      await showScreen(page, screen);
      problems.push(...(await overflowEverywhere(page, screen)));
    }
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    problems.push(...(await overflowEverywhere(page, 'evaluate')));
    expect(problems).toEqual([]);
  });

  it('makes every tap target at least 44 px on every screen', async () => {
    const { page } = session;
    const small: string[] = [];
    await page.setViewportSize({ width: 320, height: HEIGHT });
    small.push(...(await smallTapTargets(page)).map((s) => `Evaluate: ${s}`));
    for (const screen of ['Ask', 'Rulebook', 'Settings'] as ScreenName[]) {
      await showScreen(page, screen);
      small.push(...(await smallTapTargets(page)).map((s) => `${screen}: ${s}`));
    }
    await page.setViewportSize({ width: 360, height: HEIGHT });
    expect(small).toEqual([]);
  });

  it('reads a very long question up to its limit and says so', async () => {
    const { page } = session;
    const long = `${answerable[0].question} ${'and also '.repeat(60)}`.trim();
    await showScreen(page, 'Ask');
    await page.getByRole('textbox', { name: 'Question' }).fill(long);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => answerRegion(page).getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => page.locator('[role=alert]').textContent()).toMatch(/only its first 300 characters were read/);
    expect((await answerRegion(page).getAttribute('data-question'))!.length).toBe(300);
  });

  it('answers a question asked while the app starts, without a second tap', async () => {
    const { page } = session;
    const question = answerable[3].question;
    // Typed and asked the moment the page is there (its module scripts have run, the worker has not answered).
    await page.addInitScript((q) => {
      if (sessionStorage.getItem('ask-on-open') !== q) return;
      sessionStorage.removeItem('ask-on-open');
      addEventListener('DOMContentLoaded', () => {
        const status = document.querySelector('header [role=status]')?.textContent ?? '';
        Object.assign(window, { statusWhenAsked: status });
        (document.getElementById('question') as HTMLInputElement).value = q;
        document.querySelector<HTMLButtonElement>('form.ask button[type=submit]')!.click();
      });
    }, question);
    await page.evaluate((q) => sessionStorage.setItem('ask-on-open', q), question);
    await page.reload();
    const region = answerRegion(page);
    await expect.poll(() => region.getAttribute('data-question'), { timeout: 60_000 }).toBe(question);
    // Asked before the app knew its rulebooks.
    expect(await page.evaluate(() => (window as unknown as { statusWhenAsked: string }).statusWhenAsked)).not.toMatch(/^Ready/);
    expect(await region.getByRole('button', { name: /^Rule / }).allTextContents()).toContain(`Rule ${answerable[3].rule}`);
    expect(await page.locator('[role=alert]').textContent()).toBe('');
    await waitForStatus(page, /^Ready — sample-rules/);
  });

  it('opens the clause when a rule number is typed in the question box', async () => {
    const { page } = session;
    await showScreen(page, 'Ask');
    await page.getByRole('textbox', { name: 'Question' }).fill(rule);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => currentScreen(page)).toBe('Rulebook');
    const clause = page.locator(`#rule-${rule.replace(/\./g, '-')}`);
    await expect.poll(() => clause.getAttribute('class')).toMatch(/\bcurrent\b/);
    expect(await clause.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await clause.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(HEIGHT);
  });

  it('finds as you type, with the matches marked', async () => {
    const { page } = session;
    const find = page.getByRole('searchbox', { name: 'Find in the rulebook' });
    await find.fill('');
    await find.pressSequentially('retire');
    const results = page.getByRole('list', { name: 'Matches' });
    await expect.poll(() => results.getByRole('listitem').count()).toBeGreaterThan(0);
    const marks = await results.locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.toLowerCase()).toBe('retire');
    await find.fill('zzzz nothing');
    await expect.poll(() => page.locator('.find-count').textContent()).toBe('No matches.');
    await find.fill('');
  });

  it('copies or shares a clause as "Rule N (rulebook): …"', async () => {
    const { page } = session;
    const clause = page.locator(`#rule-${rule.replace(/\./g, '-')}`);
    const share = clause.getByRole('button', { name: /^(Copy|Share)$/ });
    const isShare = (await share.textContent()) === 'Share';
    if (isShare) await page.evaluate(() => Object.defineProperty(navigator, 'share', { value: undefined }));
    await share.click();
    await expect.poll(() => page.locator('.share-note').textContent()).toBe('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`^Rule ${rule.replace('.', '\\.')} \\(sample rules\\): \\S`));
  });

  it('pins a clause, shows it on the Ask screen and keeps it after a reload', async () => {
    const { page } = session;
    const clause = page.locator(`#rule-${rule.replace(/\./g, '-')}`);
    await clause.getByRole('button', { name: 'Pin' }).click();
    expect(await clause.getByRole('button', { name: 'Pin' }).getAttribute('aria-pressed')).toBe('true');
    await showScreen(page, 'Ask');
    const pinned = page.getByRole('region', { name: 'Pinned rules' });
    expect(await pinned.getByText(`Rule ${rule}`, { exact: true }).count()).toBe(1);
    await page.reload();
    await waitForStatus(page, /^Ready — sample-rules/);
    await expect.poll(() => page.getByRole('region', { name: 'Pinned rules' }).getByText(`Rule ${rule}`, { exact: true }).count()).toBe(1);
  });

  it('keeps the chosen text size across a reload and applies it to the whole page', async () => {
    const { page } = session;
    const rootPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const normal = await rootPx();
    await showScreen(page, 'Settings');
    await page.getByRole('radio', { name: 'Huge' }).check();
    expect(await rootPx()).toBeGreaterThan(normal * 1.2);
    await page.reload();
    await waitForStatus(page, /^Ready/);
    expect(await rootPx()).toBeGreaterThan(normal * 1.2);
    await showScreen(page, 'Settings');
    expect(await page.getByRole('radio', { name: 'Huge' }).isChecked()).toBe(true);
    expect(await overflowEverywhere(page, 'huge text, Settings')).toEqual([]);
    await page.getByRole('radio', { name: 'Normal' }).check();
    expect(await rootPx()).toBe(normal);
  });

  it('"Show the whole section" opens at the cited clause, marked and in view', async () => {
    const { page } = session;
    const answer = await askQuestion(page, answerable[0].question);
    const clause = answer.locator(`details#clause-${rule.replace(/\./g, '-')}`);
    await answer.getByRole('button', { name: `Rule ${rule}` }).first().click();
    await clause.getByRole('button', { name: 'Show the whole section' }).click();
    const cited = clause.locator('.units li[aria-current="true"]');
    await cited.waitFor();
    expect(await cited.locator('strong').textContent()).toBe(`Rule ${rule} `);
    await expect.poll(() => cited.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await cited.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + Math.min(box.height, 40)).toBeLessThanOrEqual(HEIGHT);
  });

  it('offers no microphone where speech is not recognised on the device', async () => {
    const { page } = session;
    const onDevice = await page.evaluate(async () => {
      const Ctor = (window as unknown as { SpeechRecognition?: { available?(o: object): Promise<string> } }).SpeechRecognition;
      return Ctor?.available ? (await Ctor.available({ langs: [navigator.language], processLocally: true })) === 'available' : false;
    });
    await appStatus(page).waitFor();
    expect(await page.getByRole('button', { name: 'Ask by voice' }).count()).toBe(onDevice ? 1 : 0);
  });
});
