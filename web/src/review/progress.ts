/**
 * How far a reviewer is, and which review to open next. "Unreviewed" is every assignment whose
 * review is not submitted yet (not started or a draft): a draft still needs the reviewer.
 */
import type { MyReviewListT } from '../../../src/shared/contracts/review';

type Item = Pick<MyReviewListT['reviews'][number], 'assignmentId' | 'callId' | 'status'>;

export interface ReviewProgress {
  submitted: number;
  total: number;
  /** 0..100, whole numbers; 100 only when every review is submitted. */
  percent: number;
}

export function reviewProgress(items: readonly Pick<Item, 'status'>[]): ReviewProgress {
  const total = items.length;
  const submitted = items.filter((i) => i.status === 'submitted').length;
  // Rounded down, so the bar is full only when the last review is in.
  const percent = total === 0 ? 0 : Math.floor((submitted / total) * 100);
  return { submitted, total, percent };
}

/**
 * The next assignment to review after `currentId` in the list's order: first later ones of the same
 * call, then the same call's earlier ones, then other calls (in list order); never `currentId` itself.
 * Without `currentId`, the first unreviewed one (of `callId`, when given). Null when none is left.
 */
export function nextUnreviewed<T extends Item>(items: readonly T[], currentId?: string, callId?: string): T | null {
  const open = (i: T) => i.status !== 'submitted' && i.assignmentId !== currentId;
  const at = currentId === undefined ? -1 : items.findIndex((i) => i.assignmentId === currentId);
  const call = callId ?? (at >= 0 ? items[at]!.callId : undefined);
  const rotated = at >= 0 ? [...items.slice(at + 1), ...items.slice(0, at + 1)] : [...items];
  const sameCall = call === undefined ? rotated : rotated.filter((i) => i.callId === call);
  return sameCall.find(open) ?? (callId === undefined ? (rotated.find(open) ?? null) : null);
}
