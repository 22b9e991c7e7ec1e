/** A complete, coherent call for the recruitment tests: open from an hour ago for two days. */

export const HOUR = 3_600_000;

export function callBody(overrides: Record<string, unknown> = {}, from: Date = new Date()) {
  const opensAt = new Date(from.getTime() - HOUR).toISOString();
  const closesAt = new Date(from.getTime() + 48 * HOUR).toISOString();
  return {
    title: { ko: '2020 글로벌 사회혁신 오픈캠퍼스 참여자 모집', en: '2020 Open Campus participants' },
    description: { ko: '도시 문제를 함께 푸는 참여자를 모집합니다.', en: 'We are looking for participants.' },
    eligibility: { ko: '서울 거주 또는 활동', en: 'Living or working in Seoul' },
    programme: '사회혁신 리빙랩 1기',
    opensAt,
    closesAt,
    capacity: 30,
    quotas: [{ attribute: 'sector', value: 'public', min: 5, max: 10 }],
    consentItems: [
      { key: 'selection', required: true, purpose: { ko: '선발 심사' }, items: { ko: '이름, 연락처, 답변' }, retention: { ko: '선발 후 1년' }, refusal: { ko: '동의하지 않으면 지원할 수 없습니다.' } },
      { key: 'publicity', required: false, purpose: { ko: '홍보' }, items: { ko: '사진' }, retention: { ko: '1년' }, refusal: { ko: '동의하지 않아도 불이익이 없습니다.' } },
    ],
    questions: [
      { key: 'motivation', type: 'long_text', required: true, label: { ko: '지원 동기', en: 'Motivation' }, maxLength: 1000 },
      { key: 'sector', type: 'sector', required: true, label: { ko: '분야' }, options: [{ value: 'public', label: { ko: '공공' } }, { value: 'civil', label: { ko: '시민사회' } }] },
    ],
    ...overrides,
  };
}
