// Question analysis: a question is read once into one value that search, coverage, reranking and the
// clause answer all use — its search terms after typo correction and the referees' vocabulary, what it
// asks for (a number, a meaning, a consequence) and its focus. Pure; any thread.

import { quantityAsked } from './question-quantity';
import { findOffField, findOtherCode, namedCodeWords } from './scope';
import { findSituations } from './situations';
import { BOUNDARY, findVocabulary, vocabularyWords, type CompiledVocabulary, type VocabularyHit } from './vocabulary';
import { correctWord, joinSplitWords, measureAfterHow } from './spelling';
import { contentTerms, expandContractions, isQuestionFiller, normalizeText, STOP_WORDS, tokenize } from './text';

/** Where a term came from: the question's words, the vocabulary, a described defined term, or a word near in meaning. */
export type TermSource = 'question' | 'vocabulary' | 'glossary' | 'similar';

export interface WeightedTerm {
  /** A search term as `tokenize` writes it (a stem, a digit string, a unit). */
  term: string;
  weight: number;
  source: TermSource;
}

export interface QuestionAsks {
  /** "How many / far / long ...", "minimum", "distance": the answer is a quantity. */
  number: boolean;
  /** "What is ...", "define ...", "meaning of ...": the answer is a definition. */
  meaning: boolean;
  /** "What happens if ...", "what's the call": the answer is a ruling. */
  consequence: boolean;
  /** "When ...", "at what point ...", "how soon": the answer is a time or an order of events. */
  time: boolean;
  /** "Can / may / allowed / legal / have to ...": the answer permits or forbids. */
  permission: boolean;
}

export interface QuestionAnalysis {
  text: string;
  /** The question after typo correction, as words (for the embedding text and the eval report). */
  corrected: string;
  /** Search terms of the question's own words, in order, repeats kept. */
  tokens: string[];
  /** Topic terms, each once, with weights: the question's own, then rulebook terms its words map to. */
  terms: WeightedTerm[];
  asks: QuestionAsks;
  /** The noun a "what/which X ..." question asks for ("colour" in "what colour shirt does ..."), as a term. */
  answerType?: string;
  /** What a quantity question counts or measures: the noun after "how many", or the units "how far" wants. */
  quantityTargets: string[];
  /** The thing a count question counts, not a unit ("how many touches" → touch; "how many mins" → none). */
  countedThing: string[];
  /** The unit a count is asked in ("how many mins" → minute), or none. */
  countedUnit?: string;
  /**
   * Each number the question states with the thing it counts, as terms: "5 players" → 5: [player]; "2 blokes"
   * → 2: [bloke, player, …], with the rulebook words the vocabulary maps the thing to.
   */
  countedNumbers: Record<string, string[]>;
  /**
   * Terms of the thing a meaning question asks about ("sin bin" in "what is a sin bin?"), or a size question
   * measures ("sub box" in "how big is the sub box?").
   */
  subject: string[];
  /** The rulebook terms the vocabulary maps the subject's words to ("sub box" → interchange area). */
  subjectMeans: string[];
  /** Rule numbers the question names ("what does rule 15.2 say?", "13.8?"), as written: the referee wants that clause. */
  ruleRefs: string[];
  vocabulary: VocabularyHit[];
  /** Another sport or variant the question asks about ("rugby league" in "Rugby league: how many tackles?"). */
  otherCode?: string;
  /** Search terms of every other code the question names, asked about or only compared with ("like league"). */
  codeTerms: string[];
  /** A matter the laws of the game leave to the competition or the club ("rego fees", "the ladder", "tactics"). */
  offField?: string;
  corrections: { from: string; to: string }[];
  /** What the embedding model reads: the corrected question, then the rulebook terms its words map to. */
  embeddingText: string;
}

/** The rulebook's own words with their counts: what a typo is corrected towards. */
export interface Lexicon {
  words: ReadonlyMap<string, number>;
}

