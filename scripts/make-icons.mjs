// Draws the app icons (a touch pitch: touchlines, halfway line and a ball) and writes them as PNG into
// public/icons/. Pure Node (zlib for the PNG encoding), so anyone can rerun it: `node scripts/make-icons.mjs`.

import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const OUT_DIR = new URL('../public/icons/', import.meta.url);
const PITCH = [0x0b, 0x5d, 0x2a];
const LINE = [0xff, 0xff, 0xff];
const SUPERSAMPLES = 4;

/** Coverage of the white marks at (x, y) in unit space [0,1]², for a pitch filling `inset`..1-inset. */
function markAt(x, y, inset) {
  const w = 0.035 * (1 - 2 * inset) * 1.6;
  const lo = inset + 0.12 * (1 - 2 * inset);
  const hi = 1 - lo;
  const inBox = x >= lo - w / 2 && x <= hi + w / 2 && y >= lo - w / 2 && y <= hi + w / 2;
  const onBorder = inBox && (Math.abs(x - lo) < w / 2 || Math.abs(x - hi) < w / 2 || Math.abs(y - lo) < w / 2 || Math.abs(y - hi) < w / 2);
  const onHalfway = inBox && Math.abs(y - 0.5) < w / 2;
  const r = 0.13 * (1 - 2 * inset);
  const ball = ((x - 0.5) / (r * 1.35)) ** 2 + ((y - 0.5) / r) ** 2 <= 1;
  return onBorder || onHalfway || ball;
}

function draw(size, { inset, rounded }) {
  const rgba = Buffer.alloc(size * size * 4);
  const radius = rounded ? 0.18 : 0;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let line = 0;
      let inside = 0;
      for (let sy = 0; sy < SUPERSAMPLES; sy++) {
        for (let sx = 0; sx < SUPERSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLES) / size;
          if (!insideRoundedSquare(x, y, radius)) continue;
          inside++;
          if (markAt(x, y, inset)) line++;
        }
      }
      const n = SUPERSAMPLES * SUPERSAMPLES;
      const t = inside ? line / inside : 0;
      const o = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(PITCH[c] * (1 - t) + LINE[c] * t);
      rgba[o + 3] = Math.round((255 * inside) / n);
    }
  }
  return encodePng(size, size, rgba);
}

function insideRoundedSquare(x, y, r) {
  if (r === 0) return true;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
}

function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// Maskable icons keep their marks inside the central 80 % safe zone and fill the whole square.
const ICONS = [
  ['icon-192.png', 192, { inset: 0, rounded: true }],
  ['icon-512.png', 512, { inset: 0, rounded: true }],
  ['icon-maskable-512.png', 512, { inset: 0.1, rounded: false }],
  ['apple-touch-icon-180.png', 180, { inset: 0.04, rounded: false }],
];

mkdirSync(OUT_DIR, { recursive: true });
for (const [name, size, opts] of ICONS) {
  const png = draw(size, opts);
  writeFileSync(new URL(name, OUT_DIR), png);
  console.log(`${name}: ${size}×${size}, ${png.length} bytes`);
}
