/**
 * The 2020 pilot as data, from the 2019 plan (../shared/seed/plan-2019-en.md, III.2 and V):
 * the top-innovator course — 16 weeks, August–November 2020, at Seoul Innovation Park, about 30
 * selected innovators; lectures, workshops and innovation experiments (working groups that find
 * common challenges and run collaborative experiments; social-innovation evaluation and
 * measurement); a 3-day field study (130,000 KRW × 3 days × 30 people); a results presentation;
 * domestic faculty lecture fees of 300,000 KRW × 16 days × 2 people — and the citizen-innovator
 * course, open to citizens, with one example district cohort.
 *
 * What the plan does not fix is marked as an example or "to be decided": exact dates within the
 * months, room names, lecturer names, the citizen cohort's dates and district. Staff change all of it;
 * the seed only inserts what was never seeded (see seed.ts).
 */
import type { CompletionRule, SessionType } from '../../platform/db/schema/courses.js';
import type { LocalizedText } from '../../core/shared/localized.js';

export const TOP_PROGRAMME_SLUG = 'top-innovator';
export const CITIZEN_PROGRAMME_SLUG = 'citizen-innovator';
export const PILOT_COHORT_SLUG = 'top-innovator-2020';
export const CITIZEN_COHORT_SLUG = 'citizen-innovator-2020-eunpyeong';

/** The plan: 300,000 KRW per lecture day and lecturer ("국내 교수 강연비 300,000원 × 16일 × 2명"). */
export const DOMESTIC_FEE_RATE = 300_000;

export interface SeedProgramme {
  slug: string;
  kind: 'top_innovator' | 'citizen';
  title: LocalizedText;
  description: LocalizedText;
  completionRule: CompletionRule;
}

export const seedProgrammes: readonly SeedProgramme[] = [
  {
    slug: TOP_PROGRAMME_SLUG,
    kind: 'top_innovator',
    title: { ko: '최고 혁신가 과정', en: 'Top innovator course' },
    description: {
      ko: '혁신가라면 참여하고 싶은 ‘최고 혁신가 과정’. 문제해결 역량이 있는 사회혁신가 약 30명이 서울혁신파크에서 16주 동안 강연, 워크숍, 혁신실험을 함께합니다. 워킹그룹을 구성하여 공통 과제를 발굴하고 혁신 협업 실험을 하며, 사회혁신 평가와 측정을 다룹니다.',
      en: 'The "top innovator course" every innovator wants to join. About 30 social innovators with problem-solving capacity spend 16 weeks at Seoul Innovation Park in lectures, workshops and innovation experiments: working groups discover common challenges and run collaborative innovation experiments, and learn social-innovation evaluation and measurement.',
    },
    // An example rule (docs/attendance.md): 80% attendance, the field study attended, an experiment report.
    completionRule: { minAttendanceRate: 0.8, requiredSessionTypes: ['field_study'], requireExperimentReport: true },
  },
  {
    slug: CITIZEN_PROGRAMME_SLUG,
    kind: 'citizen',
    title: { ko: '시민 혁신가 과정', en: 'Citizen innovator course' },
    description: {
      ko: '시민들이 사회문제 해결책을 찾아가는 ‘시민 혁신가 과정’. 누구나 신청할 수 있고, 여러 지역(예: 자치구마다)에서 동시에 열리며 강사 풀을 함께 씁니다.',
      en: 'The "citizen innovator course", in which citizens find solutions to social problems. Open to everyone; it can run in many places at once (say, one per district) sharing one lecturer pool.',
    },
    completionRule: { minAttendanceRate: 0.8, requiredSessionTypes: [], requireExperimentReport: false },
  },
];

const SIP: LocalizedText = { ko: '서울혁신파크', en: 'Seoul Innovation Park' };
/** Weekdays 09:00–21:00 (evenings for citizen cohorts); the hall on Saturdays too. */
const WEEKDAYS_DAY_AND_EVENING: Record<string, [number, number][]> = { '1': [[540, 1260]], '2': [[540, 1260]], '3': [[540, 1260]], '4': [[540, 1260]], '5': [[540, 1260]] };

export interface SeedRoom {
  key: string;
  name: LocalizedText;
  place: LocalizedText;
  capacity: number;
  availability: Record<string, [number, number][]>;
}

