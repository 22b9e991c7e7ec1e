/**
 * A call's scores as a table for XLSX or CSV: one row per application with its rank, raw mean,
 * calibrated score, spread, flags and each review's total (docs/calibration.md). Written by
 * src/platform/export/table.ts like the applications export, so the CSV guard against formula
 * injection and the BOM come with it.
 */
import type { Lang } from '../../core/shared/localized.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { CallScores } from './scores-view.js';
import { translate } from '../../shared/i18n/server-messages.js';
import type { ExportTable } from '../../platform/export/table.js';
import { buildScores } from './scores-view.js';

const round = (n: number | null): number | string => (n === null ? '' : Math.round(n * 100) / 100);

export function scoresTable(view: CallScores, lang: Lang): ExportTable {
  const t = (key: string) => translate(lang, `exports.scores.${key}`);
  const reviewerLabel = new Map(view.reviewers.map((r, i) => [r.reviewerId, r.name ?? r.email ?? `#${i + 1}`]));
  const header = [t('rank'), t('name'), t('organisation'), t('sector'), t('reviews'), t('raw_mean'), t('calibrated'), t('spread'), t('disagreement'), t('flips'), t('totals')];
  const rows = view.applications.map((a) => [
    a.rank ?? '',
    a.applicantName,
    a.applicantOrganisation ?? '',
    a.sector ?? '',
    a.reviews.length,
    round(a.rawMean),
    round(a.calibrated),
    round(a.spread),
    a.disagreement ? t('yes') : t('no'),
    a.flips ? t('yes') : t('no'),
    a.reviews.map((r) => `${reviewerLabel.get(r.reviewerId) ?? r.reviewerId}: ${r.total}`).join('; '),
  ]);
  return { header, rows };
}

/** Reads the scores and writes the download row (who, when, which applications, why) first. */
export async function exportScores(db: DbOrTx, actor: AccessActor, callId: string, reason: string, format: 'xlsx' | 'csv', lang: Lang): Promise<ExportTable> {
  const view = await buildScores(db, callId);
  await recordAccess(db, { actor, action: 'download', subjectType: 'application', subjectIds: view.applications.map((a) => a.applicationId), reason, detail: { callId, format, lang, list: 'scores' } });
  return scoresTable(view, lang);
}
