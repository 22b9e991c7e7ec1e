/**
 * A realistic synthetic call for trying Open Campus (npm run demo:load): the plan's pilot course
 * "탑 이노베이터 과정", 30 places with sector quotas, about 300 applicants from the four sectors the
 * plan names (companies, the public sector, universities, civil society), 20 reviewers, and — on
 * request — scores with some reviewers systematically harsh or lenient, so calibration has
 * something to correct. Pure: everything comes from one seed (mulberry32), so a seed always gives
 * the same people, answers and scores.
 *
 * Every person and organisation is invented, and every e-mail address is under the reserved
 * `.example` top-level domain (RFC 2606): a demo that reaches the outbox can never mail anyone.
 */
import { mulberry32 } from '../../core/shared/random.js';
import { detectConflicts } from '../../core/assignment/conflicts.js';
import { reviewTotal } from '../../core/recruitment/rubric.js';
import type { Answers, ConsentGrant, ConsentItem, Question, Quota } from '../../core/recruitment/answers.js';
import type { LocalizedText } from '../../core/shared/localized.js';
import type { Rubric } from '../../platform/db/schema/index.js';

export const DEMO_TITLE: LocalizedText = {
  ko: '2020 글로벌 사회혁신 오픈캠퍼스 — 탑 이노베이터 과정 참여자 모집',
  en: '2020 Global Social Innovation Open Campus — Top Innovator course: call for participants',
};
export const DEMO_STAFF_EMAIL = 'demo-staff@opencampus.example';

export const SECTORS = ['company', 'public', 'university', 'civil_society'] as const;
export type Sector = (typeof SECTORS)[number];
const SECTOR_LABELS: Record<Sector, LocalizedText> = {
  company: { ko: '기업', en: 'Company' },
  public: { ko: '공공', en: 'Public sector' },
  university: { ko: '대학', en: 'University' },
  civil_society: { ko: '시민사회', en: 'Civil society' },
};

const TOPICS: { value: string; label: LocalizedText }[] = [
  { value: 'housing', label: { ko: '주거', en: 'Housing' } },
  { value: 'mobility', label: { ko: '교통·이동', en: 'Mobility' } },
  { value: 'climate', label: { ko: '기후·에너지', en: 'Climate and energy' } },
  { value: 'care', label: { ko: '돌봄', en: 'Care' } },
  { value: 'local_economy', label: { ko: '지역경제', en: 'Local economy' } },
  { value: 'digital_inclusion', label: { ko: '디지털 포용', en: 'Digital inclusion' } },
  { value: 'youth', label: { ko: '청년', en: 'Youth' } },
  { value: 'ageing', label: { ko: '고령사회', en: 'Ageing society' } },
];

/** Invented organisations per sector, with the domain their staff's addresses use. */
const ORGANISATIONS: Record<Sector, { name: string; domain: string }[]> = {
  company: [
    { name: '(주)다온소셜벤처', domain: 'daon-ventures.example' },
    { name: '누리모빌리티', domain: 'nurimobility.example' },
    { name: '그린루프 주식회사', domain: 'greenloop.example' },
    { name: '이음데이터', domain: 'ieumdata.example' },
    { name: '한결에너지', domain: 'hangyeol-energy.example' },
    { name: '모두의부엌', domain: 'modu-kitchen.example' },
    { name: '바른로컬', domain: 'bareun-local.example' },
  ],
  public: [
    { name: '서울특별시 사회혁신담당관', domain: 'seoul-city.example' },
    { name: '서울특별시 도시재생과', domain: 'seoul-city.example' },
    { name: '한강구청', domain: 'hangang-gu.example' },
    { name: '누리구청', domain: 'nuri-gu.example' },
    { name: '서울혁신센터', domain: 'seoul-innovation.example' },
    { name: '서울교통연구원', domain: 'seoul-transport.example' },
  ],
  university: [
    { name: '한빛대학교', domain: 'hanbit-univ.example' },
    { name: '서울미래대학교', domain: 'seoul-future-univ.example' },
    { name: '누리과학기술원', domain: 'nuri-tech.example' },
    { name: '가람대학교', domain: 'garam-univ.example' },
    { name: '새솔대학교', domain: 'saesol-univ.example' },
  ],
  civil_society: [
    { name: '사단법인 마을숲', domain: 'maeulsup.example' },
    { name: '재단법인 함께서울', domain: 'together-seoul.example' },
    { name: '사회적협동조합 돌봄이음', domain: 'dolbom-ieum.example' },
    { name: '청년허브', domain: 'youth-hub.example' },
    { name: '기후행동서울', domain: 'climate-action-seoul.example' },
    { name: '협동조합 골목연구소', domain: 'golmok-lab.example' },
  ],
};
/** Personal addresses: stand-ins for the portals most Koreans use, under .example. */
const WEBMAIL = ['naver.example', 'daum.example', 'gmail.example', 'kakao.example'];

