// Second stage: the clauses of the first stage's top chunks, each scored on its own — clause-level BM25,
// the share of the question's terms it holds, the first-stage rank of its chunk, the chunk's similarity,
// and what the question asks for (a number, a meaning, a ruling). Pure; any thread.

import { inverseDocumentFrequency, scoreBm25Terms } from './bm25';
import { chunkUnitIds, RULING_LINE, saidFor, toResolvedClause, withoutRuling, type ClauseIndex, type ResolvedClause } from './clauses';
import type { QuestionAnalysis } from './question';
import { definesSubject, namesTermIn } from './defined-terms';
import { NO_LIMIT, numberContext, statesQuantityIn } from './quantity';
import { containsRun, tokenize } from './text';
import { shareOf, termWeights } from './term-share';
import type { ScoredChunk } from './types';
import { narrowerTwins } from './twins';
import { maxSim, type WordNeighbours } from './word-neighbours';

export interface RerankTuning {
  /** First-stage chunks whose clauses are reranked. */
  depth: number;
  /** Weights of the normalised (0..1) signals. */
  bm25Weight: number;
  shareWeight: number;
  firstStageWeight: number;
  denseWeight: number;
  /** Added when a quantity question meets a clause stating a number / a number of the thing asked. */
  numberBonus: number;
  quantityBonus: number;
  /** Added when a consequence question meets a clause with a ruling. */
  rulingBonus: number;
  /** Factor for a definition when the question does not ask what its term means. */
  definitionFactor: number;
  /** Added for a definition of the very thing a meaning question asks about. */
  meaningBonus: number;
  /** Factor for unnumbered text (preface, mode of play). */
  textFactor: number;
  /**
   * Factor for a sub-clause whose own text holds none of the question's terms beyond its parent's, when the
   * parent is a candidate too ("13.12.1" under "13.12"): the parent states the rule, the sub-clause an exception
   * or a detail the question does not ask about.
   */
  restatesParentFactor: number;
  /**
   * Factor for a clause that opens with a condition ("If ...,", "Should ...,"; ClauseIndex.conditionTerms) of
   * whose idf-weighted terms the question holds less than conditionMetShare: the rule for a case the question
   * does not describe ("a player is serving time in the Sin Bin" for "how many players start the drop-off?").
   */
  unmetConditionFactor: number;
  conditionMetShare: number;
  /**
   * Factor for the narrower of two sibling clauses that state nearly the same rule (their statements' terms,
   * without rulings, overlapping by at least twinOverlap, Jaccard; see narrowerTwins): "11.2 … may not
   * intentionally … propel the ball in a Forward direction over an opposition player and regain Possession"
   * beside "11.1 … may not … propel the ball in a Forward direction", for a question about a forward pass.
   */
  twinFactor: number;
  twinOverlap: number;
  /**
   * Factor for a clause about an act done with the opposite intent to the question's: "on purpose" against
   * "unintentionally makes contact" (12.5), "by accident" against "deliberately knock" (10.5). See intentOf.
   */
  intentConflictFactor: number;
  /** Bonus for a clause that states, word for word, what a situation told in parts means. */
  situationBonus: number;
  /** Weight of the share of the question's terms said next to a number the clause states (numberContext). */
  numberContextWeight: number;
  /** Weight of word-level MaxSim (each question word's best match among the clause's words). */
  maxSimWeight: number;
  /** Weight of the share of the question's terms in the clause's own text (no section title, no parent lead). */
  ownShareWeight: number;
  /** Added for the first clause of its rule or sub-rule ("17.1", "24.1.1"): where a rule states its general case. */
  firstClauseBonus: number;
  /** Added when a "when" question meets a clause that states a time or an order of events. */
  timeBonus: number;
  /** Added when a "can / allowed / legal" question meets a clause that permits or forbids. */
  permissionBonus: number;
  /** Weight of the share of the question's terms in the clause's section title (which rule it belongs to). */
  titleShareWeight: number;
  /** Added for a definition whose term the question names. */
  namesTermBonus: number;
  /**
   * Weight of the share of the question's own words that the clause lacks but the referees' vocabulary says
   * for what the clause states (ClauseIndex.said), counting only entries that reach at most saidUnits units.
   */
  saidWeight: number;
  saidUnits: number;
}

/** The question's words with their vectors, for word-level MaxSim against each clause's words. */
export interface QuestionWords {
  vectors: readonly Float32Array[];
  weights: readonly number[];
  neighbours: WordNeighbours;
}

