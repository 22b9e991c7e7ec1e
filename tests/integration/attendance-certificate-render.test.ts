/**
 * The certificate as a person sees it: the downloaded PDF is drawn by poppler (pdftoppm) and every
 * character of its text layer must be ink on the page, for a Korean and an English holder. Text
 * extraction alone passed while most glyphs were drawn blank (a broken font subset keeps its
 * character map but loses the outlines), so this looks at pixels. It also checks what an archive
 * needs of the file: PDF/A-2b identification and the sRGB output intent in place, XMP metadata
 * with the title and language, the font embedded as a tagged subset, and a small file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueCertificatesResultT } from '../../src/shared/contracts/attendance.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { fontsOf, infoOf, inkOfWords } from '../support/pdf-pixels.js';
import { makeCohort, makeProgramme, makeSession } from '../factories/attendance.js';

let t: TestApp;
const pdfs: Record<'ko' | 'en', Uint8Array> = { ko: new Uint8Array(), en: new Uint8Array() };

beforeAll(async () => {
  t = await startTestApp();
  const staff = await t.signedIn(['staff']);
  const ko = await t.signedIn([], { name: '김하나' });
  const en = await t.signedIn([], { name: 'Wilhelmina Okonkwo-Fitzgerald' });
  const db = t.campus.database.db;
  const programme = await makeProgramme(db, { minAttendanceRate: 0, requiredSessionTypes: [], requireExperimentReport: false });
  const cohort = await makeCohort(db, programme, [ko.userId, en.userId]);
  await makeSession(db, cohort, new Date('2020-08-03T01:00:00Z'), 180, 'lecture');
  await makeSession(db, cohort, new Date('2020-08-10T01:00:00Z'), 240, 'workshop');
  const issued = await staff.post(`/api/v1/admin/cohorts/${cohort}/certificates`);
  expect(issued.statusCode, issued.body).toBe(200);
  const byUser = new Map(issued.json<IssueCertificatesResultT>().issued.map((c) => [c.userId, c.id]));
  for (const [lang, holder] of [['ko', ko], ['en', en]] as const) {
    const res = await holder.get(`/api/v1/me/certificates/${byUser.get(holder.userId)}.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    pdfs[lang] = new Uint8Array(res.rawPayload);
  }
});
afterAll(async () => {
  await t.close();
});

describe.each(['ko', 'en'] as const)('the certificate of a holder with a %s name', (lang) => {
  it('draws every character of its text in poppler', async () => {
    const ink = await inkOfWords(pdfs[lang]);
    // The page carries its whole text: both titles, the holder, both paragraphs, the details.
    expect(ink.glyphs).toBeGreaterThan(300);
    expect(ink.blank.map((w) => `${w.text} (${w.drawn}/${w.glyphs})`)).toEqual([]);
    expect(ink.coverage).toBe(1);
    // …and it is the certificate's text: the title (set in spaced letters), the holder, the issuer, the hours.
    const page = ink.words.map((w) => w.text).join(' ');
    expect(page).toMatch(/수 ?료 ?증/);
    expect(page).toContain(lang === 'ko' ? '김하나' : 'Wilhelmina Okonkwo-Fitzgerald');
    expect(page).toContain('서울특별시 글로벌 사회혁신 오픈 캠퍼스');
    expect(page).toContain('총 7시간');
    expect(page).toContain('OC-2020-TI-000');
  });

  it('embeds its one font as a tagged subset and stays small', async () => {
    const fonts = await fontsOf(pdfs[lang]);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ embedded: true, subset: true, unicode: true });
    expect(fonts[0]!.name).toMatch(/^[A-Z]{6}\+NanumGothic/);
    expect(pdfs[lang].length).toBeLessThan(100_000);
  });

  it('is identified as PDF/A-2b with an sRGB output intent, XMP title and language ko', async () => {
    const bytes = Buffer.from(pdfs[lang]);
    const { fields, xmp } = await infoOf(pdfs[lang]);
    expect(fields).toMatchObject({ Pages: '1', 'Metadata Stream': 'yes', Encrypted: 'no' });
    expect(fields['Page size']).toMatch(/^841\.89 x 595\.28 pts|^842 x 595 pts/);
    expect(fields.Title).toContain('수료증');
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toContain('수료증');
    expect(xmp).toMatch(/<dc:language>\s*<rdf:Bag>\s*<rdf:li>ko<\/rdf:li>/);
    expect(bytes.includes(Buffer.from('/Lang (ko)'))).toBe(true);
    expect(bytes.includes(Buffer.from('/OutputIntents'))).toBe(true);
    expect(bytes.includes(Buffer.from('/GTS_PDFA1'))).toBe(true);
    expect(bytes.includes(Buffer.from('sRGB IEC61966-2.1'))).toBe(true);
  });
});
