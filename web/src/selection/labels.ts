/**
 * Message keys for the server's codes (run statuses, outbox kinds), kept apart from the pages so
 * the mapping is unit-tested and an unknown code falls back to the code itself.
 */

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'logged', 'superseded', 'suppressed'] as const;

/** "selection.outcome" → "outbox.kind.selection_outcome": kinds may contain dots, keys may not. */
export function outboxKindKey(kind: string): string {
  return `outbox.kind.${kind.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

export const ASSIGNMENT_RUN_STATUSES = ['queued', 'running', 'assigned', 'infeasible', 'failed'] as const;

/** A selection run's status in words: optimal, feasible with its gap, infeasible, or an error. */
export function selectionStatusKey(status: 'optimal' | 'feasible' | 'infeasible' | 'error', gapText: string | null): { key: string; params: Record<string, string> } {
  switch (status) {
    case 'optimal':
      return { key: 'selection.status.optimal', params: {} };
    case 'feasible':
      return gapText === null ? { key: 'selection.status.feasibleNoGap', params: {} } : { key: 'selection.status.feasible', params: { gap: gapText } };
    case 'infeasible':
      return { key: 'selection.status.infeasible', params: {} };
    case 'error':
      return { key: 'selection.status.error', params: {} };
  }
}