export interface ClauseFeatures {
  bm25: number;
  share: number;
  firstStage: number;
  dense: number;
  maxSim: number;
  statesNumber: boolean;
  statesQuantity: boolean;
  hasRuling: boolean;
  definesSubject: boolean;
  /** A definition whose term the question names (through its own words or the vocabulary). */
  namesTerm: boolean;
  ownShare: number;
  firstClause: boolean;
  statesTime: boolean;
  statesPermission: boolean;
  titleShare: number;
  /** Share of the question's own words the clause lacks that referees say for what it states. */
  said: number;
  /** A sub-clause adding none of the question's terms to its parent's, which is a candidate too. */
  restatesParent: boolean;
  /** A clause opening with a condition the question hardly touches (below conditionMetShare). */
  unmetCondition: boolean;
  /** The narrower of two sibling clauses stating nearly the same rule, for this question (narrowerTwins). */
  narrowerTwin: boolean;
  /** The clause is about an act done with the opposite intent to the question's (intentOf). */
  intentConflict: boolean;
  /** The clause holds the rulebook's words of a situation the question tells in parts (findSituations). */
  tellsSituation: boolean;
  /** For a quantity question: the most of its terms' weight said within a few words of one number. */
  numberContext: number;
}

export interface RankedClause extends ResolvedClause {
  score: number;
  /** 0-based rank of the best first-stage chunk holding it. */
  chunkRank: number;
  /** The best chunk's dense similarity (NaN without a vector). */
  dense: number;
  features: ClauseFeatures;
}

/**
 * A clause that states what follows without a "Ruling =" line: "Teams playing unregistered players are liable
 * to forfeit any match…", "… will result in …". Counts as a ruling for a consequence question. Tuning halves
 * and four blind sets (526 covered; 2026-12-04): lead rule 374 → 375; with "penalty" and "change of
 * possession" too, 375 but hit@1 378 → 376.
 */
const STATES_CONSEQUENCE = /\b(?:liable to|will result|results in|is to be|forfeit)\b/i;

/** Words of a clause that place it in time or in an order of events. */
const TIME_WORDS = /\b(?:any time|before|after|until|prior to|once|following|during|when|whenever|immediately|commencement|expiration|expiry|end of|start of|half[- ]time|full[- ]time)\b/i;
/** Words of a clause that permit or forbid. */
const PERMISSION_WORDS = /\b(?:may|must|cannot|can not|permitted|allowed|prohibited|only)\b/i;

/** Whether a rule number is the first of its level ("17.1", "24.1.1"). */
function isFirstClause(number: string | undefined): boolean {
  return !!number && /\.1$/.test(number);
}