const SURNAMES: [string, string][] = [
  ['김', 'kim'], ['이', 'lee'], ['박', 'park'], ['최', 'choi'], ['정', 'jung'], ['강', 'kang'], ['조', 'cho'], ['윤', 'yoon'], ['장', 'jang'], ['임', 'lim'],
  ['한', 'han'], ['오', 'oh'], ['서', 'seo'], ['신', 'shin'], ['권', 'kwon'], ['황', 'hwang'], ['안', 'ahn'], ['송', 'song'], ['류', 'ryu'], ['홍', 'hong'],
];
const GIVEN: [string, string][] = [
  ['민준', 'minjun'], ['서연', 'seoyeon'], ['지우', 'jiwoo'], ['하은', 'haeun'], ['도윤', 'doyun'], ['서준', 'seojun'], ['지민', 'jimin'], ['수빈', 'subin'],
  ['예린', 'yerin'], ['현우', 'hyunwoo'], ['지훈', 'jihoon'], ['유진', 'yujin'], ['은지', 'eunji'], ['성민', 'sungmin'], ['다은', 'daeun'], ['준호', 'junho'],
  ['혜진', 'hyejin'], ['영수', 'youngsoo'], ['미경', 'mikyung'], ['상훈', 'sanghoon'], ['정민', 'jungmin'], ['수정', 'sujung'], ['동현', 'donghyun'], ['소영', 'soyoung'],
  ['재원', 'jaewon'], ['보람', 'boram'], ['태양', 'taeyang'], ['나래', 'narae'], ['우진', 'woojin'], ['하늘', 'haneul'],
];

const ROLES: Record<Sector, string[]> = {
  company: ['사업개발 매니저', '서비스 기획자', '대표', 'ESG 담당자'],
  public: ['주무관', '정책 연구원', '사업 담당 공무원', '팀장'],
  university: ['연구교수', '박사과정 연구원', '산학협력단 연구원', '교수'],
  civil_society: ['활동가', '사무국장', '마을 코디네이터', '상임이사'],
};

export const DEMO_RUBRIC: Rubric = {
  scaleMin: 1,
  scaleMax: 5,
  criteria: [
    { key: 'problem', label: { ko: '문제 이해', en: 'Understanding of the problem' }, description: { ko: '다루려는 도시 문제를 구체적으로 이해하고 있는가', en: 'How concretely the applicant understands the urban problem' }, weight: 3 },
    { key: 'capacity', label: { ko: '문제 해결 역량', en: 'Problem-solving capacity' }, description: { ko: '경험과 실행 사례로 본 해결 역량', en: 'Capacity shown by experience and track record' }, weight: 3 },
    { key: 'collaboration', label: { ko: '협업·네트워크', en: 'Collaboration and network' }, description: { ko: '다른 분야와 함께 일할 준비', en: 'Readiness to work across sectors' }, weight: 2 },
    { key: 'commitment', label: { ko: '참여 의지', en: 'Commitment' }, description: { ko: '과정 전체에 참여할 의지와 여건', en: 'Will and means to take part in the whole course' }, weight: 2 },
  ],
};

export interface DemoCallDefinition {
  title: LocalizedText;
  description: LocalizedText;
  eligibility: LocalizedText;
  programme: string;
  opensAt: Date;
  closesAt: Date;
  capacity: number;
  quotas: Quota[];
  consentItems: ConsentItem[];
  questions: Question[];
}

