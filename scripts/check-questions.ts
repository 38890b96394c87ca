// Checks an evaluation question file against a rulebook's plain text, in Node:
// `npx tsx scripts/check-questions.ts <questions.jsonl> <rulebook.txt>`; exits 1 when any check fails.

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { containsEvidence, normalizeForEvidence } from '../src/core/eval-metrics';
import { parseQuestionFile } from '../src/core/question-file';
import type { EvalQuestion } from '../src/core/question-file';

/** A question sharing this many consecutive words with the rulebook is probably copied from it. */
const COPIED_RUN_WORDS = 5;

export interface CheckReport {
  errors: string[];
  warnings: string[];
}

/**
 * Errors: evidence not in the rulebook, a rule number or defined term not in it, an accept pattern that
 * does not match the reference answer, an unanswerable question with rules, evidence or patterns.
 * Warnings: evidence found only by the trigram rule, no pattern matching the rulebook paragraph that holds
 * the evidence (the clause answer quotes it), a question that copies the rulebook's wording.
 */
export function checkQuestions(questions: readonly EvalQuestion[], rulebookText: string): CheckReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const paragraphs = rulebookText.split(/\r?\n/).filter((line) => line.trim() !== '');
  const normalizedBook = ` ${normalizeForEvidence(rulebookText)} `;

  for (const q of questions) {
    const where = `${q.id}:`;
    if (!q.answerable) {
      if (q.rules.length > 0 || q.evidence !== '' || q.accept.length > 0) {
        errors.push(`${where} unanswerable, so "rules", "evidence" and "accept" must be empty`);
      }
    } else {
      if (!containsEvidence(rulebookText, q.evidence)) {
        errors.push(`${where} evidence not found in the rulebook: ${JSON.stringify(q.evidence)}`);
      } else if (!normalizedBook.includes(` ${normalizeForEvidence(q.evidence)} `)) {
        warnings.push(`${where} evidence is not verbatim (found only by the trigram rule)`);
      }
      if (q.rules.length === 0) errors.push(`${where} an answerable question needs at least one rule`);
      for (const pattern of q.accept) {
        if (!pattern.test(q.answer)) errors.push(`${where} accept ${pattern} does not match the answer ${JSON.stringify(q.answer)}`);
      }
      const holding = paragraphs.filter((paragraph) => containsEvidence(paragraph, q.evidence));
      if (holding.length > 0 && !q.accept.some((pattern) => holding.some((paragraph) => pattern.test(paragraph)))) {
        warnings.push(`${where} no accept pattern matches the rulebook paragraph holding the evidence`);
      }
    }
    for (const rule of q.rules) {
      if (!hasRule(paragraphs, rule)) errors.push(`${where} rule ${JSON.stringify(rule)} is not in the rulebook`);
    }
    const copied = findCopiedRun(q.question, normalizedBook);
    if (copied !== null) warnings.push(`${where} question copies the rulebook: "${copied}"`);
  }
  return { errors, warnings };
}

function hasRule(paragraphs: readonly string[], rule: string): boolean {
  const definition = /^Definition:\s*(.+)$/i.exec(rule.trim());
  if (definition) {
    const term = definition[1].trim().toLowerCase();
    return paragraphs.some((paragraph) => paragraph.toLowerCase().startsWith(`${term}:`));
  }
  return paragraphs.some((paragraph) => paragraph.startsWith(`${rule.trim()} `));
}

function findCopiedRun(question: string, normalizedBook: string): string | null {
  const words = normalizeForEvidence(question).split(' ');
  for (let i = 0; i + COPIED_RUN_WORDS <= words.length; i++) {
    const run = words.slice(i, i + COPIED_RUN_WORDS).join(' ');
    if (normalizedBook.includes(` ${run} `)) return run;
  }
  return null;
}

function describeCoverage(questions: readonly EvalQuestion[]): string {
  const answerable = questions.filter((q) => q.answerable);
  const rules = new Set(answerable.flatMap((q) => q.rules));
  const sections = new Set([...rules].map((rule) => (rule.startsWith('Definition:') ? 'Definitions' : rule.split('.')[0])));
  return (
    `${questions.length} questions (${answerable.length} answerable, ${questions.length - answerable.length} unanswerable); ` +
    `${rules.size} distinct rules across ${sections.size} sections`
  );
}

async function main(argv: readonly string[]): Promise<number> {
  const [questionPath, rulebookPath] = argv;
  if (!questionPath || !rulebookPath) {
    console.error('usage: npx tsx scripts/check-questions.ts <questions.jsonl> <rulebook.txt>');
    return 2;
  }
  const questions = parseQuestionFile(await readFile(questionPath, 'utf8'));
  const report = checkQuestions(questions, await readFile(rulebookPath, 'utf8'));
  for (const warning of report.warnings) console.warn(`warning  ${warning}`);
  for (const error of report.errors) console.error(`error    ${error}`);
  console.log(describeCoverage(questions));
  console.log(report.errors.length === 0 ? 'ok' : `${report.errors.length} error(s)`);
  return report.errors.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
