import { readFileSync } from 'node:fs';
import { compileVocabulary, findOffField } from '../src/core/vocabulary';
const v = compileVocabulary();
for (const line of readFileSync('/tmp/all3.jsonl','utf8').split('\n').filter(Boolean)) {
  const q = JSON.parse(line);
  const hit = findOffField(q.question.toLowerCase(), v);
  if (hit) console.log(q.answerable ? 'ANSWERABLE' : 'oos', q.id, hit, '|', q.question);
}
