/**
 * Where a budget line can go: its place among siblings for the move up/down buttons, and the group
 * lines it may be moved under (never itself or its own sub-lines, which the server refuses as a cycle).
 */
import type { BudgetLineViewT } from '../../../src/shared/contracts/plan';

type Line = Pick<BudgetLineViewT, 'id' | 'parentId' | 'kind'>;

/** Siblings in table order (the API lists lines depth-first with siblings in position order). */
export function siblingsOf<T extends Line>(lines: readonly T[], parentId: string | null): T[] {
  return lines.filter((l) => l.parentId === parentId);
}

export interface SiblingPlace {
  index: number;
  count: number;
  /** The position to send to move it one place up, or null when it is first. */
  up: number | null;
  /** The position to send to move it one place down, or null when it is last. */
  down: number | null;
}

export function siblingPlace(lines: readonly Line[], id: string): SiblingPlace | null {
  const line = lines.find((l) => l.id === id);
  if (!line) return null;
  const siblings = siblingsOf(lines, line.parentId);
  const index = siblings.findIndex((s) => s.id === id);
  return { index, count: siblings.length, up: index > 0 ? index - 1 : null, down: index < siblings.length - 1 ? index + 1 : null };
}

/** Ids of every line below `id`, at any depth. */
export function descendantIds(lines: readonly Line[], id: string): Set<string> {
  const out = new Set<string>();
  const walk = (parent: string) => {
    for (const l of lines) {
      if (l.parentId === parent && !out.has(l.id)) {
        out.add(l.id);
        walk(l.id);
      }
    }
  };
  walk(id);
  return out;
}

/** Group lines that may become the parent of `id`. */
export function parentChoices<T extends Line>(lines: readonly T[], id: string): T[] {
  const below = descendantIds(lines, id);
  return lines.filter((l) => l.kind === 'group' && l.id !== id && !below.has(l.id));
}

/** Position for a line appended at the end of `parentId`'s children (excluding the line itself). */
export function appendPosition(lines: readonly Line[], parentId: string | null, movingId: string): number {
  return siblingsOf(lines, parentId).filter((l) => l.id !== movingId).length;
}

/** For lists ordered by position (work packages, milestones): the target index one step up or down. */
export function stepPosition(index: number, count: number, step: -1 | 1): number | null {
  const target = index + step;
  return target < 0 || target >= count ? null : target;
}
