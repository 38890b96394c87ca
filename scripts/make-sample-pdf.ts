// Writes the test PDFs (sample rulebook and each kind of bad input) into a folder, for end-to-end tests
// and for trying the app by hand: `npx tsx scripts/make-sample-pdf.ts out/`. Node only.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildEmptyPdf,
  buildPasswordPdf,
  buildRulebookPdf,
  buildScannedPdf,
  corruptPdfBytes,
  notPdfBytes,
} from '../tests/fixtures/make-pdf';
import { SAMPLE_RULEBOOK_TEXT } from '../tests/fixtures/sample-rulebook';

const SAMPLE_FILES: Record<string, () => Promise<Uint8Array> | Uint8Array> = {
  'sample-rulebook.pdf': () => buildRulebookPdf(),
  'sample-rulebook.txt': () => new TextEncoder().encode(SAMPLE_RULEBOOK_TEXT),
  'password.pdf': buildPasswordPdf,
  'scanned.pdf': () => buildScannedPdf(),
  'empty.pdf': buildEmptyPdf,
  'corrupt.pdf': corruptPdfBytes,
  // A text file under a .pdf name: the app must look at the bytes, not the name.
  'not-a-pdf.pdf': notPdfBytes,
};

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx scripts/make-sample-pdf.ts OUT_DIR');
    process.exit(2);
  }
  await mkdir(dir, { recursive: true });
  for (const [name, build] of Object.entries(SAMPLE_FILES)) {
    const bytes = await build();
    await writeFile(join(dir, name), bytes);
    console.log(`${join(dir, name)} (${bytes.length} bytes)`);
  }
}

await main();
