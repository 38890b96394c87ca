// Finds the quantities in a sentence, written as digits ("10", "7m", "6th") or as English words
// ("ten", "twenty-five", "sixth"), so an answer's numbers can be compared with its clause. Any thread.

export interface FoundNumber {
  value: number;
  /** The text it was read from, as written. */
  text: string;
  index: number;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
// "first" and "second" are left out: in rules they mostly mean order or time ("second half"), not a count.
const ORDINALS: Record<string, number> = {
  third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, fifteenth: 15, twentieth: 20,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000 };

/**
 * "one" is a number only before a countable thing ("one metre", "one touch"); elsewhere it is
 * usually a pronoun ("no one", "the one who").
 */
const ONE_NOUNS = /^(?:metres?|meters?|m|seconds?|minutes?|mins?|touch(?:es)?|points?|players?|steps?|hands?|foot|feet|yards?|tries?|touchdowns?|substitutes?|referees?|warnings?|halves|half|periods?|sets?|phases?|attempts?|interchanges?)$/i;

const WORD = '(?:' + [...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(ORDINALS), ...Object.keys(SCALES)].join('|') + ')';
const WORD_RUN = new RegExp(`\\b${WORD}(?:(?:\\s+|-)(?:and\\s+)?${WORD})*\\b`, 'gi');
const DIGITS = /(?<![\w.])\d+(?:[.,]\d+)?(?:st|nd|rd|th)?(?![\d])/gi;

function parseWordRun(run: string): number | undefined {
  const words = run.toLowerCase().split(/[\s-]+/).filter((w) => w !== 'and');
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of words) {
    if (w in UNITS) current += UNITS[w];
    else if (w in TENS) current += TENS[w];
    else if (w in ORDINALS) current += ORDINALS[w];
    else if (w in SCALES) {
      current = (current || 1) * SCALES[w];
      if (SCALES[w] >= 1000) {
        total += current;
        current = 0;
      }
    } else return undefined;
    seen = true;
  }
  return seen ? total + current : undefined;
}

/** Every number in `text`, in order of appearance. */
export function findNumbers(text: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  for (const m of text.matchAll(DIGITS)) {
    const raw = m[0].replace(/(?:st|nd|rd|th)$/i, '');
    // "1,000" is a thousands separator; "1.5" a decimal.
    const value = /^\d{1,3}(?:,\d{3})+$/.test(raw) ? Number(raw.replace(/,/g, '')) : Number(raw.replace(',', '.'));
    if (Number.isFinite(value)) found.push({ value, text: m[0], index: m.index ?? 0 });
  }
  for (const m of text.matchAll(WORD_RUN)) {
    const index = m.index ?? 0;
    const value = parseWordRun(m[0]);
    if (value === undefined) continue;
    if (m[0].toLowerCase() === 'one') {
      const next = /^\s*(?:\(\s*1\s*\)\s*)?([A-Za-z]+)/.exec(text.slice(index + m[0].length));
      if (!next || !ONE_NOUNS.test(next[1])) continue;
    }
    found.push({ value, text: m[0], index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The set of values written in `text`, digits and words alike: "ten (10) metres" gives {10}. */
export function collectNumberValues(text: string): Set<number> {
  return new Set(findNumbers(text).map((n) => n.value));
}
