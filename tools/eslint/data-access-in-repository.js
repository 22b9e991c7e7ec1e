/**
 * In a module, only its repository (and its seeds) may import Drizzle or the database schema: the
 * rest of the module works with the repository's functions and plain rows, so queries live in one
 * place per module and a newcomer finds them there (docs/ARCHITECTURE.md, "One shape per module").
 * Which files the rule applies to is set in eslint.config.js.
 */
/**
 * Module files that still query the database themselves, from before the one-shape rule
 * (docs/ARCHITECTURE.md, "One shape per module"). Each is to move its queries into its module's
 * repository.ts; the list only shrinks, and a new file cannot join it unnoticed in review.
 */
export const QUERIES_NOT_YET_IN_A_REPOSITORY = [
  'src/modules/accounts/two-factor.ts',
  'src/modules/accounts/use-cases.ts',
  'src/modules/administration/use-cases.ts',
  'src/modules/attendance/certificates.ts',
  'src/modules/attendance/checkin.ts',
  'src/modules/attendance/progress.ts',
  'src/modules/courses/availability.ts',
  'src/modules/courses/calendar-feeds.ts',
  'src/modules/courses/catalogue.ts',
  'src/modules/courses/curriculum.ts',
  'src/modules/courses/fees.ts',
  'src/modules/courses/materials.ts',
  'src/modules/courses/members.ts',
  'src/modules/courses/timetable-conflicts.ts',
  'src/modules/courses/timetable-problem.ts',
  'src/modules/courses/timetable-runs.ts',
  'src/modules/courses/views.ts',
  'src/modules/enrolment/use-cases.ts',
  'src/modules/files/use-cases.ts',
  'src/modules/recruitment/cohort-link.ts',
  'src/modules/recruitment/retention.ts',
  'src/modules/recruitment/use-cases.ts',
  'src/modules/review/reviewer.ts',
  'src/modules/review/runs.ts',
  'src/modules/review/scores.ts',
  'src/modules/review/staff.ts',
  'src/modules/selection/notify.ts',
  'src/modules/selection/use-cases.ts',
];

const DATA = [/^drizzle-orm(\/|$)/, /(^|\/)platform\/db\/schema(\/|\.js$|$)/];

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Drizzle and the schema are imported only by a module repository' },
    schema: [],
    messages: { data: 'Import of "{{source}}" outside the repository: put the query in this module\'s repository.ts and call it.' },
  },
  create(context) {
    const check = (node) => {
      const source = node.source && typeof node.source.value === 'string' ? node.source.value : null;
      if (source && DATA.some((re) => re.test(source))) context.report({ node, messageId: 'data', data: { source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