export function demoCall(): DemoCallDefinition {
  return {
    title: DEMO_TITLE,
    description: {
      ko: '서울의 도시 문제를 기업·공공·대학·시민사회가 함께 푸는 혁신가 과정입니다. 혁신 교육, 혁신 실험, 혁신 교류를 한 곳에서 경험할 30명의 참여자를 모집합니다. (데모용 가상 모집)',
      en: 'A course for innovators from companies, the public sector, universities and civil society who tackle Seoul’s urban problems together: education, experimentation and exchange in one place. 30 places. (A synthetic call for the demo.)',
    },
    eligibility: { ko: '서울에서 활동하는 사회혁신가, 경력 무관', en: 'Social innovators active in Seoul, any level of experience' },
    programme: '탑 이노베이터 과정 1기',
    opensAt: new Date('2020-03-02T09:00:00+09:00'),
    closesAt: new Date('2020-03-20T18:00:00+09:00'),
    capacity: 30,
    quotas: SECTORS.map((value) => ({ attribute: 'sector', value, min: 5, max: 10 })),
    consentItems: [
      {
        key: 'selection',
        required: true,
        purpose: { ko: '참여자 선발 심사와 결과 안내', en: 'Selecting participants and telling applicants the outcome' },
        items: { ko: '이름, 이메일, 소속, 분야, 지원서 답변', en: 'Name, e-mail, organisation, sector, answers' },
        retention: { ko: '선발 확정 후 180일(선발자는 과정 종료 시까지)', en: '180 days after the selection is final (participants: until the course ends)' },
        refusal: { ko: '동의를 거부할 수 있으나, 거부하면 지원할 수 없습니다.', en: 'You may refuse, but then you cannot apply.' },
      },
      {
        key: 'newsletter',
        required: false,
        purpose: { ko: '오픈캠퍼스 소식 안내', en: 'Open Campus news' },
        items: { ko: '이름, 이메일', en: 'Name, e-mail' },
        retention: { ko: '동의 철회 시까지', en: 'Until you withdraw consent' },
        refusal: { ko: '동의하지 않아도 지원과 선발에 불이익이 없습니다.', en: 'Refusing has no effect on your application.' },
      },
    ],
    questions: [
      { key: 'organisation', type: 'organisation', required: true, label: { ko: '소속 기관', en: 'Organisation' } },
      { key: 'sector', type: 'sector', required: true, label: { ko: '분야', en: 'Sector' }, options: SECTORS.map((value) => ({ value, label: SECTOR_LABELS[value] })) },
      { key: 'topics', type: 'multiple_choice', required: true, label: { ko: '관심 의제', en: 'Topics' }, options: TOPICS, minChoices: 1, maxChoices: 3 },
      { key: 'experience_years', type: 'number', required: false, label: { ko: '관련 경력(년)', en: 'Years of relevant experience' }, min: 0, max: 60, integer: true },
      { key: 'motivation', type: 'long_text', required: true, label: { ko: '지원 동기와 풀고 싶은 문제', en: 'Motivation and the problem you want to solve' }, minLength: 20, maxLength: 2000 },
      { key: 'portfolio', type: 'file', required: false, label: { ko: '활동 자료(선택)', en: 'Portfolio (optional)' } },
    ],
  };
}

export interface DemoPerson {
  name: string;
  email: string;
  locale: 'ko' | 'en';
}

export interface DemoApplicant extends DemoPerson {
  sector: Sector;
  organisation: string;
  answers: Answers;
  consents: ConsentGrant[];
  submittedAt: Date;
  /** Hidden "true" merit on the rubric scale; reviews scatter around it. */
  merit: number;
}

export interface DemoReviewer extends DemoPerson {
  organisation: string;
  sectors: Sector[];
  topics: string[];
  expertise: string[];
  load: number;
  /** Systematic offset on the rubric scale: negative = harsh, positive = lenient. */
  bias: number;
}

export interface DemoData {
  call: DemoCallDefinition;
  rubric: Rubric;
  staff: DemoPerson;
  applicants: DemoApplicant[];
  reviewers: DemoReviewer[];
}

