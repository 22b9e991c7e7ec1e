/**
 * Seoul's 2019 plan, 「글로벌 사회혁신 오픈 캠퍼스 추진 계획」 (문서번호 사회혁신담당관-12085,
 * 결재 2019-10-22, 대시민공개, CC BY-ND 3.0 KR), as the campus's first content. Figures are copied
 * exactly from section Ⅴ (산출내역, 단위: 천원); amounts here are in won.
 * Pure data: the loader in seed.ts writes it once and never overwrites staff edits.
 */
import type { Factor, BudgetLineKind } from '../../core/budget/budget.js';
import type { LocalizedText } from '../../core/shared/localized.js';

export const PLAN_SLUG = 'seoul-2019';

const DAY = { ko: '일', en: 'days', enOne: 'day' };
const PERSON = { ko: '명', en: 'people', enOne: 'person' };
const TIME = { ko: '회', en: 'times', enOne: 'time' };

export interface SeedBudgetLine {
  key: string;
  title: LocalizedText;
  kind: BudgetLineKind;
  amount?: number;
  unitPrice?: number;
  factors?: Factor[];
  children?: SeedBudgetLine[];
}

export const plan2019 = {
  slug: PLAN_SLUG,
  title: { ko: '글로벌 사회혁신 오픈 캠퍼스 추진 계획', en: 'Global Social Innovation Open Campus — promotion plan' },
  purpose: {
    ko: '기업, 공공, 대학, 시민사회 영역에서 사회문제를 해결하는 핵심 역량의 지속적 성장, 교류를 위한 핵심 혁신 기반으로서 ‘글로벌 사회혁신 오픈 캠퍼스’를 추진하고자 함.',
    en: 'Build a “Global Social Innovation Open Campus”: the core base for the continuous growth and exchange of the capacities that solve social problems, across four sectors — companies, the public sector, universities and civil society.',
  },
  source: {
    documentNumber: '사회혁신담당관-12085',
    approvedOn: '2019-10-22',
    department: { ko: '서울혁신기획관 사회혁신담당관', en: 'Seoul Innovation Planning Office, Social Innovation Division' },
    disclosure: { ko: '대시민공개', en: 'Disclosed to citizens' },
    licence: 'CC BY-ND 3.0 KR',
  },
  background: [
    {
      ko: '복잡한 사회문제 증가에 따라 혁신에 대한 관심이 증대되고, 혁신 활동가는 늘어나고 있으나 질적 성장과 확산에 한계가 있음. 서울시는 서울혁신파크를 기반으로 혁신가를 지원해 왔으나, 도시의 문제는 부분적·단편적으로 해결할 수 없고 협업·교류 기회는 부족함.',
      en: 'Social problems grow more complex; innovators multiply, but their qualitative growth and spread are limited. Seoul has supported innovators through Seoul Innovation Park, but urban problems cannot be solved piecemeal and chances to collaborate and exchange are scarce.',
    },
    {
      ko: '국내 대학, 민간 연구·교육 기관 등에서 혁신연구·교육과정이 추진되고 있으나, 혁신 현장과의 연계 부족 등으로 실질적인 혁신 성과가 가시화되지 않고 있음.',
      en: 'Universities and private institutes run innovation research and courses, but weak links to the field mean few visible results.',
    },
    {
      ko: '해외의 혁신기관들은 혁신 이론 교육과 실천 교육을 융합한 혁신 아카데미, 역량강화 훈련·컨설팅, 기술기반 워킹그룹 등을 활발히 운영하고 있음 (SOCIA, 빌바오 사회혁신 아카데미, 영파운데이션 글로벌 혁신 아카데미, 트라이앵글 사회혁신 아카데미 등).',
      en: 'Overseas institutions run academies that fuse theory and practice, capacity-building training and consulting, and technology-based working groups (SOCIA, the Social Innovation Academy in Bilbao, the Young Foundation’s Global Innovation Academy, the Triangle Social Innovation Academy).',
    },
    {
      ko: '앞으로는 물리적 혁신기반 조성을 넘어 교육-실험-교류가 이루어지는 새로운 사회혁신 통합 기반이 필요함.',
      en: 'So: beyond physical infrastructure, a new integrated base where education, experimentation and exchange happen together.',
    },
  ] satisfies LocalizedText[],
  vision: { ko: '혁신 주체 양성을 통한 사회혁신 생태계 활성화', en: 'Activate the social-innovation ecosystem by growing innovation actors' },
  goals: [
    { ko: '국내 최고의 혁신가 과정', en: "The country's best innovator course" },
    { ko: '혁신 현장 연계 캠퍼스 확장', en: 'A campus that extends into innovation sites' },
    { ko: '아시아 최대의 혁신 리더 네트워크', en: "Asia's largest network of innovation leaders" },
  ] satisfies LocalizedText[],
  direction: { ko: '혁신가 발굴·성장을 위한 사회혁신 통합 기반 조성', en: 'An integrated base to discover and grow innovators' },
  pillars: [
    {
      key: 'education',
      title: { ko: '혁신 교육', en: 'Education' },
      points: [
        { ko: '혁신가라면 참여하고 싶은 ‘최고 혁신가 과정’', en: 'A “top innovator course” that every innovator wants to join' },
        { ko: '시민들이 사회문제 해결책을 찾아가는 ‘시민 혁신가 과정’', en: 'A “citizen innovator course” in which citizens find solutions to social problems' },
      ],
    },
    {
      key: 'experimentation',
      title: { ko: '혁신 실험', en: 'Experimentation' },
      points: [
        { ko: '지역 혁신 현장과 연결하여 지속적인 실험을 통한 교육', en: 'Education through continuous experiments connected to local innovation sites' },
        { ko: '혁신가 문제 해결 모델 구축', en: "Building innovators' problem-solving models" },
      ],
    },
    {
      key: 'exchange',
      title: { ko: '혁신 교류', en: 'Exchange' },
      points: [
        { ko: '다양한 혁신주체들이 정보 공유·협력할 혁신 네트워크 운영', en: 'An innovation network where diverse actors share information and cooperate' },
        { ko: '국내외 혁신가 연계 및 성과 확산을 위한 워크숍, 포럼 등 추진', en: 'Workshops and forums linking domestic and overseas innovators and spreading results' },
      ],
    },
  ] as const satisfies readonly { key: string; title: LocalizedText; points: LocalizedText[] }[],
  workPackages: [
    {
      code: 'WP1',
      title: { ko: '글로벌 사회혁신 오픈 캠퍼스 중·장기 종합계획 수립 용역', en: 'Mid/long-term master plan — research service' },
      start: '2020-02',
      end: '2020-07',
      operator: { ko: '일반경쟁 입찰로 선정한 연구용역 수행기관', en: 'Research contractor chosen by open competitive tender' },
      place: null,
      tasks: [
        { ko: '국내·외 혁신 교육·교류·협업 관련 현황 조사 및 분석', en: 'Survey and analysis of domestic and overseas innovation education, exchange and collaboration' },
        { ko: '기본 방향, 장단기 추진 전략, 핵심과제, 제도 개선사항', en: 'Basic direction, short/long-term strategy, core tasks, institutional improvements' },
        { ko: '운영 규모, 대상 및 범위, 참가자 선발 방안, 교과 운영 방식', en: 'Operating scale, target and scope, participant selection method, curriculum operation' },
        { ko: '국내·외 혁신기관 및 혁신가 교류, 협력 프로그램 개발', en: 'Exchange and cooperation programmes with domestic/overseas institutions and innovators' },
        { ko: '교수진 구성 및 관리, 교재개발 등', en: 'Faculty composition and management, textbook development' },
      ],
      note: { ko: '2019.10.11. 학술용역심의(조직담당관) 완료', en: 'Academic-service review completed on 11 Oct 2019' },
      budgetKey: 'research-master-plan',
    },
    {
      code: 'WP2',
      title: { ko: '글로벌 사회혁신 오픈 캠퍼스 시범 과정 운영', en: 'Pilot course' },
      start: '2020-06',
      end: '2020-11',
      operator: { ko: '사회혁신 전문기관(단체) 용역', en: 'A specialised social-innovation organisation under contract' },
      place: { ko: '서울혁신파크', en: 'Seoul Innovation Park' },
      tasks: [
        { ko: '과정 기획(6~7월): 교과목 선정, 과정 개발, 현장 연결, 강사 섭외 등', en: 'Course planning (Jun–Jul): subject selection, course development, links to sites, lecturer recruitment' },
        { ko: '참가자 모집·선발 방법, 운영 방식은 전문기관 기획을 통해 확정', en: "Recruitment/selection method and operating model fixed by the operator's design" },
        { ko: '과정 운영(8~11월): 강연, 워크숍, 혁신실험 등 16주 과정', en: 'Course operation (Aug–Nov): lectures, workshops, innovation experiments — a 16-week course' },
        { ko: '예시: 워킹그룹 구성하여 공통 과제 발굴, 혁신 협업 실험 등', en: 'Example: working groups that discover common challenges and run collaborative innovation experiments' },
        { ko: '예시: 사회혁신 평가와 측정 등', en: 'Example: social-innovation evaluation and measurement' },
      ],
      note: { ko: '참가규모: 문제해결 역량이 있는 사회혁신가 약 30명', en: 'About 30 social innovators with problem-solving capacity' },
      budgetKey: 'pilot',
    },
    {
      code: 'WP3',
      title: { ko: '사회혁신 리더(멘토) 네트워크 운영', en: 'Social-innovation leader (mentor) network' },
      start: '2020-01',
      end: '2020-12',
      operator: { ko: '서울시 사회혁신담당관', en: 'Seoul Social Innovation Division' },
      place: null,
      tasks: [
        { ko: '환경, 제조, 투자, 디지털 등 다양한 분야의 혁신리더(멘토)로 구성', en: 'Leaders (mentors) from diverse fields: environment, manufacturing, investment, digital, etc.' },
        { ko: '혁신 리더(멘토) 발굴, 네트워크 구축', en: 'Discover leaders and build the network' },
        { ko: '혁신과정과 현장을 연결한 교육(강의)을 위한 교수(강사) 풀로 운영', en: 'Run it as the faculty (lecturer) pool for teaching that connects the course with the field' },
      ],
      note: null,
      budgetKey: 'network',
    },
    {
      code: 'WP4',
      title: { ko: '해외혁신기관 교류 협력 추진', en: 'Exchange and cooperation with overseas innovation institutions' },
      start: '2020-10',
      end: '2020-10',
      operator: { ko: '서울시 사회혁신담당관', en: 'Seoul Social Innovation Division' },
      place: null,
      tasks: [
        { ko: '협력기관: 중국 심천 혁신기관, 브레인포트, P2P 재단, SIX 등', en: 'Partners: innovation institutions in Shenzhen (China), Brainport, the P2P Foundation, SIX (Social Innovation Exchange), etc.' },
        { ko: '방식: 워크숍, 세미나, 포럼 등', en: 'Formats: workshops, seminars, forums' },
        { ko: '해외혁신기관과 공동 도시의제 발굴 및 해결방안 모색', en: 'Co-discover urban agendas with overseas institutions and seek solutions' },
        { ko: '도시문제 해결 사례 공유 및 협력 프로젝트 사업 개발 등', en: 'Share cases of solving urban problems; develop cooperative projects' },
      ],
      note: null,
      budgetKey: 'overseas',
    },
  ],
  milestones: [
    { title: { ko: '학술용역 공모 및 계약', en: 'Research service tender and contract' }, start: '2020-01', end: '2020-01' },
    { title: { ko: '학술용역 시행', en: 'Research service carried out' }, start: '2020-02', end: '2020-07' },
    { title: { ko: '시범과정 기획 및 운영', en: 'Pilot course planned and run' }, start: '2020-06', end: '2020-11' },
    { title: { ko: '해외혁신기관 교류 협력 추진', en: 'Overseas exchange and cooperation' }, start: '2020-10', end: '2020-10' },
    { title: { ko: '중·장기 종합계획 수립', en: 'Mid/long-term master plan adopted' }, start: '2020-12', end: '2020-12' },
  ],
  budget: [
    {
      key: 'office',
      title: { ko: '사무관리비', en: 'Office operating expenses' },
      kind: 'group',
      children: [
        {
          key: 'pilot',
          title: { ko: '글로벌 사회혁신 오픈 캠퍼스 시범과정 기획 및 운영', en: 'Pilot course planning and operation' },
          kind: 'group',
          children: [
            { key: 'pilot-design', title: { ko: '시범과정 기획 및 설계', en: 'Course planning and design' }, kind: 'fixed', amount: 40_000_000 },
            {
              key: 'field-study',
              title: { ko: '현장학습운영비', en: 'Field-study operation' },
              kind: 'formula',
              unitPrice: 130_000,
              factors: [
                { value: 3, unit: DAY },
                { value: 30, unit: PERSON },
                { value: 1, unit: TIME },
              ],
            },
            {
              key: 'lecture-fees',
              title: { ko: '국내 교수 강연비', en: 'Domestic faculty lecture fees' },
              kind: 'formula',
              unitPrice: 300_000,
              factors: [
                { value: 16, unit: DAY },
                { value: 2, unit: PERSON },
              ],
            },
            {
              key: 'materials',
              title: { ko: '강의 자료 제작 및 인쇄', en: 'Lecture materials, production and printing' },
              kind: 'formula',
              unitPrice: 100_000,
              factors: [
                { value: 30, unit: PERSON },
                { value: 1, unit: TIME },
              ],
            },
            {
              key: 'results-presentation',
              title: { ko: '결과발표회', en: 'Results presentation' },
              kind: 'formula',
              unitPrice: 5_000_000,
              factors: [{ value: 1, unit: TIME }],
            },
            {
              key: 'publicity',
              title: { ko: '홍보비', en: 'Publicity' },
              kind: 'formula',
              unitPrice: 2_700_000,
              factors: [{ value: 1, unit: TIME }],
            },
          ],
        },
        { key: 'network', title: { ko: '글로벌 사회혁신 오픈 캠퍼스 네트워크 운영', en: 'Open Campus network operation' }, kind: 'fixed', amount: 27_000_000 },
        { key: 'overseas', title: { ko: '해외혁신기관 교류 협력 프로그램 운영', en: 'Overseas institution exchange programme' }, kind: 'fixed', amount: 35_000_000 },
      ],
    },
    {
      key: 'research',
      title: { ko: '연구용역비', en: 'Research service expenses' },
      kind: 'group',
      children: [
        {
          key: 'research-master-plan',
          title: { ko: '글로벌 사회혁신 오픈 캠퍼스 중장기 종합계획 학술 연구용역', en: 'Open Campus mid/long-term master plan research service' },
          kind: 'fixed',
          amount: 70_000_000,
        },
      ],
    },
  ] satisfies SeedBudgetLine[],
};

export type Plan2019 = typeof plan2019;