/** Example rooms at Seoul Innovation Park (the plan names the venue, not its rooms). */
export const seedRooms: readonly SeedRoom[] = [
  { key: 'lecture', name: { ko: '강의실', en: 'Lecture room' }, place: SIP, capacity: 40, availability: WEEKDAYS_DAY_AND_EVENING },
  { key: 'workshop', name: { ko: '워크숍룸', en: 'Workshop room' }, place: SIP, capacity: 36, availability: WEEKDAYS_DAY_AND_EVENING },
  { key: 'lab', name: { ko: '실험 공방', en: 'Experiment studio' }, place: SIP, capacity: 30, availability: WEEKDAYS_DAY_AND_EVENING },
  { key: 'hall', name: { ko: '대강당', en: 'Main hall' }, place: SIP, capacity: 150, availability: { ...WEEKDAYS_DAY_AND_EVENING, '6': [[540, 1080]] } },
];

export interface SeedCohort {
  slug: string;
  programmeSlug: string;
  title: LocalizedText;
  place: LocalizedText;
  startsOn: string;
  endsOn: string;
  capacity: number;
  enrolmentMode: 'selection' | 'open';
  status: 'draft' | 'published';
}

export const seedCohorts: readonly SeedCohort[] = [
  {
    slug: PILOT_COHORT_SLUG,
    programmeSlug: TOP_PROGRAMME_SLUG,
    title: { ko: '최고 혁신가 과정 2020 (시범 과정)', en: 'Top innovator course 2020 (pilot)' },
    place: SIP,
    // 16 weeks from the first Monday of August: 2020-08-03 to the Friday of week 16.
    startsOn: '2020-08-03',
    endsOn: '2020-11-20',
    capacity: 30,
    // Filled by a selection call; staff link the call (callId) once it exists.
    enrolmentMode: 'selection',
    status: 'published',
  },
  {
    slug: CITIZEN_COHORT_SLUG,
    programmeSlug: CITIZEN_PROGRAMME_SLUG,
    title: { ko: '시민 혁신가 과정 2020 · 은평 (예시)', en: 'Citizen innovator course 2020 · Eunpyeong (example)' },
    place: { ko: '서울혁신파크 (은평구)', en: 'Seoul Innovation Park (Eunpyeong-gu)' },
    startsOn: '2020-09-07',
    endsOn: '2020-11-13',
    capacity: 30,
    enrolmentMode: 'open',
    status: 'draft',
  },
];

export interface SeedModule {
  key: string;
  title: LocalizedText;
  goals: LocalizedText;
}

export interface SeedSession {
  key: string;
  module: string;
  type: SessionType;
  title: LocalizedText;
  durationMinutes: number;
  days?: number;
  placeText?: LocalizedText;
  /** Keys of sessions that must have ended first. */
  after?: string[];
  allowedWeeks?: number[];
  cadenceGroup?: string;
  /** External lecturers at the plan's domestic rate. */
  lecturers?: string[];
}

export const pilotModules: readonly SeedModule[] = [
  {
    key: 'understanding',
    title: { ko: '사회혁신의 이해', en: 'Understanding social innovation' },
    goals: { ko: '복잡해지는 사회문제와 기업·공공·대학·시민사회의 혁신 사례를 이해한다.', en: 'Understand growing social problems and innovation across companies, the public sector, universities and civil society.' },
  },
  {
    key: 'working-groups',
    title: { ko: '워킹그룹과 공통 과제 발굴', en: 'Working groups and common challenges' },
    goals: { ko: '워킹그룹을 구성하여 공통 과제를 발굴한다.', en: 'Form working groups and discover common challenges.' },
  },
  {
    key: 'experiments',
    title: { ko: '혁신 협업 실험', en: 'Collaborative innovation experiments' },
    goals: { ko: '지역 혁신 현장과 연결한 협업 실험을 설계하고 실행한다.', en: 'Design and run collaborative experiments linked to local innovation sites.' },
  },
  {
    key: 'field-study',
    title: { ko: '현장학습', en: 'Field study' },
    goals: { ko: '혁신 현장에서 문제 해결 사례를 배운다.', en: 'Learn from problem-solving cases at innovation sites.' },
  },
  {
    key: 'evaluation',
    title: { ko: '사회혁신 평가와 측정', en: 'Social-innovation evaluation and measurement' },
    goals: { ko: '실험의 성과를 평가하고 측정하는 방법을 익힌다.', en: 'Learn to evaluate and measure what experiments achieve.' },
  },
  {
    key: 'results',
    title: { ko: '결과발표회', en: 'Results presentation' },
    goals: { ko: '실험 결과를 공유하고 확산한다.', en: 'Share and spread the experiments’ results.' },
  },
];