export interface QuestionTuning {
  /** Weight of a rulebook term reached through the referees' vocabulary, relative to the question's own words. */
  vocabularyWeight: number;
  /** Factor on "touch" where it names the sport ("in touch, can you kick?") and the question tells of no Touch. */
  sportNameWeight: number;
  /**
   * Weight of a question word that a vocabulary phrase stood in for ("sent" in "sent off"); a word the phrase
   * maps to itself keeps its weight ("tap" in "player tapped" → tap).
   */
  explainedWordWeight: number;
  /** Weight of a number among the question's own words ("only 3 players left"), times the weight above. */
  numberWeight: number;
  /**
   * A phrase's rulebook words share its weight: each gets vocabularyWeight × min(1, phrase words /
   * (rulebook words × spread)). Small spread: every rulebook word keeps the full weight.
   */
  vocabularySpread: number;
  /** Words at least this long may be corrected by one edit; twice that length, by two. */
  minCorrectionLength: number;
  /** Weight of a defined term added because the question holds this share of its definition's terms. */
  glossaryWeight: number;
  glossaryMinShare: number;
  /** Stop words a vocabulary phrase may have between each two of its words in a question (findVocabulary). */
  vocabularyGap: number;
  /**
   * Weight of a rulebook term a situation told in parts brings (findSituations), relative to the question's own
   * words; a term the question already holds at less weight rises to it.
   */
  situationWeight: number;
}

export interface AnalysisContext {
  lexicon?: Lexicon;
  vocabulary?: CompiledVocabulary;
  /** From the embedding model: a word it knows whole is a real word, never a typo. */
  isKnownWord?: (word: string) => boolean;
  /** From the embedding model's wider word list: a real word (no vector), never a typo; a compound is still split. */
  isEnglishWord?: (word: string) => boolean;
  tuning: QuestionTuning;
}

const ASKS_NUMBER =
  /\b(how (many|much|far|long|often|big|wide|close|deep|high|thick|tall|heavy|old|soon)|what (distance|size|length|width|height|number|age)|minimum|maximum|min|max|number of|distance|duration)\b/;
/**
 * What a term means: "define …", "what does … mean", "what counts as …", or "what is / who is …" ending the
 * question in a few words. "What does the winner get to pick?" and "what do I do?" ask for something else.
 */
const ASKS_MEANING = /\b(?:(?:what|who) counts as|define|definition|meaning|mean|means|what position is)\b/;
/** "What is / who is …" ending the question in a few words: a meaning, unless it asks what is allowed or what follows. */
const ASKS_WHAT_IS = /\b(?:what (?:is|are|s)|whats|who (?:is|are)) (?:an? |the )?[a-z-]+(?: [a-z-]+){0,3}\s*$/;
// "What's the go?" (Australian: what happens now?) asks for the ruling. Answer 896 → 897 of 1,006.
const ASKS_CONSEQUENCE =
  /\b(happens?|happened|penalised|penalized|punish\w*|sanction\w*|consequences?|ruling|(?:the|what|which|whats|right|correct) (?:call|decision|result|outcome)|what (do|should|does) (i|you|we|the referee|the ref|ref) (do|give|award|call)|what(?: is|s)? the go)\b/;
const ASKS_TIME = /\b(when|whenever|what point|what stage|what time|how soon|how quickly)\b/;
const ASKS_PERMISSION = /\b(can|could|may|allowed|allow|legal|illegal|permitted|ok|okay|have to|has to|need to|needs to|must|banned|forbidden|prohibited|outlawed|against the rules)\b/;
const AUXILIARY = '(?:do|does|did|is|are|was|were|can|could|should|must|has|have|will|would|may)';
const ANSWER_TYPE = new RegExp(`\\b(?:what|which) ([a-z]+)(?: [a-z]+)? ${AUXILIARY}\\b`);
const SUBJECT = /\b(?:what (?:is|are|s)|whats|who (?:is|are)|(?:what|who) counts as|define|meaning of|what (?:does|do)) (?:an? |the )?([a-z][a-z -]*?)(?: mean| means)?\s*$/;
/** "What's the dummy half called?": a name asked for, which the definition gives. */
const CALLED = /\bwhat(?: is| are| s)? (?:an? |the )?([a-z][a-z -]*?) called\s*$/;
/** "How big is the sub box?", "how deep is the in-goal?": the thing measured, ending the question. */
const SIZE_SUBJECT = /\bhow (?:big|large|long|wide|deep|thick|high|far) (?:is|are) (?:an? |the )?([a-z][a-z -]*?)\s*$/;
/** "What does a dismissal mean for the player?": the thing before "mean", whatever follows it. */
const SUBJECT_BEFORE_MEAN = /\bwhat (?:does|do) (?:an? |the )?([a-z][a-z -]*?) mean\b/;
/**
 * A short fragment that names a measure asks for a quantity: "field size?", "sin bin time", "tap distance".
 * Tuning half, all three sets (2026-12-03): lead rule .580 → .593; report half .573 → .567 ("ruck area size?"
 * loses its definition, which states no number, from the top three).
 */
