/**
 * Every PDF the campus makes starts here (docs/adr/0012-pdf-stack.md): PDFKit, writing PDF/A-2b
 * — one TrueType font embedded as a tagged subset (fontkit), the sRGB output intent, XMP metadata
 * with the title and the document's language — so a certificate or a letter still opens and
 * prints the same in an archive years later. Modules draw on the PDFKit document this returns,
 * with the few helpers below for what their layouts share (centred and wrapped lines, QR codes).
 */
import { readFile } from 'node:fs/promises';
import PDFDocument from 'pdfkit';

export type PdfDoc = PDFKit.PDFDocument;

export interface PdfOptions {
  /** TrueType bytes: the only font of the document (a Hangul font for Korean). */
  font: Uint8Array;
  /** [width, height] in points. */
  size: [number, number];
  title: string;
  subject?: string;
  author: string;
  /** BCP 47 language of the document, e.g. 'ko'. */
  lang: string;
  /** Creation and modification date: the issue time, so the same record gives the same file. */
  createdAt: Date;
}

/** The name under which the document's font is registered (`doc.font(FONT)`). */
export const FONT = 'body';

const fontCache = new Map<string, Uint8Array>();

/** A font file's bytes, read once per path; null when it cannot be read (the caller says what to install). */
export async function loadFontFile(path: string): Promise<Uint8Array | null> {
  const cached = fontCache.get(path);
  if (cached) return cached;
  try {
    const bytes = new Uint8Array(await readFile(path));
    fontCache.set(path, bytes);
    return bytes;
  } catch {
    return null;
  }
}

/**
 * PDFKit copies the metadata into the XMP packet without escaping it, so `&` or `<` in a title
 * would make the packet invalid XML; full-width forms read the same and keep the Info dictionary
 * and the XMP packet equal, as PDF/A requires.
 */
const metadataText = (s: string) => s.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞');

/** A one-page (or more: `doc.addPage`) PDF/A-2b document with its font selected. */
export function createPdf(o: PdfOptions): PdfDoc {
  const font = Buffer.from(o.font);
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: o.lang,
    displayTitle: true,
    size: o.size,
    margin: 0,
    // The document's default font: otherwise PDFKit selects Helvetica, which it never embeds.
    font: font as unknown as string,
    info: {
      Title: metadataText(o.title),
      ...(o.subject ? { Subject: metadataText(o.subject) } : {}),
      Author: metadataText(o.author),
      Creator: 'Open Campus',
      Producer: 'Open Campus (PDFKit)',
      CreationDate: o.createdAt,
      ModDate: o.createdAt,
    },
  });
  // The language also in the XMP packet (dc:language), where archives look for it.
  doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:language><rdf:Bag><rdf:li>${o.lang}</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>
        `);
  doc.registerFont(FONT, font);
  doc.font(FONT);
  return doc;
}

/** Ends the document and collects its bytes. */
export function finishPdf(doc: PdfDoc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

export interface LineStyle {
  size: number;
  color: string;
  /** Extra space between characters, in points (titles set in spaced letters). */
  spacing?: number;
  /** Outline width in points, drawn over the fill: a heavier weight from the one embedded font. */
  weight?: number;
}

/** The width of `text` in `style`. */
export function widthOf(doc: PdfDoc, text: string, style: LineStyle): number {
  doc.fontSize(style.size);
  return doc.widthOfString(text, { characterSpacing: style.spacing ?? 0 });
}

/**
 * One line of text with its top at `y`, starting at `x` ('left'), ending at `x` ('right') or
 * centred on `x`. Never wraps: callers wrap first (wrapWords) so they know the height.
 */
export function line(doc: PdfDoc, text: string, x: number, y: number, style: LineStyle, align: 'left' | 'centre' | 'right' = 'left'): void {
  const width = widthOf(doc, text, style);
  const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
  doc.save();
  doc.fillColor(style.color);
  if (style.weight) doc.lineWidth(style.weight).strokeColor(style.color);
  doc.text(text, left, y, { lineBreak: false, characterSpacing: style.spacing ?? 0, fill: true, stroke: !!style.weight });
  doc.restore();
}

/**
 * Breaks text into lines no wider than `width`: at spaces, as Korean is set (words are kept
 * whole), and inside a word only when it alone is too wide.
 */
export function wrapWords(doc: PdfDoc, text: string, style: LineStyle, width: number): string[] {
  const fits = (s: string) => widthOf(doc, s, style) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    let rest = word;
    while (!fits(rest)) {
      const chars = [...rest];
      let cut = chars.length - 1;
      while (cut > 1 && !fits(chars.slice(0, cut).join(''))) cut -= 1;
      lines.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
    current = rest;
  }
  if (current) lines.push(current);
  return lines;
}

/** The dark modules of a QR code (e.g. from the qrcode package). */
export interface QrModules {
  size: number;
  dark: (row: number, col: number) => boolean;
}

/** A QR code as one filled vector path, `box` points square with its top-left corner at (x, y). */
export function drawQr(doc: PdfDoc, qr: QrModules, x: number, y: number, box: number, color: string): void {
  const cell = box / qr.size;
  doc.save();
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) {
      // A hair wider than the cell, so viewers' anti-aliasing leaves no seams between modules.
      if (qr.dark(row, col)) doc.rect(x + col * cell, y + row * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fillColor(color).fill();
  doc.restore();
}