export function rerankClauses(
  q: QuestionAnalysis,
  results: readonly ScoredChunk[],
  index: ClauseIndex,
  t: RerankTuning,
  words?: QuestionWords,
): RankedClause[] {
  const best = new Map<number, { rank: number; fused: number; dense: number }>();
  results.slice(0, t.depth).forEach((r, rank) => {
    for (const id of chunkUnitIds(r.chunk, index.byRef)) {
      if (!best.has(id) && index.units[id]) best.set(id, { rank, fused: r.score, dense: r.dense });
    }
  });
  const bm25 = scoreBm25Terms(index.bm25, q.terms);
  if (best.size === 0) return [];
  const ids = [...best.keys()];
  const maxBm25 = Math.max(...ids.map((id) => bm25[id]), 0);
  const maxFused = Math.max(...ids.map((id) => best.get(id)!.fused), 0);
  const denses = ids.map((id) => best.get(id)!.dense).filter(Number.isFinite);
  const maxDense = denses.length ? Math.max(...denses) : NaN;
  const minDense = denses.length ? Math.min(...denses) : NaN;

  const sims = new Map(ids.map((id) => [id, words && t.maxSimWeight > 0 ? maxSim(words.vectors, words.weights, id, words.neighbours) : 0]));
  const maxSims = [...sims.values()];
  const [simLow, simHigh] = [Math.min(...maxSims), Math.max(...maxSims)];
  const allTerms = new Set(q.terms.map((term) => term.term));
  const weights = termWeights(q, index);
  // A meaning question, or a size question naming what it measures ("how big is the sub box?"): of the
  // definitions that fit its subject, the one naming most of it ("dead ball line" is Dead Ball Line, not Dead Ball).
  const asksAbout = q.asks.meaning || (q.asks.number && q.subject.length > 0);
  const subjectTermLength = asksAbout
    ? Math.max(0, ...index.units.flatMap((u, id) => (u.kind === 'definition' && definesSubject(q, index.termWords[id]) ? [new Set(index.termWords[id]).size] : [])))
    : 0;
  // The question's own words, for the vocabulary's words for each clause: a word the clause already holds
  // counts through the shares above.
  const ownWords = q.terms.filter((term) => term.source === 'question');
  const ownWeight = ownWords.reduce((sum, term) => sum + term.weight, 0) || 1;
  const asked = new Set(weights.filter((w) => w.weight > 0).map((w) => w.term));
  const intent = intentOf(q.terms.map((term) => term.term));
  // A quantity question is answered by what a clause states, not by where its ruling puts the penalty ("on the
  // seven (7) metre line"), unless it asks for the ruling too: each clause's stated terms, read once.
  const statedTerms = new Map<number, string[]>();
  const stated = (id: number): string[] => {
    let terms = statedTerms.get(id);
    if (!terms) statedTerms.set(id, (terms = tokenize(q.asks.consequence ? index.units[id].text : withoutRuling(index.units[id].text))));
    return terms;
  };
  const counted = q.asks.number ? q.countedThing : [];
  // "There is no limit to the number of times…" states how many times: none. Tuning halves and nine blind sets
  // (1,246 covered; 2026-12-04): lead rule 973 → 977, nothing lost; report half and blind-2 unchanged.
  const statesNoLimit = (id: number, things: readonly string[]) => NO_LIMIT.test(index.units[id].text) && stated(id).some((term) => things.includes(term));
  // A count question ("how many touches") whose counted thing a rule states a number of ("six (6) Touches"):
  // the rule answers, not the definition of a term the vocabulary reached (countsTerm below). Tuning halves
  // and seven blind sets (886 covered; 2026-12-04): lead rule 688 → 691, nothing lost; with units counted too
  // ("how many mins"), half time's five minutes lost its definition.
  const ruleCounts = counted.length > 0 && ids.some((id) => index.units[id].kind === 'clause' && (statesQuantityIn(stated(id), counted) || statesNoLimit(id, counted)));
  const totalWeight = weights.reduce((sum, w) => sum + w.weight, 0);
  const situations = q.vocabulary.filter((hit) => hit.situation).flatMap((hit) => hit.means.map((m) => tokenize(m)));
  const narrower = t.twinFactor < 1 ? narrowerTwins(ids, asked, index, t.twinOverlap) : new Set<number>();
  const ranked = ids.map((id): RankedClause => {
    const unit = index.units[id];
    const first = best.get(id)!;
    const own = index.ownTerms[id];
    const states = q.asks.number ? stated(id) : [];
    const ownNumbers = states.some((term) => /^\d/.test(term)) || (q.asks.number && NO_LIMIT.test(unit.text));
    const features: ClauseFeatures = {
      bm25: maxBm25 > 0 ? bm25[id] / maxBm25 : 0,
      share: shareOf(weights, index.terms[id]),
      firstStage: maxFused > 0 ? first.fused / maxFused : 0,
      dense: Number.isFinite(first.dense) && maxDense > minDense ? (first.dense - minDense) / (maxDense - minDense) : 0,
      maxSim: simHigh > simLow ? (sims.get(id)! - simLow) / (simHigh - simLow) : 0,
      statesNumber: q.asks.number && ownNumbers,
      statesQuantity: q.asks.number && (statesQuantityIn(states, q.quantityTargets) || statesNoLimit(id, q.quantityTargets)),
      hasRuling: q.asks.consequence && (RULING_LINE.test(unit.text) || STATES_CONSEQUENCE.test(unit.text)),
      definesSubject:
        unit.kind === 'definition' && asksAbout && new Set(index.termWords[id]).size === subjectTermLength && definesSubject(q, index.termWords[id]),
      // A definition says what a term is, never what follows from an act: one named in a "what happens"
      // question ("the girl on the wing steps on the sideline, what happens?") gets no bonus for the name.
      // Tuning halves and nine blind sets (1,246 covered; 2026-12-04): lead rule 965 → 966, nothing else moved.
      // The term's words must stand together (namesTermIn): lead rule 992 → 996, answer 1,151 → 1,150; report
      // half and blind-2 and blind-11 unchanged. Split terms named by either part instead: 995, but ten leads
      // traded places with the Tap definition.
      // Only the question's own words name a term: a mapped word ("sub" → substitute) is not asking about it.
      namesTerm:
        !(unit.kind === 'definition' && q.asks.consequence && !q.asks.meaning) && index.termWords[id].length > 0 && namesTermIn(q.tokens, index.units[id].term ?? ''),
      ownShare: shareOf(weights, own),
      firstClause: unit.kind === 'clause' && isFirstClause(unit.number),
      statesTime: q.asks.time && TIME_WORDS.test(unit.text),
      statesPermission: q.asks.permission && PERMISSION_WORDS.test(unit.text),
      titleShare: shareOf(weights, index.titleTerms[id]),
      said: saidShare(ownWords, ownWeight, index, id, t.saidUnits),
      restatesParent: index.parent[id] >= 0 && best.has(index.parent[id]) && !addsTerms(weights, own, index.terms[index.parent[id]]),
      unmetCondition: index.conditionTerms[id] !== undefined && conditionShare(index.conditionTerms[id]!, asked, index) < t.conditionMetShare,
      narrowerTwin: narrower.has(id),
      intentConflict: intent !== undefined && clauseIntent(unit.text, index.ownTerms[id]) === (intent === 'with' ? 'without' : 'with'),
      tellsSituation: situations.length > 0 && holdsRun(tokenize(unit.text), situations),
      numberContext: q.asks.number ? numberContext(stated(id), weights, totalWeight, q.quantityTargets) : 0,
    };
    let score =
      t.bm25Weight * features.bm25 +
      t.shareWeight * features.share +
      t.firstStageWeight * features.firstStage +
      t.denseWeight * features.dense +
      t.maxSimWeight * features.maxSim +
      (features.statesNumber ? t.numberBonus : 0) +
      (features.statesQuantity ? t.quantityBonus : 0) +
      (features.hasRuling ? t.rulingBonus : 0) +
      (features.definesSubject ? t.meaningBonus : 0) +
      t.ownShareWeight * features.ownShare +
      (features.firstClause ? t.firstClauseBonus : 0) +
      (features.statesTime ? t.timeBonus : 0) +
      (features.statesPermission ? t.permissionBonus : 0) +
      t.titleShareWeight * features.titleShare +
      (features.namesTerm ? t.namesTermBonus : 0) +
      t.saidWeight * features.said +
      (features.tellsSituation ? t.situationBonus : 0) +
      t.numberContextWeight * features.numberContext;
    // A quantity question about a defined term, named in the referees' words ("binned" → Sin Bin), is answered
    // by the definition that states the number ("four (4) completed Possessions"). Tuning halves and five blind
    // sets (646 covered; 2026-12-04): lead rule 460 → 464, rule_hit@3 567 → 577, answer 548 → 558; the
    // definition at 0.8 instead of in full: lead 461.
    const countsTerm = unit.kind === 'definition' && features.statesNumber && !ruleCounts && index.termWords[id].length > 0 && index.termWords[id].every((w) => allTerms.has(w));
    if (unit.kind === 'definition' && !features.definesSubject && !features.namesTerm && !countsTerm) score *= t.definitionFactor;
    if (unit.kind === 'text') score *= t.textFactor;
    if (features.restatesParent) score *= t.restatesParentFactor;
    if (features.unmetCondition) score *= t.unmetConditionFactor;
    if (features.narrowerTwin) score *= t.twinFactor;
    if (features.intentConflict) score *= t.intentConflictFactor;
    return { ...toResolvedClause(index.units, id), score, chunkRank: first.rank, dense: first.dense, features };
  });
  return ranked.sort((a, b) => b.score - a.score || a.chunkRank - b.chunkRank || a.unit - b.unit);
}