const FRAGMENT_WORDS = 4;
const MEASURE = /\b(?:size|length|width|depth|height|dimensions?|distance|duration|time|minutes|metres|meters)\b/;
const PRONOUN = /^(?:that|this|it|they|these|those|he|she)$/;
/**
 * "What's a link?", "who's an official?": the "is" the question's form needs. Only before "a" or "an": "what's
 * the touch count now?" asks for a count, not what the touch count is.
 */
const CONTRACTED_IS = /\b(?:(what|who)(?:['’]s|s)|wats)(?= an? )/g;
/**
 * "How long's the bin?", "how far's the line?": the "is" a size question asks with. Tuning halves and four
 * blind sets (526 covered; 2026-12-04): lead rule 371 → 372.
 */
const HOW_CONTRACTED_IS = /\bhow (big|large|long|wide|deep|thick|high|far)(?:['’]s|s)\b/g;
/** "What is the dummy half in touch?": the game's own name ends the question, not the thing asked about. */
const OWN_GAME_END = /\s+in (?:touch|touch football|touch rugby|this game|the rules)\s*$/;
/**
 * Names in a story ("Sarah, our link, got tagged at Riverside on Saturday"): words capitalised inside a
 * sentence that neither the rulebook nor the vocabulary uses. They tell who and where, never which rule, so
 * they are neither search terms nor words the rulebook lacks. A sentence's first word is never taken for one.
 */
function namesIn(normalized: string, ctx: AnalysisContext): Set<string> {
  const names = new Set<string>();
  for (const sentence of normalized.split(/[.!?:;]+/)) {
    const words = sentence.match(/[A-Za-z][A-Za-z'’]*/g) ?? [];
    for (const word of words.slice(1)) {
      if (!/^[A-Z][a-z]+$/.test(word)) continue;
      const lower = word.toLowerCase();
      if (!ctx.lexicon?.words.has(lower) && !ctx.vocabulary?.words.has(lower) && !STOP_WORDS.has(lower)) names.add(lower);
    }
  }
  return names;
}

/** "Rule 15.2", "law 9", "clause 13.8", "section 24": a rule named by its number. */
const NAMED_RULE = /\b(?:rules?|laws?|clauses?|sections?)\s+(\d{1,3}(?:\.\d{1,3})*)\b/g;
/** A question that is only a rule number with a dot ("15.4", "13.8?"). */
const BARE_RULE = /^\s*(\d{1,3}(?:\.\d{1,3})+)\s*\??\s*$/;

function ruleRefsIn(lower: string): string[] {
  const bare = lower.match(BARE_RULE);
  if (bare) return [bare[1]];
  return [...new Set([...lower.matchAll(NAMED_RULE)].map((m) => m[1]))];
}

/** "In touch, …", "touch footy": the sport's name, not the act. */
const SPORT_NAME = /\b(?:in|of|at|play|playing|for) touch\b(?=\s*(?:[,?.!;:]|$|footy\b|football\b|rugby\b|(?:is|are|does|do|can|will|would|what|how|who|when|where|if|as|like|too|though|then|now|anymore|still)\b))|\btouch (?:footy|football|rugby)\b/;
/** The act the rulebook calls a Touch, said besides the sport's name. */
const TOUCH_ACT = /\b(?:touch(?:ed|es|ing)|a touch|the touch|touch count|touch (?:is|was) made|makes? (?:a|the) touch)\b/;
const TRY_VERB = new Set(['try', 'tries', 'tried', 'trying']);
const BEFORE_NOUN = new Set(['a', 'an', 'the', 'their', 'our', 'his', 'her', 'its', 'my', 'your', 'another', 'winning', 'penalty', 'that', 'this']);

/**
 * "Tries to get involved", "tried to stop him": the verb, which the rulebook writes "attempts", never the Try
 * the word also names ("a try to win it" stays a Try).
 */
function attemptsFor(words: readonly string[]): string[] {
  return words.map((word, i) => (TRY_VERB.has(word) && words[i + 1] === 'to' && !BEFORE_NOUN.has(words[i - 1] ?? '') ? 'attempts' : word));
}

/** Reads a question once. Never throws: any text gives an analysis (possibly with no terms). */
export function analyzeQuestion(question: string, ctx: AnalysisContext): QuestionAnalysis {
  const normalized = normalizeText(question);
  const raw = normalized.toLowerCase();
  const lower = expandContractions(raw);
  const words = attemptsFor(vocabularyWords(lower, true));
  const corrections: { from: string; to: string }[] = [];
  const names = namesIn(normalized, ctx);
  const withBoundaries = joinSplitWords(
    words.flatMap((word, i) => {
      const fix = names.has(word) ? undefined : (measureAfterHow(words[i - 1], word) ?? correctWord(word, ctx));
      if (fix === undefined) return [word];
      corrections.push({ from: word, to: fix });
      return fix.split(' ');
    }),
    ctx,
    corrections,
  );
  const correctedWords = withBoundaries.filter((w) => w !== BOUNDARY);
  const corrected = correctedWords.join(' ');
  const vocabulary = ctx.vocabulary;
  const hits = vocabulary
    ? withoutWordsOfLongerHits(
        [withBoundaries, words, askedFirst(correctedWords)]
          .map((sequence) => findVocabulary(sequence, vocabulary, ctx.tuning.vocabularyGap))
          .reduce(mergeHits),
      ).concat(findSituations(correctedWords, vocabulary))
    : [];

  // Each mapping's words as search terms, read once: the question's words it found and the rulebook's it means.
  const mapped = hits.map((hit) => ({ said: tokenize(hit.say), meant: [...new Set(hit.means.flatMap((m) => tokenize(m)))], situation: hit.situation === true }));
  // The question's words a mapping stood in for weigh less: the rulebook's words now carry that meaning.
  // A word the mapping keeps ("tap" in "player tapped" → tap) is not stood in for.
  // A situation's parts are the question's own account of it: their words still weigh in full.
  const explained = new Set(mapped.filter((m) => !m.situation).flatMap(({ said, meant }) => said.filter((term) => !meant.includes(term))));
  // "In touch, can you kick?": the sport's name, not the act the rulebook calls a Touch.
  const sportNamed = SPORT_NAME.test(lower);
  const sportWeight = (term: string) => (sportNamed && term === 'touch' && !TOUCH_ACT.test(lower) ? ctx.tuning.sportNameWeight : 1);
  const terms: WeightedTerm[] = contentTerms(names.size ? correctedWords.filter((w) => !names.has(w)).join(' ') : corrected).map((term) => ({
    term,
    weight: (explained.has(term) ? ctx.tuning.explainedWordWeight : 1) * (/^\d/.test(term) ? ctx.tuning.numberWeight : 1) * sportWeight(term),
    source: 'question' as const,
  }));
  const have = new Set(terms.map((t) => t.term));
  const asksNumber = ASKS_NUMBER.test(corrected) || (correctedWords.length <= FRAGMENT_WORDS && MEASURE.test(corrected));
  for (const { said, meant, situation } of mapped) {
    if (situation) continue;
    // A mapping brings the rulebook's words, and its numbers only to a question that asks for a number: "how
    // many touches" wants the six, "does the touch count restart?" is not a question about six.
    const added = meant.filter((term) => !have.has(term) && (asksNumber || !/^\d/.test(term)));
    // A phrase of n words adds at most n words' weight, shared by the rulebook words it maps to.
    const share = Math.min(1, Math.max(1, said.length) / Math.max(1, added.length) / ctx.tuning.vocabularySpread);
    for (const term of added) {
      have.add(term);
      terms.push({ term, weight: ctx.tuning.vocabularyWeight * share, source: 'vocabulary' });
    }
  }
  // A situation told in parts settles what its parts' own mappings leave open: its terms weigh more.
  for (const { meant } of mapped.filter((m) => m.situation)) {
    for (const term of meant.filter((t) => asksNumber || !/^\d/.test(t))) {
      const held = terms.find((t) => t.term === term);
      if (held) held.weight = Math.max(held.weight, ctx.tuning.situationWeight);
      else {
        have.add(term);
        terms.push({ term, weight: ctx.tuning.situationWeight, source: 'vocabulary' });
      }
    }
  }

  const answerTypeMatch = corrected.match(ANSWER_TYPE);
  // The question's form keeps the "is" of "what's" and "who's" ("what's a link?"), which the words above drop
  // because the vocabulary's phrases are written without it ("what the call").
  const fixes = new Map(corrections.map((c) => [c.from, c.to]));
  const form = vocabularyWords(expandContractions(raw.replace(CONTRACTED_IS, (_, who: string | undefined) => `${who ?? 'what'} is`).replace(HOW_CONTRACTED_IS, 'how $1 is')).replace(/\?/g, ' '))
    .map((word) => fixes.get(word) ?? word)
    .join(' ')
    .replace(OWN_GAME_END, '');
  const called = form.match(CALLED);
  const subjectMatch = called ?? form.match(SUBJECT_BEFORE_MEAN) ?? form.match(SUBJECT) ?? (asksNumber ? form.match(SIZE_SUBJECT) : null);
  const permission = ASKS_PERMISSION.test(corrected);
  const consequence = ASKS_CONSEQUENCE.test(corrected);
  // Adverbs of the question's form are not part of its subject ("what does playing advantage actually mean").
  const subjectWords = subjectMatch ? subjectMatch[1].trim().split(/\s+/).filter((w) => !isQuestionFiller(w)).join(' ') : '';
  const subject = subjectWords && !PRONOUN.test(subjectWords) ? tokenize(subjectWords) : [];
  const means = [...new Set(hits.flatMap((h) => h.means))];
  const tokens = tokenize(corrected);
  return {
    text: question,
    corrected,
    tokens,
    terms,
    asks: { number: asksNumber, meaning: called !== null || ASKS_MEANING.test(form) || (ASKS_WHAT_IS.test(form) && !permission && !consequence), consequence, time: ASKS_TIME.test(corrected), permission },
    answerType: answerTypeMatch ? contentTerms(answerTypeMatch[1])[0] : undefined,
    ...quantityAsked(corrected, tokens, mapped),
    // "What does that mean?": a pronoun names nothing; the definition is then found from the question's words.
    subject,
    // What the vocabulary maps the subject's own words to, read in the subject alone: "sub box" is the
    // Interchange Area; "how long is a game" maps "long is a game" to the duration, which is not the game.
    // Tuning halves and nine blind sets (1,246 covered; 2026-12-04), with vocabulary v21: lead rule 996 →
    // 1,001, answer 1,150 → 1,152; report half, blind-2 and blind-11 unchanged.
    subjectMeans: subject.length && vocabulary ? [...new Set(findVocabulary(vocabularyWords(subjectWords), vocabulary, ctx.tuning.vocabularyGap).flatMap((hit) => hit.means.flatMap((m) => tokenize(m))))] : [],
    ruleRefs: ruleRefsIn(raw),
    vocabulary: hits,
    otherCode: ctx.vocabulary ? findOtherCode(lower, ctx.vocabulary) : undefined,
    codeTerms: ctx.vocabulary ? tokenize(namedCodeWords(lower, ctx.vocabulary).join(' ')) : [],
    offField: ctx.vocabulary ? findOffField(lower, ctx.vocabulary) : undefined,
    corrections,
    embeddingText: means.length ? `${corrected} ${means.join(' ')}` : corrected,
  };
}

/**
 * A short question that puts its "how long / how many / how far" last ("sinbin how long?", "half time how many
 * mins"), with that ending first, as phrases are written ("how long sin bin"); otherwise no words. Short: at
 * most eight words, the "how" among the last three, so a long question's closing "and how long?" stays where
 * it is. Tuning half, first and third blind sets (2026-12-04): lead rule 288 → 289 of 406, wrongly refused 13 → 12.
 */
function askedFirst(words: readonly string[]): string[] {
  const at = words.lastIndexOf('how');
  return at > 0 && words.length - at <= 3 && words.length <= 8 ? [...words.slice(at), ...words.slice(0, at)] : [];
}

/**
 * A word found alone gives way to a phrase found with words between that holds it ("mixed" to "drop-off in
 * mixed"), whichever reading of the question found which (findVocabulary does so within one reading).
 */
function withoutWordsOfLongerHits(hits: readonly VocabularyHit[]): VocabularyHit[] {
  const inGapped = new Set(hits.filter((h) => h.gapped).flatMap((h) => h.say.split(' ')));
  return hits.filter((h) => h.say.includes(' ') || !inGapped.has(h.say));
}

function mergeHits(a: readonly VocabularyHit[], b: readonly VocabularyHit[]): VocabularyHit[] {
  return [...a, ...b.filter((hit) => !a.some((h) => h.say === hit.say))];
}

/** The rulebook's lower-case words and their counts. */
export function buildLexicon(texts: readonly string[]): Lexicon {
  const words = new Map<string, number>();
  for (const text of texts) {
    // Read as a question is: "captain's" is the word "captain".
    for (const word of vocabularyWords(expandContractions(normalizeText(text).toLowerCase()))) {
      if (/^[a-z]+$/.test(word)) words.set(word, (words.get(word) ?? 0) + 1);
    }
  }
  return { words };
}
