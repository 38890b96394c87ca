// Sharing one clause as "Rule 15.2 (FIT 5th ed.): …": the Web Share API where the device has it, the
// clipboard otherwise. Main thread.

/** A short name for a rulebook in a shared clause: "fit-touch-5th-edition" → "FIT 5th ed.". */
export function shortBookName(name: string): string {
  const words = name.split(/[\s_-]+/).filter(Boolean);
  const hasEdition = words.some((w) => /^(\d+(st|nd|rd|th)|edition|ed\.?)$/i.test(w));
  const filler = /^(touch|football|playing|rules?|rulebook)$/i;
  const kept = words.filter((w) => !(hasEdition && filler.test(w)));
  return (kept.length > 0 ? kept : words)
    .map((w) => (/^edition$/i.test(w) ? 'ed.' : /^(fit|tfa|ftr)$/i.test(w) ? w.toUpperCase() : w))
    .join(' ');
}

export function formatClauseForSharing(label: string, bookName: string, text: string): string {
  return `${label} (${shortBookName(bookName)}): ${text.replace(/\s+/g, ' ').trim()}`;
}

export type ShareOutcome = 'shared' | 'copied' | 'cancelled' | 'failed';

/** Shares through the system sheet where there is one, else copies; says which happened. */
export async function shareClauseText(text: string, nav: Pick<Navigator, 'share' | 'clipboard'> = navigator): Promise<ShareOutcome> {
  if (typeof nav.share === 'function') {
    try {
      await nav.share({ text });
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      // Not allowed here (no user gesture, insecure context): fall back to copying.
    }
  }
  try {
    await nav.clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'failed';
  }
}