/** Stems that say an act was meant, or was not ("deliberately", "on purpose"; "accidentally", "unintentionally"). */
const WITH_INTENT = new Set(['deliber', 'intention', 'intent', 'purpos', 'wil', 'wilful', 'willful']);
const WITHOUT_INTENT = new Set(['unintention', 'unintend', 'accident', 'accid', 'involuntari', 'inadvert']);

/** Whether terms say an act was meant ('with') or not ('without'); undefined for neither or both. */
export function intentOf(terms: Iterable<string>): 'with' | 'without' | undefined {
  let meant = false;
  let unmeant = false;
  for (const term of terms) {
    if (WITH_INTENT.has(term)) meant = true;
    if (WITHOUT_INTENT.has(term)) unmeant = true;
  }
  return meant === unmeant ? undefined : meant ? 'with' : 'without';
}

/** A clause's intent; "intentionally or otherwise" (11.1) covers both. */
function clauseIntent(text: string, terms: ReadonlySet<string>): 'with' | 'without' | undefined {
  return /(?:intentionally|deliberately|intentional|deliberate)\s+or\s+otherwise/i.test(text) ? undefined : intentOf(terms);
}

/** The idf-weighted share of a condition's terms that the question holds; a condition of no terms is met. */
function conditionShare(condition: readonly string[], asked: ReadonlySet<string>, index: ClauseIndex): number {
  if (condition.length === 0) return 1;
  return shareOf([...new Set(condition)].map((term) => ({ term, weight: inverseDocumentFrequency(index.bm25, term) })), asked);
}