const LECTURER_A = '국내 교수 A (미정) · Domestic faculty A (TBD)';
const LECTURER_B = '국내 교수 B (미정) · Domestic faculty B (TBD)';

/** Which module each of the 16 weekly lectures belongs to: 4 + 3 + 4 + 3 + 2. */
const LECTURE_MODULES: readonly string[] = [
  ...Array<string>(4).fill('understanding'),
  ...Array<string>(3).fill('working-groups'),
  ...Array<string>(4).fill('experiments'),
  ...Array<string>(3).fill('evaluation'),
  ...Array<string>(2).fill('results'),
];

function moduleTitle(key: string): LocalizedText {
  return pilotModules.find((m) => m.key === key)!.title;
}

/**
 * 34 sessions: 16 weekly lectures with two domestic lecturers each (the plan's 16 days × 2 people),
 * 6 workshops, 6 experiment labs, 4 mentoring sessions with the network's leaders, the 3-day field
 * study and the results presentation in the last week. All untimed: the timetabler places them.
 */
export const pilotSessions: readonly SeedSession[] = [
  ...LECTURE_MODULES.map(
    (module, i): SeedSession => ({
      key: `lecture-${i + 1}`,
      module,
      type: 'lecture',
      title: { ko: `강연 ${i + 1} · ${moduleTitle(module).ko}`, en: `Lecture ${i + 1} · ${moduleTitle(module).en ?? ''}` },
      durationMinutes: 120,
      cadenceGroup: 'ti-lectures',
      lecturers: [LECTURER_A, LECTURER_B],
    }),
  ),
  { key: 'ws-groups', module: 'working-groups', type: 'workshop', title: { ko: '워킹그룹 구성 워크숍', en: 'Workshop: forming working groups' }, durationMinutes: 180, after: ['lecture-1'] },
  { key: 'ws-challenges-1', module: 'working-groups', type: 'workshop', title: { ko: '공통 과제 발굴 워크숍 1', en: 'Workshop: discovering common challenges 1' }, durationMinutes: 180, after: ['ws-groups'] },
  { key: 'ws-challenges-2', module: 'working-groups', type: 'workshop', title: { ko: '공통 과제 발굴 워크숍 2', en: 'Workshop: discovering common challenges 2' }, durationMinutes: 180, after: ['ws-challenges-1'] },
  { key: 'ws-design', module: 'experiments', type: 'workshop', title: { ko: '혁신 실험 설계 워크숍', en: 'Workshop: designing innovation experiments' }, durationMinutes: 180, after: ['ws-challenges-2'] },
  ...[1, 2, 3, 4, 5, 6].map(
    (n): SeedSession => ({
      key: `lab-${n}`,
      module: 'experiments',
      type: 'experiment_lab',
      title: { ko: `혁신 협업 실험 ${n}`, en: `Collaborative innovation experiment ${n}` },
      durationMinutes: 180,
      after: [n === 1 ? 'ws-design' : `lab-${n - 1}`],
      cadenceGroup: 'ti-labs',
    }),
  ),
  ...[1, 2, 3, 4].map(
    (n): SeedSession => ({
      key: `mentoring-${n}`,
      module: 'experiments',
      type: 'mentoring',
      title: { ko: `혁신리더(멘토) 멘토링 ${n}`, en: `Mentoring with innovation leaders ${n}` },
      durationMinutes: 120,
      after: [`lab-${Math.min(6, n + n - 1)}`],
    }),
  ),
  {
    key: 'field-study',
    module: 'field-study',
    type: 'field_study',
    title: { ko: '현장학습 (3일)', en: 'Field study (3 days)' },
    durationMinutes: 480,
    days: 3,
    placeText: { ko: '혁신 현장 (추후 결정)', en: 'Innovation site (to be decided)' },
    after: ['ws-challenges-2'],
  },
  { key: 'ws-evaluation', module: 'evaluation', type: 'workshop', title: { ko: '사회혁신 평가와 측정 워크숍', en: 'Workshop: social-innovation evaluation and measurement' }, durationMinutes: 180, after: ['lab-3'] },
  { key: 'ws-results', module: 'results', type: 'workshop', title: { ko: '실험 결과 정리 워크숍', en: 'Workshop: writing up the experiments' }, durationMinutes: 180, after: ['lab-6', 'ws-evaluation'] },
  {
    key: 'results-presentation',
    module: 'results',
    type: 'results_presentation',
    title: { ko: '결과발표회', en: 'Results presentation' },
    durationMinutes: 180,
    after: ['ws-results', 'field-study'],
    allowedWeeks: [15],
  },
];
