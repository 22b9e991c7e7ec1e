/**
 * Shapes of the timetabling answers. Their zod contracts live in src/shared/contracts/timetable.ts,
 * which the web app may not import (lint keeps it off server folders); these mirror them field for
 * field until the contracts move to src/shared/contracts, when this file becomes a re-export.
 */
import type { LocalizedText } from '../../../../src/core/shared/localized';

export interface BilingualText {
  ko: string;
  en: string;
}

export type TimetableRunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface TimetableProgressView {
  phase: string;
  placed: number;
  placeable: number;
  hardConflicts: number;
  softScore: number;
  iteration: number;
}

export interface ProposedPlacement {
  sessionId: string;
  cohortId: string;
  title: LocalizedText;
  type: string;
  startsAt: string;
  endsAt: string;
  days: number;
  roomId: string | null;
  roomName: LocalizedText | null;
  lecturers: string[];
  changed: boolean;
  sequence: number;
}

export interface UnplacedView {
  sessionId: string;
  cohortId: string;
  title: LocalizedText;
  code: string;
  params: Record<string, string | number>;
  reason: BilingualText;
}

export interface TimetableRunResult {
  status?: 'complete' | 'partial';
  placements?: ProposedPlacement[];
  unplaced?: UnplacedView[];
  quality?: Record<string, number>;
  stats?: Record<string, number | string | null>;
  fixedSessions?: number;
  changed?: number;
  durationMs?: number;
  error?: string;
  message?: BilingualText;
}

export interface TimetableRunView {
  id: string;
  cohortIds: string[];
  status: TimetableRunStatus;
  phase: string | null;
  progress: TimetableProgressView | null;
  params: { seed: number; timeLimitSeconds: number; closedDates: string[] };
  result: TimetableRunResult | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  appliedAt: string | null;
  appliedBy: string | null;
}

export interface TimetableApplyView {
  run: TimetableRunView;
  changed: number;
  unchanged: number;
}

export interface ConflictWarning {
  kind: string;
  sessionIds: string[];
  otherSessionIds: string[];
  resource: { type: string; id: string; name: string } | null;
  date: string | null;
  time: string | null;
  text: BilingualText;
}

export interface CohortConflicts {
  cohortId: string;
  checked: number;
  untimed: number;
  warnings: ConflictWarning[];
}