export interface DemoOptions {
  seed?: number;
  applicants?: number;
  reviewers?: number;
}

/** Standard normal from two uniforms (Box–Muller). */
function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The people and answers of the demo, deterministic for a seed. */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const rand = mulberry32(options.seed ?? 2020);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const sample = <T>(list: readonly T[], n: number): T[] => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]!);
    return out;
  };
  const call = demoCall();
  const usedEmails = new Set<string>([DEMO_STAFF_EMAIL]);
  const person = (domain: string): { name: string; email: string } => {
    const [sk, sr] = pick(SURNAMES);
    const [gk, gr] = pick(GIVEN);
    let email = `${gr}.${sr}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${gr}.${sr}${n}@${domain}`;
    usedEmails.add(email);
    return { name: `${sk}${gk}`, email };
  };

  // Reviewers first: five per sector, from the same organisations applicants come from.
  const reviewerCount = options.reviewers ?? 20;
  const reviewers: DemoReviewer[] = [];
  for (let i = 0; i < reviewerCount; i++) {
    const sector = SECTORS[i % SECTORS.length]!;
    const org = pick(ORGANISATIONS[sector]);
    const topics = sample(TOPICS, 2 + Math.floor(rand() * 2)).map((t) => t.value);
    const other = pick(SECTORS.filter((s) => s !== sector));
    // A few systematic biases calibration should find: two harsh, two lenient, the rest near zero.
    const bias = i === 3 ? -1.1 : i === 8 ? -0.8 : i === 12 ? 0.9 : i === 17 ? 1.1 : normal(rand) * 0.2;
    reviewers.push({
      ...person(org.domain),
      locale: i % 7 === 5 ? 'en' : 'ko',
      organisation: org.name,
      sectors: rand() < 0.3 ? [sector, other] : [sector],
      topics,
      expertise: [sector, ...(rand() < 0.5 ? [topics[0]!] : [])],
      load: 50,
      bias,
    });
  }

  const applicantCount = options.applicants ?? 300;
  const weights: [Sector, number][] = [
    ['company', 0.28],
    ['public', 0.2],
    ['university', 0.22],
    ['civil_society', 0.3],
  ];
  const applicants: DemoApplicant[] = [];
  for (let i = 0; i < applicantCount; i++) {
    let r = rand();
    const sector = weights.find(([, w]) => (r -= w) < 0)?.[0] ?? 'civil_society';
    // About one in ten shares a reviewer's organisation, so the conflict rules have work to do.
    const reviewerOrg = rand() < 0.1 ? pick(reviewers.filter((rv) => rv.sectors[0] === sector)) : undefined;
    const org = reviewerOrg ? ORGANISATIONS[sector].find((o) => o.name === reviewerOrg.organisation)! : pick(ORGANISATIONS[sector]);
    const domain = rand() < 0.55 ? org.domain : pick(WEBMAIL);
    const who = person(domain);
    const topics = sample(TOPICS, 1 + Math.floor(rand() * 3));
    const years = Math.round(clamp(3 + Math.abs(normal(rand)) * 7, 0, 40));
    const role = pick(ROLES[sector]);
    const merit = clamp(3.1 + normal(rand) * 0.75, 1, 5);
    const main = topics[0]!.label.ko;
    const motivation =
      `${org.name}에서 ${role}(으)로 ${years}년째 일하고 있습니다. ` +
      `${main} 분야에서 현장의 문제를 가까이 보아 왔고, ${topics.map((t) => t.label.ko).join('·')} 의제를 다른 분야 혁신가들과 함께 실험해 보고 싶습니다. ` +
      (merit > 3.6 ? '지난해 주민과 함께 작은 실험을 운영한 경험을 과정에서 나누고 키우겠습니다.' : merit > 2.6 ? '과정에서 배운 방법을 소속 기관의 사업에 적용해 보려 합니다.' : '아직 구체적인 계획은 없지만 배우고 싶습니다.');
    const opens = call.opensAt.getTime();
    const span = call.closesAt.getTime() - opens;
    // Many apply in the last days before the deadline.
    const at = opens + span * (1 - Math.pow(rand(), 2)) * 0.999;
    applicants.push({
      ...who,
      locale: rand() < 0.05 ? 'en' : 'ko',
      sector,
      organisation: org.name,
      answers: { organisation: org.name, sector, topics: topics.map((t) => t.value), experience_years: years, motivation },
      consents: [
        { key: 'selection', granted: true },
        { key: 'newsletter', granted: rand() < 0.4 },
      ],
      submittedAt: new Date(Math.floor(at / 1000) * 1000),
      merit,
    });
  }
  return { call, rubric: DEMO_RUBRIC, staff: { name: '김서울 (데모 담당자)', email: DEMO_STAFF_EMAIL, locale: 'ko' }, applicants, reviewers };
}

