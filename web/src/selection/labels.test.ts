import { describe, expect, it } from 'vitest';
import ko from '../../../locales/ko/selection.json';
import en from '../../../locales/en/selection.json';
import { ASSIGNMENT_PHASES } from './format';
import { OutboxStatus } from '../../../src/shared/contracts/selection';
import { ASSIGNMENT_RUN_STATUSES, OUTBOX_STATUSES, outboxKindKey, selectionStatusKey } from './labels';

/** Reads "a.b.c" from a nested catalogue; plural keys count as present. */
function has(catalogue: unknown, key: string): boolean {
  const parts = key.split('.');
  const last = parts.pop()!;
  let node = catalogue as Record<string, unknown> | undefined;
  for (const p of parts) node = node?.[p] as Record<string, unknown> | undefined;
  return node !== undefined && (last in node || `${last}_other` in node);
}

describe('labels', () => {
  it('turns outbox kinds into keys without dots', () => {
    expect(outboxKindKey('outcome.selected')).toBe('outbox.kind.outcome_selected');
    expect(outboxKindKey('reviewer_invitation')).toBe('outbox.kind.reviewer_invitation');
  });

  it('words every selection status, with the gap when the run stopped early', () => {
    expect(selectionStatusKey('optimal', '0.00%')).toEqual({ key: 'selection.status.optimal', params: {} });
    expect(selectionStatusKey('feasible', '0.12%')).toEqual({ key: 'selection.status.feasible', params: { gap: '0.12%' } });
    expect(selectionStatusKey('feasible', null).key).toBe('selection.status.feasibleNoGap');
    expect(selectionStatusKey('infeasible', null).key).toBe('selection.status.infeasible');
    expect(selectionStatusKey('error', null).key).toBe('selection.status.error');
  });

  it('lists every outbox status the server sends', () => {
    expect([...OUTBOX_STATUSES]).toEqual(OutboxStatus.options);
  });

  it('has words in both languages for every code the server sends', () => {
    const keys = [
      ...ASSIGNMENT_PHASES.map((p) => `assignment.phase.${p}`),
      ...ASSIGNMENT_RUN_STATUSES.map((s) => `assignment.runStatus.${s}`),
      ...OUTBOX_STATUSES.map((s) => `outbox.status.${s}`),
      ...['selected', 'waitlisted', 'not_selected', 'declined'].map((o) => outboxKindKey(`outcome.${o}`)),
      outboxKindKey('reviewer_invitation'),
      ...(['optimal', 'feasible', 'infeasible', 'error'] as const).flatMap((s) => [selectionStatusKey(s, '1%').key, selectionStatusKey(s, null).key]),
      ...['selected', 'waitlisted', 'excluded'].map((s) => `selection.applicants.status.${s}`),
      ...['min', 'max', 'both'].map((s) => `selection.quotas.tight.${s}`),
      ...['harsh', 'lenient', 'neutral'].map((s) => `scores.tendency.${s}`),
      ...['calibrated', 'rawMean', 'spread', 'reviews'].map((s) => `scores.sortedBy.${s}`),
      ...['auto', 'manual'].map((s) => `assignment.source.${s}`),
      ...['not_started', 'draft', 'submitted'].map((s) => `assignment.reviewStatus.${s}`),
      ...['ascending', 'descending'].map((s) => `common.${s}`),
      'selection.locks.addedIn',
      'selection.locks.addedOut',
      'selection.locks.lockedIn',
      'selection.locks.lockedOut',
    ];
    const missing = keys.flatMap((k) => [...(has(ko, k) ? [] : [`ko ${k}`]), ...(has(en, k) ? [] : [`en ${k}`])]);
    expect(missing).toEqual([]);
  });
});