/** Whether a clause's own text holds any of the weighted question terms that its parent's search terms lack. */
function addsTerms(weights: readonly { term: string; weight: number }[], own: ReadonlySet<string>, parent: ReadonlySet<string>): boolean {
  return weights.some((w) => w.weight > 0 && own.has(w.term) && !parent.has(w.term));
}

/** The share of the question's own term weight that a clause lacks but is said for it by an entry reaching at most `maxUnits` units. */
function saidShare(own: readonly { term: string; weight: number }[], total: number, index: ClauseIndex, unit: number, maxUnits: number): number {
  let found = 0;
  for (const { term, weight } of own) if (!index.terms[unit].has(term) && saidFor(index, unit, term, maxUnits)) found += weight;
  return found / total;
}

/**
 * A question that names a rule by its number ("what does rule 15.2 say?") gets that clause first, whatever
 * else ranked above it; a section's number ("rule 24") gets its first clause. Numbers the rulebook does not
 * have change nothing.
 */
export function withNamedRules(q: QuestionAnalysis, ranked: readonly RankedClause[], index: ClauseIndex): RankedClause[] {
  const ids = q.ruleRefs.flatMap((ref) => {
    const exact = index.byRef.get(ref);
    if (exact !== undefined) return [exact];
    const first = index.units.findIndex((u) => u.kind === 'clause' && u.ref.startsWith(`${ref}.`));
    return first >= 0 ? [first] : [];
  });
  if (ids.length === 0) return [...ranked];
  const top = ranked[0]?.score ?? 0;
  const unique = [...new Set(ids)];
  const named = unique.map((id, i) => ({
    ...(ranked.find((c) => c.unit === id) ?? { ...toResolvedClause(index.units, id), chunkRank: 0, dense: NaN, features: NO_FEATURES }),
    score: top + unique.length - i,
  }));
  return [...named, ...ranked.filter((c) => !named.some((n) => n.unit === c.unit))];
}

/** Features of a clause that no second stage scored. */
const NO_FEATURES: ClauseFeatures = { bm25: 0, share: 0, firstStage: 0, dense: 0, maxSim: 0, statesNumber: false, statesQuantity: false, hasRuling: false, definesSubject: false, namesTerm: false, ownShare: 0, firstClause: false, statesTime: false, statesPermission: false, titleShare: 0, said: 0, restatesParent: false, unmetCondition: false, narrowerTwin: false, intentConflict: false, tellsSituation: false, numberContext: 0 };

/** Without a second stage: the clauses of the chunks in their first-stage order. */
export function clausesInChunkOrder(results: readonly ScoredChunk[], index: ClauseIndex): RankedClause[] {
  const seen = new Set<number>();
  return results.flatMap((r, rank) =>
    chunkUnitIds(r.chunk, index.byRef)
      .filter((id) => index.units[id] && !seen.has(id) && seen.add(id))
      .map((id) => ({ ...toResolvedClause(index.units, id), score: r.score, chunkRank: rank, dense: r.dense, features: NO_FEATURES })),
  );
}

/**
 * A situation's rulebook phrase of fewer terms ("other than the Half" is just "half") tells no one clause. With
 * vocabulary v34, tuning halves and nine blind sets (1,246 covered; 2026-12-04): lead rule 1,033 → 1,038,
 * rule_hit@3 1,173 → 1,172; report half and blind-2 lead 218 → 220.
 */
const MIN_SITUATION_TERMS = 2;

/** Whether `tokens` hold one of `runs` (of MIN_SITUATION_TERMS terms or more) as consecutive tokens. */
function holdsRun(tokens: readonly string[], runs: readonly (readonly string[])[]): boolean {
  return runs.some((run) => run.length >= MIN_SITUATION_TERMS && containsRun(tokens, run));
}
