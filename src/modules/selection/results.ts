/**
 * A selection run's applicants as the staff table reads them: a page at a time, filtered by name
 * and by outcome (selected, waitlisted, not selected), in the run's rank order. The run itself is
 * stored whole, so it is explained whole and sliced here; only the page's names are access-logged.
 */
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { offsetOf } from '../../shared/contracts/paging.js';
import type { SelectionApplicantListT, SelectionApplicantQueryT } from '../../shared/contracts/selection.js';
import { applicantsById } from './repository.js';
import { presentRun, requireCall, requireRun } from './use-cases.js';

export async function runApplicants(db: DbOrTx, actor: AccessActor, runId: string, query: SelectionApplicantQueryT): Promise<SelectionApplicantListT> {
  const row = await requireRun(db, runId);
  const call = await requireCall(db, row.callId);
  const { applicants } = presentRun(row, call, await applicantsById(db, row.callId));
  const needle = query.q?.toLocaleLowerCase();
  const matching = applicants.filter((a) => (!query.status || a.status === query.status) && (!needle || (a.name ?? '').toLocaleLowerCase().includes(needle)));
  const offset = offsetOf(query);
  const items = matching.slice(offset, offset + query.pageSize);
  if (items.length > 0) {
    await recordAccess(db, { actor, action: 'view', subjectType: 'application', subjectIds: items.map((a) => a.applicationId), detail: { callId: row.callId, selectionRunId: row.id, page: query.page } });
  }
  const counts = { selected: 0, waitlisted: 0, excluded: 0 };
  for (const a of applicants) counts[a.status] += 1;
  return { runId, items, total: matching.length, page: query.page, pageSize: query.pageSize, counts };
}
