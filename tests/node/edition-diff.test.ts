// The edition diff on two fixture PDFs through the real parser: the second edition changes, removes, adds and
// renumbers one clause each, and the diff finds exactly those.

import { beforeAll, describe, expect, it } from 'vitest';
import { diffEditions, isLikelyNewEdition } from '../../src/core/edition-diff';
import { parseRulebook } from '../../src/core/structure';
import type { RuleUnit } from '../../src/core/types';
import { createNodeExtractor } from '../../src/node/pipeline';
import { buildRulebookPdf } from '../fixtures/make-pdf';
import { ADDED_CLAUSE, secondEdition } from '../fixtures/sample-editions';
import { SAMPLE_RULEBOOK } from '../fixtures/sample-rulebook';

let first: RuleUnit[];
let second: RuleUnit[];

async function unitsOf(pdf: Uint8Array): Promise<RuleUnit[]> {
  return parseRulebook((await createNodeExtractor().extract(pdf, {})).lines);
}

beforeAll(async () => {
  first = await unitsOf(await buildRulebookPdf());
  second = await unitsOf(await buildRulebookPdf({ book: secondEdition() }));
});

describe('edition diff of two fixture PDFs', () => {
  it('finds the changed, removed, added and renumbered clause and nothing else', () => {
    const diff = diffEditions(first, second);
    const summary = diff.changes.map((c) =>
      c.kind === 'added' ? `+${c.after.ref}` : c.kind === 'removed' ? `-${c.before.ref}` : `${c.kind} ${c.before.ref}→${c.after.ref}`,
    );
    expect(summary).toEqual(['changed 1.2→1.2', '-1.3.1', '+2.3', 'renumbered 2.3→2.4']);
    expect(diff.unchanged).toBe(first.filter((u) => u.kind !== 'text').length - 3);
    const added = diff.changes.find((c) => c.kind === 'added');
    expect(added && 'after' in added ? added.after.text : '').toBe(ADDED_CLAUSE);
    const changed = diff.changes[0];
    expect(changed.kind === 'changed' ? changed.diff.filter((p) => p.op !== 'same') : []).toEqual([
      { op: 'removed', text: 'five (5)' },
      { op: 'added', text: 'seven (7)' },
    ]);
    const moved = diff.changes[3];
    expect(moved.kind === 'renumbered' && moved.diff.every((p) => p.op === 'same')).toBe(true);
  });

  it('an edition compared with itself has no changes', () => {
    expect(diffEditions(first, first).changes).toEqual([]);
  });

  it('recognises the second edition as the same title family', () => {
    expect(isLikelyNewEdition(SAMPLE_RULEBOOK.title, secondEdition().title)).toBe(true);
  });
});
