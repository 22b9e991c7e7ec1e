/**
 * Use cases of files: an applicant uploads the answer to a 'file' question of their application,
 * lists and deletes their files; the owner, staff and the application's assigned reviewers
 * download them. Anyone else gets "not found", so file ids cannot be probed (security guide rows
 * 2, 22, 23).
 *
 * Decisions: bytes are written before the row (a failed transaction removes them again) and old
 * bytes are removed only after the replacing row is committed, so a crash leaves at worst an
 * unreferenced file, never a row without its bytes. One file per question: a new upload replaces
 * the old one, and the application's answer to that question becomes the new file's id.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { STAFF_ROLES } from '../../core/access/policy.js';
import { checkUpload, safeFileName } from '../../core/files/sniff.js';
import { assertWindowOpen, type Question } from '../../core/recruitment/answers.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAccess, type AccessActor } from '../../platform/access-log.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { applications, storedFiles } from '../../platform/db/schema/index.js';
import type { FileStorage } from '../../platform/files/storage.js';
import type { StoredFileViewT } from '../../shared/contracts/files.js';
import { applicationOf, visibleCall, type CallRow } from '../recruitment/public.js';
import { fileById, filesOfApplication, filesOfQuestion, isAssignedReviewer, type StoredFileRow } from './repository.js';

export function presentFile(row: StoredFileRow): StoredFileViewT {
  return { id: row.id, name: row.originalName, size: row.size, mediaType: row.mediaType, questionKey: row.questionKey, createdAt: row.createdAt.toISOString() };
}

/** A call the applicant may see (published or closed; drafts are invisible), or 404. */
async function applicantCall(db: DbOrTx, callId: string): Promise<CallRow> {
  const call = await visibleCall(db, callId, ['published', 'closed']);
  if (!call) throw new DomainError('recruitment.call_not_found');
  return call;
}

function fileQuestion(call: CallRow, key: string): Question {
  const question = call.questions.find((q) => q.key === key);
  if (!question || question.type !== 'file') throw new DomainError('files.question_unknown', { key }, 'question');
  return question;
}

/** Removes bytes whose rows are gone; a failure leaves an unreferenced file, which is logged, not fatal. */
async function removeBytes(storage: FileStorage, keys: readonly string[], log?: (err: unknown) => void): Promise<void> {
  for (const key of keys) {
    try {
      await storage.delete(key);
    } catch (err) {
      log?.(err);
    }
  }
}

export interface UploadInput {
  userId: string;
  callId: string;
  questionKey: string;
  /** As the sender named it (already URI-decoded); only kept, cleaned, as metadata. */
  name: string;
  bytes: Uint8Array;
  maxBytes: number;
  now: Date;
  log?: (err: unknown) => void;
}

/** Stores an upload as the answer to a 'file' question, while the application can be edited. */
export async function uploadMyFile(db: Db, storage: FileStorage, input: UploadInput): Promise<StoredFileViewT> {
  const call = await applicantCall(db, input.callId);
  assertWindowOpen(call, input.now);
  fileQuestion(call, input.questionKey);
  const sniffed = checkUpload(input.bytes, input.maxBytes);
  const id = uuidv7();
  // The name on disk is unrelated to the id and to anything the sender chose.
  const storageKey = randomUUID();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await storage.put(storageKey, input.bytes);
  let replaced: StoredFileRow[] = [];
  try {
    const row = await db.transaction(async (tx) => {
      // As when saving: insert-or-nothing, then lock, so parallel uploads meet on the one row.
      await tx
        .insert(applications)
        .values({ id: uuidv7(), callId: call.id, userId: input.userId, status: 'draft', createdAt: input.now, updatedAt: input.now })
        .onConflictDoNothing({ target: [applications.callId, applications.userId] });
      const app = (await applicationOf(tx, call.id, input.userId, true))!;
      if (app.status === 'withdrawn') throw new DomainError('recruitment.application_withdrawn');
      replaced = await filesOfQuestion(tx, app.id, input.questionKey);
      for (const old of replaced) await tx.delete(storedFiles).where(eq(storedFiles.id, old.id));
      const [inserted] = await tx
        .insert(storedFiles)
        .values({
          id,
          ownerId: input.userId,
          callId: call.id,
          applicationId: app.id,
          questionKey: input.questionKey,
          storageKey,
          originalName: safeFileName(input.name, sniffed),
          mediaType: sniffed.mediaType,
          size: input.bytes.length,
          sha256,
          createdAt: input.now,
        })
        .returning();
      await tx
        .update(applications)
        .set({ answers: { ...app.answers, [input.questionKey]: id }, updatedAt: input.now })
        .where(eq(applications.id, app.id));
      return inserted!;
    });
    await removeBytes(
      storage,
      replaced.map((r) => r.storageKey),
      input.log,
    );
    return presentFile(row);
  } catch (err) {
    await removeBytes(storage, [storageKey], input.log);
    throw err;
  }
}

