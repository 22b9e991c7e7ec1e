/**
 * A call's applications as a table (one row per application, one column per question and consent
 * item), written as XLSX or CSV by src/platform/export/. Labels follow the reader's language; times
 * are Seoul's, the campus's own zone, whatever the server's zone is.
 */
import type { AnswerValue, Question } from '../../core/recruitment/answers.js';
import { pickText, type Lang } from '../../core/shared/localized.js';
import { translate } from '../../shared/i18n/server-messages.js';
import type { ExportTable } from '../../platform/export/table.js';
import type { ApplicationExportRow, CallRow } from './repository.js';

/** The applications download before it is written (src/platform/export/table.ts writes it). */
export type ApplicationTable = ExportTable;

const seoulTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

function answerCell(question: Question, value: AnswerValue | undefined, lang: Lang): string | number {
  if (value === undefined) return '';
  if (typeof value === 'number') return value;
  const label = (v: string) => {
    const option = question.options?.find((o) => o.value === v);
    return option ? pickText(option.label, lang).text : v;
  };
  return Array.isArray(value) ? value.map(label).join(', ') : question.options ? label(value) : value;
}

export function applicationTable(call: CallRow, rows: readonly ApplicationExportRow[], lang: Lang): ApplicationTable {
  const t = (key: string, params: Record<string, string> = {}) => translate(lang, `exports.applications.${key}`, params);
  // File answers are not stored in the row, so they have no column.
  const questions = call.questions.filter((q) => q.type !== 'file');
  const header = [
    t('name'),
    t('email'),
    t('status'),
    t('submitted_at'),
    ...questions.map((q) => pickText(q.label, lang).text),
    ...call.consentItems.map((c) => t('consent', { item: pickText(c.purpose, lang).text })),
    t('consent_version'),
  ];
  const body = rows.map(({ app, name, email }) => [
    name,
    email,
    t(`status_${app.status}`),
    app.submittedAt ? seoulTime.format(app.submittedAt) : '',
    ...questions.map((q) => answerCell(q, app.answers[q.key], lang)),
    ...call.consentItems.map((c) => {
      const grant = app.consents.find((g) => g.key === c.key);
      return grant ? t(grant.granted ? 'granted' : 'refused') : '';
    }),
    app.consentVersion ?? '',
  ]);
  return { header, rows: body };
}