/**
 * k reviewers per application, spread evenly: each application takes the least-loaded reviewers
 * free of conflict (organisation, e-mail domain), preferring those who work in its sector. A
 * stand-in for the optimal assignment, which staff run themselves in the app. Returns pairs of
 * (applicant index, reviewer index).
 */
export function roundRobinAssignment(data: DemoData, k: number): [number, number][] {
  const conflicts = detectConflicts(
    data.applicants.map((a, i) => ({ id: String(i), organisation: a.organisation, email: a.email })),
    data.reviewers.map((r, j) => ({ id: String(j), organisation: r.organisation, email: r.email, declaredConflicts: [] })),
  );
  const load = data.reviewers.map(() => 0);
  const pairs: [number, number][] = [];
  data.applicants.forEach((a, i) => {
    const blocked = conflicts.get(String(i));
    // Equal loads start at a different reviewer for each application.
    const rotation = (j: number) => (((j - i) % data.reviewers.length) + data.reviewers.length) % data.reviewers.length;
    const order = data.reviewers
      .map((r, j) => ({ j, r }))
      .filter(({ j, r }) => !blocked?.has(String(j)) && load[j]! < r.load)
      .sort((x, y) => load[x.j]! - load[y.j]! || Number(y.r.sectors.includes(a.sector)) - Number(x.r.sectors.includes(a.sector)) || rotation(x.j) - rotation(y.j));
    for (const { j } of order.slice(0, k)) {
      load[j]! += 1;
      pairs.push([i, j]);
    }
  });
  return pairs;
}

const COMMENTS: Record<string, [string, string, string]> = {
  problem: ['문제 정의가 막연합니다.', '문제를 현장 경험으로 설명합니다.', '문제의 원인과 당사자를 구체적으로 짚었습니다.'],
  capacity: ['실행 경험이 드러나지 않습니다.', '관련 경험이 있습니다.', '실행 사례가 분명하고 설득력 있습니다.'],
  collaboration: ['협업 계획이 보이지 않습니다.', '다른 분야와 일할 의지가 있습니다.', '분야를 넘는 협업 경험이 풍부합니다.'],
  commitment: ['참여 여건이 불확실합니다.', '참여 의지가 분명합니다.', '과정 전체에 적극 참여할 계획이 구체적입니다.'],
};

export interface DemoReview {
  scores: Record<string, number>;
  comments: Record<string, string>;
  comment: string;
  total: number;
}

/** A reviewer's scores for an applicant: merit plus the reviewer's bias plus noise, per criterion. */
export function demoReview(rubric: Rubric, applicant: Pick<DemoApplicant, 'merit'>, reviewer: Pick<DemoReviewer, 'bias'>, rand: () => number): DemoReview {
  const scores: Record<string, number> = {};
  const comments: Record<string, string> = {};
  for (const c of rubric.criteria) {
    const s = Math.round(clamp(applicant.merit + reviewer.bias + normal(rand) * 0.6, rubric.scaleMin, rubric.scaleMax));
    scores[c.key] = s;
    const level = s <= 2 ? 0 : s <= 3 ? 1 : 2;
    comments[c.key] = COMMENTS[c.key]?.[level] ?? '';
  }
  const total = reviewTotal(rubric, scores)!;
  const comment = total >= 70 ? '선발을 추천합니다.' : total >= 45 ? '다른 지원자와 비교해 판단이 필요합니다.' : '이번 과정에는 추천하지 않습니다.';
  return { scores, comments, comment, total };
}
