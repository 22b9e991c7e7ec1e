/** The no-codes check itself: it names what a person should never read, and lets words, dates and addresses pass. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, codeFindings, startE2E, type E2E } from './support.js';

const run = browserAvailable();
let e: E2E;

beforeAll(async () => {
  if (run) e = await startE2E();
});
afterAll(async () => {
  await e?.close();
});

describe.skipIf(!run)('no codes on a page', () => {
  it('flags ids, tokens, ISO times, zone offsets, code identifiers and raw enum values', async () => {
    const page = await e.newPage('ko');
    await page.setContent(`<html lang="ko"><body><main>
      <p>신청 0190f5a2-7c1e-7d3a-9b2c-3e4f5a6b7c8d 처리</p>
      <p>토큰 4f9a0c2e8b7d6a5f4e3d2c1b</p>
      <p>마감 2026-12-07T14:11:00+09:00</p>
      <p>2026. 12. 7. 오후 2:11 GMT+9</p>
      <td>certificate.issue</td>
      <span>top_innovator</span>
      <dd>waitlisted</dd>
      <span>Optimal</span>
      <button aria-label="삭제 civil_society">x</button>
      <p>첨부 portfolio.pdf</p>
      <span data-file-name>0190f5a2-7c1e-7d3a-9b2c-3e4f5a6b7c9e</span>
      <span data-file-name>see budget_line.update, 2 files</span>
      <svg><text><tspan>field_study</tspan></text></svg>
    </main></body></html>`);
    const found = (await codeFindings(page)).join('\n');
    // A file name outside an element that says it shows one is a dotted code like any other; an
    // element marked as a file name still shows ids and codes that are not file names.
    for (const s of ['0190f5a2-7c1e-7d3a-9b2c-3e4f5a6b7c8d', '4f9a0c2e8b7d6a5f4e3d2c1b', '2026-12-07T14:11', 'GMT+9', 'certificate.issue', 'top_innovator', '"waitlisted"', '"Optimal"', 'civil_society', 'portfolio.pdf', '0190f5a2-7c1e-7d3a-9b2c-3e4f5a6b7c9e', 'budget_line.update', 'field_study']) {
      expect(found).toContain(s);
    }
    await page.close();
  });

  it('lets words, dates as people write them, e-mail and web addresses, verbatim parts and file names pass', async () => {
    const page = await e.newPage('en');
    await page.setContent(`<html lang="en"><body><main>
      <p>Mon 7 Dec 2026, 14:11 – Waitlisted (2nd)</p>
      <p lang="ko">2026년 12월 7일 (월) 14:11 · 대기자</p>
      <p>Write to kim.minji@example.org or see https://campus.seoul.go.kr/verify?x=a_b, domain example.org</p>
      <p>Open Campus: the selection is Optimal. Draft</p>
      <p>A minimum per value, e.g. at least 5 from the public sector, i.e. one in six.</p>
      <p data-verbatim>OC-2020-0001-7f3a9c2e8b7d6a5f</p>
      <p>Download <span data-file-name>Hong portfolio.pdf</span> (12 KB), <span data-file-name>report_final.v2.docx</span></p>
      <svg><text><tspan>Open Campus</tspan><tspan>network</tspan><tspan>operation</tspan></text></svg>
    </main></body></html>`);
    expect(await codeFindings(page)).toEqual([]);
    await page.close();
  });
});