/** The files of my application to this call (none when I have not applied). */
export async function myFiles(db: DbOrTx, userId: string, callId: string): Promise<StoredFileViewT[]> {
  await applicantCall(db, callId);
  const app = await applicationOf(db, callId, userId);
  return app ? (await filesOfApplication(db, app.id)).map(presentFile) : [];
}

/**
 * The owner deletes a file while the call is open. A submitted application must stay complete, so
 * the file answering a required question can only be replaced there, not removed.
 */
export async function deleteMyFile(db: Db, storage: FileStorage, userId: string, fileId: string, now: Date, log?: (err: unknown) => void): Promise<void> {
  const file = await fileById(db, fileId);
  if (!file || file.ownerId !== userId || !file.callId || !file.applicationId) throw new DomainError('files.not_found');
  const call = await applicantCall(db, file.callId);
  assertWindowOpen(call, now);
  await db.transaction(async (tx) => {
    const app = await applicationOf(tx, call.id, userId, true);
    if (!app || app.id !== file.applicationId) throw new DomainError('files.not_found');
    const question = call.questions.find((q) => q.key === file.questionKey);
    if (app.status === 'submitted' && question?.required) throw new DomainError('files.state_required', {}, `answers.${question.key}`);
    const deleted = await tx.delete(storedFiles).where(eq(storedFiles.id, file.id)).returning({ id: storedFiles.id });
    if (deleted.length === 0) throw new DomainError('files.not_found');
    if (file.questionKey && app.answers[file.questionKey] === file.id) {
      const answers = { ...app.answers };
      delete answers[file.questionKey];
      await tx.update(applications).set({ answers, updatedAt: now }).where(eq(applications.id, app.id));
    }
  });
  await removeBytes(storage, [file.storageKey], log);
}

export interface Download {
  file: StoredFileViewT;
  stream: Readable;
}

/**
 * A file for `reader`: its owner; staff; or a reviewer assigned to its application. Staff and
 * reviewer reads of an applicant's file go to the access log before the bytes leave. Everyone else,
 * like a missing id, gets files.not_found.
 */
export async function downloadFile(db: Db, storage: FileStorage, reader: AccessActor, fileId: string): Promise<Download> {
  const file = await fileById(db, fileId);
  if (!file) throw new DomainError('files.not_found');
  const owner = file.ownerId === reader.userId;
  const staff = !owner && reader.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r));
  const reviewer = !owner && !staff && !!file.applicationId && (await isAssignedReviewer(db, file.applicationId, reader.userId));
  if (!owner && !staff && !reviewer) throw new DomainError('files.not_found');
  const stream = await storage.get(file.storageKey);
  if (!stream) throw new DomainError('files.not_found');
  if (!owner) {
    try {
      await recordAccess(db, {
        actor: reader,
        action: 'view',
        subjectType: 'application',
        subjectIds: file.applicationId ? [file.applicationId] : [],
        detail: { fileId: file.id, callId: file.callId, questionKey: file.questionKey, as: staff ? 'staff' : 'reviewer' },
      });
    } catch (err) {
      stream.destroy();
      throw err;
    }
  }
  return { file: presentFile(file), stream };
}
