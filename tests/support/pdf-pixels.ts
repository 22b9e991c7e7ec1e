/**
 * What a PDF looks like to a person, measured with poppler: every word poppler finds in the text
 * layer (pdftotext -bbox) must also be ink on the page poppler draws (pdftoppm). A font whose glyph
 * outlines are missing or broken still extracts as text — the character mapping is separate from
 * the outlines — so text extraction alone proves nothing about what is drawn.
 *
 * Each word's box is cut into one slice per character (advance widths are not known here, so the
 * slices are equal); a character counts as drawn when its slice holds dark pixels. Characters in
 * a word touch, so a drawn word leaves no slice blank, while a glyph drawn as nothing leaves its
 * slice white.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface WordInk {
  page: number;
  text: string;
  /** characters in the word, and how many of them have ink in their slice */
  glyphs: number;
  drawn: number;
}

export interface InkReport {
  words: WordInk[];
  glyphs: number;
  drawn: number;
  /** drawn / glyphs */
  coverage: number;
  /** words with at least one blank character slice */
  blank: WordInk[];
}

interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A binary PGM (P5, 8 bit), as pdftoppm -gray writes it. */
function parsePgm(bytes: Buffer): Gray {
  const header: string[] = [];
  let at = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[at]!))) at += 1;
    if (bytes[at] === 0x23) {
      while (bytes[at] !== 0x0a) at += 1;
      continue;
    }
    let token = '';
    while (!/\s/.test(String.fromCharCode(bytes[at]!))) token += String.fromCharCode(bytes[at++]!);
    header.push(token);
  }
  at += 1;
  const [magic, w, h, max] = header;
  if (magic !== 'P5' || max !== '255') throw new Error(`not an 8-bit PGM: ${header.join(' ')}`);
  const width = Number(w);
  const height = Number(h);
  return { width, height, pixels: bytes.subarray(at, at + width * height) };
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Renders every page at `dpi` in grey and measures ink under each word of the text layer. */
export async function inkOfWords(pdf: Uint8Array, dpi = 150): Promise<InkReport> {
  const dir = await mkdtemp(path.join(tmpdir(), 'oc-pdf-ink-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const [{ stdout: layout }] = await Promise.all([run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 }), run('pdftoppm', ['-r', String(dpi), '-gray', file, path.join(dir, 'page')])]);
    const pageFiles = (await readdir(dir)).filter((f) => f.endsWith('.pgm')).sort();
    const pages = await Promise.all(pageFiles.map(async (f) => parsePgm(await readFile(path.join(dir, f)))));

    const words: WordInk[] = [];
    const pageChunks = layout.split('<page ').slice(1);
    pageChunks.forEach((chunk, index) => {
      const image = pages[index];
      if (!image) throw new Error(`pdftoppm drew no page ${index + 1}`);
      const pageWidth = Number(/width="([\d.]+)"/.exec(chunk)![1]);
      const scale = image.width / pageWidth;
      for (const m of chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map((v) => Number(v) * scale) as [number, number, number, number];
        const text = decode(m[5]!);
        const chars = [...text];
        const slice = (x1 - x0) / chars.length;
        let drawn = 0;
        for (let i = 0; i < chars.length; i++) {
          const left = Math.floor(x0 + i * slice);
          const right = Math.ceil(x0 + (i + 1) * slice);
          let dark = 0;
          for (let y = Math.max(0, Math.floor(y0)); y < Math.min(image.height, Math.ceil(y1)); y++) {
            for (let x = Math.max(0, left); x < Math.min(image.width, right); x++) if (image.pixels[y * image.width + x]! < 160) dark += 1;
          }
          if (dark > 0) drawn += 1;
        }
        words.push({ page: index + 1, text, glyphs: chars.length, drawn });
      }
    });
    const glyphs = words.reduce((n, w) => n + w.glyphs, 0);
    const drawn = words.reduce((n, w) => n + w.drawn, 0);
    return { words, glyphs, drawn, coverage: glyphs === 0 ? 0 : drawn / glyphs, blank: words.filter((w) => w.drawn < w.glyphs) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pdffonts' table: one row per font, with whether it is embedded and subset. */
export async function fontsOf(pdf: Uint8Array): Promise<{ name: string; type: string; embedded: boolean; subset: boolean; unicode: boolean }[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'oc-pdf-fonts-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdffonts', [file]);
    // Fixed-width columns: the dashed rule under the header gives each column's span.
    const [, rule = '', ...rows] = stdout.split('\n');
    const spans = [...rule.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length] as const);
    return rows
      .filter((row) => row.trim() !== '')
      .map((row) => {
        const col = (i: number) => row.slice(spans[i]![0], spans[i]![1]).trim();
        return { name: col(0), type: col(1), embedded: col(3) === 'yes', subset: col(4) === 'yes', unicode: col(5) === 'yes' };
      });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pdfinfo's fields (Title, Pages, Page size, …) and, with -meta, the XMP packet. */
export async function infoOf(pdf: Uint8Array): Promise<{ fields: Record<string, string>; xmp: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'oc-pdf-info-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const [{ stdout: info }, { stdout: xmp }] = await Promise.all([run('pdfinfo', [file]), run('pdfinfo', ['-meta', file])]);
    const fields: Record<string, string> = {};
    for (const line of info.split('\n')) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m) fields[m[1]!.trim()] = m[2]!.trim();
    }
    return { fields, xmp };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
