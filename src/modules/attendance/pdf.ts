/**
 * The certificate as a PDF: one A4 landscape page, Korean and English together (holder, programme,
 * cohort, dates, place, number, issue date, verification address and its QR code). The TrueType
 * font at config.certificateFontPath is embedded as a subset (only the glyphs used), so Hangul
 * renders everywhere and the file stays small. The words come from locales/*\/server.json
 * (certificate.*); the QR code is drawn as vector squares, not an image.
 */
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { pickText, type Lang, type LocalizedText } from '../../core/shared/localized.js';
import { HttpError } from '../../platform/http/errors.js';
import { translate } from '../../shared/i18n/server-messages.js';
import { qrMatrix } from './codes.js';

export interface CertificateContent {
  holderName: string;
  programme: LocalizedText;
  cohort: LocalizedText;
  place: LocalizedText;
  /** 'YYYY-MM-DD' */
  startsOn: string;
  endsOn: string;
  number: string;
  issuedAt: Date;
  verifyUrl: string;
}

const fontCache = new Map<string, Uint8Array>();

/**
 * The font's bytes, read once per path. A missing or unreadable font is answered with 503 and a
 * message naming the setting, rather than a PDF whose Korean would not render; it is not cached,
 * so installing the font fixes it without a restart.
 */
export async function loadCertificateFont(path: string): Promise<Uint8Array> {
  const cached = fontCache.get(path);
  if (cached) return cached;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch {
    throw new HttpError(503, 'certificates.font_missing');
  }
  fontCache.set(path, bytes);
  return bytes;
}

/** A plan-style date in each language: 2020년 8월 3일 / 3 August 2020. */
export function formatDay(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (lang === 'ko') return `${y}년 ${m}월 ${d}일`;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The calendar day in Seoul of an instant, as 'YYYY-MM-DD'. */
export function seoulDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Breaks text into lines no wider than `width`: at spaces, and inside a word only when it alone is too wide. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

function centred(page: PDFPage, font: PDFFont, text: string, size: number, y: number, color = rgb(0.1, 0.1, 0.12)): void {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (page.getWidth() - width) / 2, y, size, font, color });
}

/** Draws lines centred from `y` downwards; returns the y below the last line. */
function paragraph(page: PDFPage, font: PDFFont, text: string, size: number, y: number, width: number, color = rgb(0.15, 0.15, 0.18)): number {
  let at = y;
  for (const line of wrap(text, font, size, width)) {
    centred(page, font, line, size, at, color);
    at -= size * 1.5;
  }
  return at;
}

export async function renderCertificatePdf(fontBytes: Uint8Array, c: CertificateContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fontBytes, { subset: true });
  const t = (lang: Lang, key: string, params: Record<string, string> = {}) => translate(lang, `certificate.${key}`, params);
  const text = (value: LocalizedText, lang: Lang) => pickText(value, lang).text;
  const issuedOn = seoulDay(c.issuedAt);

  pdf.setTitle(`${t('ko', 'title')} / ${t('en', 'title')} ${c.number}`);
  pdf.setSubject(`${c.holderName} — ${text(c.programme, 'ko')}`);
  pdf.setProducer('Open Campus');
  pdf.setCreator('Open Campus');
  pdf.setLanguage('ko-KR');
  pdf.setCreationDate(c.issuedAt);
  pdf.setModificationDate(c.issuedAt);

  const page = pdf.addPage([842, 595]);
  const ink = rgb(0.1, 0.1, 0.12);
  const accent = rgb(0.11, 0.3, 0.55);
  const muted = rgb(0.35, 0.35, 0.4);
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: accent, borderWidth: 2 });
  page.drawRectangle({ x: 32, y: 32, width: 778, height: 531, borderColor: accent, borderWidth: 0.5 });

  centred(page, font, `${t('ko', 'issuer')} · ${t('en', 'issuer')}`, 11, 520, muted);
  centred(page, font, t('ko', 'title'), 36, 462, accent);
  centred(page, font, t('en', 'title'), 18, 436, accent);
  centred(page, font, c.holderName, 28, 380, ink);

  const params = (lang: Lang) => ({
    name: c.holderName,
    programme: text(c.programme, lang),
    cohort: text(c.cohort, lang),
    place: text(c.place, lang),
    start: formatDay(c.startsOn, lang),
    end: formatDay(c.endsOn, lang),
  });
  const y = paragraph(page, font, t('ko', 'body', params('ko')), 13, 340, 640, ink);
  paragraph(page, font, t('en', 'body', params('en')), 11, y - 6, 640, muted);

  // Bottom left: number, issue date, verification address. Bottom right: the QR code of that address.
  const left = 64;
  const lines = [
    `${t('ko', 'number')} / ${t('en', 'number')}: ${c.number}`,
    `${t('ko', 'issued_on')} / ${t('en', 'issued_on')}: ${formatDay(issuedOn, 'ko')} (${formatDay(issuedOn, 'en')})`,
    `${t('ko', 'verify')} / ${t('en', 'verify')}:`,
  ];
  let ly = 150;
  for (const line of lines) {
    page.drawText(line, { x: left, y: ly, size: 10, font, color: ink });
    ly -= 16;
  }
  for (const part of wrap(c.verifyUrl.replace(/\//g, '/ '), font, 9, 560)) {
    page.drawText(part.replace(/\/ /g, '/'), { x: left, y: ly, size: 9, font, color: accent });
    ly -= 13;
  }

  const qr = qrMatrix(c.verifyUrl);
  const box = 96;
  const cell = box / qr.size;
  const qx = 842 - 64 - box;
  const qy = 56;
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) {
      if (qr.dark(row, col)) page.drawRectangle({ x: qx + col * cell, y: qy + (qr.size - 1 - row) * cell, width: cell + 0.05, height: cell + 0.05, color: ink });
    }
  }

  // Without object streams the font's dictionaries stay readable in the file (FontFile2 and the
  // font name can be checked by tools and tests).
  return pdf.save({ useObjectStreams: false });
}
