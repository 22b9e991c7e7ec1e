/**
 * Who became a participant of a call through its finalised selection, and whether they still are
 * (other modules read it through public.ts; a cohort filled by a call has these people).
 */
import type { DbOrTx } from '../../platform/db/client.js';
import { participantRows } from './repository.js';

export interface ParticipantOfCall {
  id: string;
  userId: string;
  applicationId: string | null;
  /** 'withdrawn' after the person declined their place. */
  status: 'active' | 'withdrawn';
  createdAt: Date;
}

export async function participantsOfCall(db: DbOrTx, callId: string): Promise<ParticipantOfCall[]> {
  const rows = await participantRows(db, callId);
  return rows.map((r) => ({ id: r.id, userId: r.userId, applicationId: r.applicationId, status: r.status, createdAt: r.createdAt }));
}
