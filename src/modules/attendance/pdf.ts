/**
 * The certificate as a PDF: one A4 landscape page to frame, Korean with English beneath — the
 * holder, programme, cohort, dates, place and hours, the statement, the issue date and the issuer
 * (서울특별시 · the Open Campus), the certificate number, and the verification address with its QR
 * code. Drawn with the platform's PDF/A-2b document (src/platform/pdf), the font at
 * config.certificateFontPath embedded as a subset. The words come from locales/*\/server.json
 * (certificate.*).
 */
import { DomainError } from '../../core/shared/domain-error.js';
import { pickText, type Lang, type LocalizedText } from '../../core/shared/localized.js';
import { createPdf, drawQr, finishPdf, line, loadFontFile, widthOf, wrapWords, type LineStyle, type PdfDoc } from '../../platform/pdf/document.js';
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
  /** The cohort's scheduled hours (all its sessions); null when none is scheduled. */
  hours: number | null;
  number: string;
  issuedAt: Date;
  verifyUrl: string;
}

/**
 * The font's bytes, read once per path. A missing or unreadable font is answered with 503 and a
 * message naming the setting, rather than a PDF whose Korean would not render; it is not cached,
 * so installing the font fixes it without a restart.
 */
export async function loadCertificateFont(path: string): Promise<Uint8Array> {
  const bytes = await loadFontFile(path);
  if (!bytes) throw new DomainError('certificates.font_missing');
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

const W = 842;
const H = 595;
const NAVY = '#1c3f6e';
const GOLD = '#a8843a';
const INK = '#1a1a1f';
const MUTED = '#5a5a66';

/** Lines centred on the page from `y` down; returns the y below the last. */
function centredBlock(doc: PdfDoc, text: string, y: number, style: LineStyle, width: number, leading = 1.55): number {
  let at = y;
  for (const l of wrapWords(doc, text, style, width)) {
    line(doc, l, W / 2, at, style, 'centre');
    at += style.size * leading;
  }
  return at;
}

/** The frame: a navy rule, a gold hairline inside it, and gold corner marks. */
function frame(doc: PdfDoc): void {
  doc.save();
  doc.lineWidth(3).strokeColor(NAVY).rect(22, 22, W - 44, H - 44).stroke();
  doc.lineWidth(0.8).strokeColor(GOLD).rect(31, 31, W - 62, H - 62).stroke();
  for (const [x, y] of [[31, 31], [W - 31, 31], [31, H - 31], [W - 31, H - 31]] as const) {
    doc.fillColor(GOLD).polygon([x, y - 6], [x + 6, y], [x, y + 6], [x - 6, y]).fill();
  }
  doc.restore();
}

/** A short gold rule with a diamond in the middle, under the title. */
function ornament(doc: PdfDoc, y: number): void {
  doc.save();
  doc.lineWidth(0.7).strokeColor(GOLD);
  doc.moveTo(W / 2 - 90, y).lineTo(W / 2 - 9, y).stroke();
  doc.moveTo(W / 2 + 9, y).lineTo(W / 2 + 90, y).stroke();
  doc.fillColor(GOLD).polygon([W / 2, y - 4], [W / 2 + 4, y], [W / 2, y + 4], [W / 2 - 4, y]).fill();
  doc.restore();
}

const hoursText = (hours: number) => String(Math.round(hours * 10) / 10);

export async function renderCertificatePdf(fontBytes: Uint8Array, c: CertificateContent): Promise<Uint8Array> {
  const t = (lang: Lang, key: string, params: Record<string, string> = {}) => translate(lang, `certificate.${key}`, params);
  const text = (value: LocalizedText, lang: Lang) => pickText(value, lang).text;
  const issuedOn = seoulDay(c.issuedAt);
  const doc = createPdf({
    font: fontBytes,
    size: [W, H],
    lang: 'ko',
    title: `${t('ko', 'title')} / ${t('en', 'title')} ${c.number}`,
    subject: `${c.holderName} — ${text(c.programme, 'ko')}`,
    author: `${t('ko', 'authority')} ${t('ko', 'issuer')}`,
    createdAt: c.issuedAt,
  });
  frame(doc);

  // Top: the number at the left, as Korean certificates carry it (제 … 호).
  line(doc, `${t('ko', 'number')} No. ${c.number}`, 52, 46, { size: 8.5, color: MUTED });
  line(doc, `${t('ko', 'authority')} · ${t('en', 'authority').toUpperCase()}`, W / 2, 58, { size: 9.5, color: NAVY, spacing: 1.2 }, 'centre');
  line(doc, t('ko', 'title'), W / 2, 78, { size: 40, color: NAVY, spacing: 14, weight: 0.6 }, 'centre');
  line(doc, t('en', 'title').toUpperCase(), W / 2, 130, { size: 12.5, color: GOLD, spacing: 3.2 }, 'centre');
  ornament(doc, 156);

  // The holder, large, on a rule.
  line(doc, `${t('ko', 'holder')} · ${t('en', 'holder')}`, W / 2, 170, { size: 8.5, color: MUTED, spacing: 1 }, 'centre');
  const nameStyle: LineStyle = { size: 26, color: INK, weight: 0.35 };
  let nameSize = 26;
  while (nameSize > 14 && widthOf(doc, c.holderName, { ...nameStyle, size: nameSize }) > 560) nameSize -= 1;
  line(doc, c.holderName, W / 2, 184 + (26 - nameSize) / 2, { ...nameStyle, size: nameSize }, 'centre');
  const ruleHalf = Math.max(150, widthOf(doc, c.holderName, { ...nameStyle, size: nameSize }) / 2 + 30);
  doc.save().lineWidth(0.6).strokeColor(GOLD).moveTo(W / 2 - ruleHalf, 220).lineTo(W / 2 + ruleHalf, 220).stroke().restore();

  // The details, label (ko / en) right-aligned against the value.
  const rows: [string, string, string][] = [
    ['programme', text(c.programme, 'ko'), text(c.programme, 'en')],
    ['cohort', text(c.cohort, 'ko'), text(c.cohort, 'en')],
    ['period', t('ko', 'period_value', { start: formatDay(c.startsOn, 'ko'), end: formatDay(c.endsOn, 'ko') }), t('en', 'period_value', { start: formatDay(c.startsOn, 'en'), end: formatDay(c.endsOn, 'en') })],
    ['place', text(c.place, 'ko'), text(c.place, 'en')],
    ...(c.hours !== null ? [['hours', t('ko', 'hours_value', { hours: hoursText(c.hours) }), t('en', 'hours_value', { hours: hoursText(c.hours) })] as [string, string, string]] : []),
  ];
  const labelStyle: LineStyle = { size: 9.5, color: MUTED };
  const valueStyle: LineStyle = { size: 10.5, color: INK };
  const enStyle: LineStyle = { size: 9.5, color: MUTED };
  const labelOf = (key: string) => `${t('ko', key)} · ${t('en', key)}`;
  const valueOf = (ko: string, en: string) => (ko === en ? ko : `${ko} · ${en}`);
  // The block is centred on the page as a whole: the widest label and value decide where the gutter falls.
  const labelWidth = Math.max(...rows.map(([key]) => widthOf(doc, labelOf(key), labelStyle)));
  const valueWidth = Math.min(W - 140 - labelWidth - 14, Math.max(...rows.map(([, ko, en]) => widthOf(doc, valueOf(ko, en), valueStyle))));
  const labelX = (W - (labelWidth + 14 + valueWidth)) / 2 + labelWidth;
  const valueX = labelX + 14;
  let y = 234;
  for (const [key, ko, en] of rows) {
    line(doc, labelOf(key), labelX, y + 1, labelStyle, 'right');
    const value = valueOf(ko, en);
    const parts = widthOf(doc, value, valueStyle) <= valueWidth ? [value] : [...wrapWords(doc, ko, valueStyle, valueWidth), ...(ko === en ? [] : wrapWords(doc, en, enStyle, valueWidth))];
    parts.forEach((p, i) => line(doc, p, valueX, y + i * 14, i === 0 || p === ko ? valueStyle : enStyle));
    y += parts.length * 14 + 4;
  }

  // The statement, Korean then English.
  const params = (lang: Lang) => ({
    name: c.holderName,
    programme: text(c.programme, lang),
    cohort: text(c.cohort, lang),
    place: text(c.place, lang),
    start: formatDay(c.startsOn, lang),
    end: formatDay(c.endsOn, lang),
  });
  y = centredBlock(doc, t('ko', 'body', params('ko')), Math.max(y + 12, 330), { size: 12, color: INK }, 600);
  y = centredBlock(doc, t('en', 'body', params('en')), y + 2, { size: 10, color: MUTED }, 600, 1.45);

  // The date and the issuer.
  y = Math.max(y + 28, 424);
  line(doc, `${t('ko', 'issued_on')} · ${t('en', 'issued_on')}`, W / 2, y - 12, { size: 7.5, color: MUTED, spacing: 0.8 }, 'centre');
  line(doc, `${formatDay(issuedOn, 'ko')} · ${formatDay(issuedOn, 'en')}`, W / 2, y, { size: 11, color: INK }, 'centre');
  line(doc, `${t('ko', 'authority')} ${t('ko', 'issuer')}`, W / 2, y + 24, { size: 17, color: NAVY, weight: 0.5, spacing: 1.5 }, 'centre');
  line(doc, `${t('en', 'authority')} · ${t('en', 'issuer')}`, W / 2, y + 48, { size: 9.5, color: NAVY }, 'centre');

  // Bottom: the verification address, with its QR code at the right.
  const box = 66;
  const qx = W - 52 - box;
  const qy = H - 50 - box;
  drawQr(doc, qrMatrix(c.verifyUrl), qx, qy, box, INK);
  const url = wrapWords(doc, c.verifyUrl.replace(/\//g, '/ '), { size: 8, color: NAVY }, qx - 14 - 52).map((l) => l.replace(/\/ /g, '/'));
  let vy = H - 52 - 11 * url.length - 13;
  line(doc, `${t('ko', 'verify')} / ${t('en', 'verify')}:`, 52, vy, { size: 8, color: MUTED });
  for (const l of url) line(doc, l, 52, (vy += 12), { size: 8, color: NAVY });

  return finishPdf(doc);
}
