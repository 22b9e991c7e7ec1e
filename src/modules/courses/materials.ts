/**
 * Course materials: links, or files uploaded by staff as a raw body (like application files,
 * src/modules/files). A file's kind comes from its bytes (src/core/files/sniff.ts); the bytes live in
 * the file storage under a generated key and are written before the row, so a failed transaction
 * leaves at worst an unreferenced file, never a row without bytes.
 *
 * Who may download a material file: staff; the cohort's people (members.ts) once the cohort is
 * published; the lecturers of its session (or, for a material of the whole cohort, of any of the
 * cohort's sessions). Everyone else gets 404, as for an id that does not exist.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { STAFF_ROLES } from '../../core/access/policy.js';
import { checkUpload, safeFileName } from '../../core/files/sniff.js';
import { DomainError } from '../../core/shared/domain-error.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.js';
import { materials, storedFiles } from '../../platform/db/schema/index.js';
import type { FileStorage } from '../../platform/files/storage.js';
import type { MaterialFileQueryT, MaterialLinkInputT, MaterialPatchT, MaterialViewT } from '../../shared/contracts/courses.js';
import { isCohortMember } from './members.js';
import { presentMaterial } from './present.js';
import { materialWithFile, requireCohort, sessionById, teaches } from './repository.js';
import { removeBytes } from './storage-util.js';

async function checkSessionOfCohort(tx: Tx, cohortId: string, sessionId: string | null | undefined): Promise<void> {
  if (!sessionId) return;
  const session = await sessionById(tx, sessionId);
  if (!session || session.cohortId !== cohortId) throw new DomainError('courses.session_unknown', {}, 'sessionId');
}

async function materialView(db: DbOrTx, id: string): Promise<MaterialViewT> {
  const m = await materialWithFile(db, id);
  if (!m) throw new DomainError('courses.material_not_found');
  return presentMaterial(m);
}

export async function addLink(db: Db, actor: Actor, cohortId: string, input: MaterialLinkInputT, now: Date): Promise<MaterialViewT> {
  const id = await db.transaction(async (tx) => {
    await requireCohort(tx, cohortId);
    await checkSessionOfCohort(tx, cohortId, input.sessionId);
    const id = uuidv7();
    const [row] = await tx
      .insert(materials)
      .values({ id, cohortId, sessionId: input.sessionId, title: input.title, kind: 'link', url: input.url, createdAt: now })
      .returning();
    await recordAudit(tx, actor, { action: 'material.create', entityType: 'material', entityId: id, after: row });
    return id;
  });
  return materialView(db, id);
}

export interface MaterialUpload {
  cohortId: string;
  query: MaterialFileQueryT;
  /** As the sender named it (URI-decoded); kept, cleaned, as metadata only. */
  name: string;
  bytes: Uint8Array;
  maxBytes: number;
  now: Date;
  log?: (err: unknown) => void;
}

export async function uploadFile(db: Db, storage: FileStorage, actor: Actor, input: MaterialUpload): Promise<MaterialViewT> {
  await requireCohort(db, input.cohortId);
  const sniffed = checkUpload(input.bytes, input.maxBytes);
  const fileName = safeFileName(input.name, sniffed);
  const storageKey = randomUUID();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await storage.put(storageKey, input.bytes);
  try {
    const id = await db.transaction(async (tx) => {
      await requireCohort(tx, input.cohortId);
      await checkSessionOfCohort(tx, input.cohortId, input.query.sessionId);
      const fileId = uuidv7();
      await tx.insert(storedFiles).values({
        id: fileId,
        ownerId: actor.userId,
        callId: null,
        applicationId: null,
        questionKey: null,
        storageKey,
        originalName: fileName,
        mediaType: sniffed.mediaType,
        size: input.bytes.length,
        sha256,
        createdAt: input.now,
      });
      const id = uuidv7();
      const title = { ko: input.query.titleKo ?? fileName, ...(input.query.titleEn ? { en: input.query.titleEn } : {}) };
      const [row] = await tx
        .insert(materials)
        .values({ id, cohortId: input.cohortId, sessionId: input.query.sessionId ?? null, title, kind: 'file', fileId, createdAt: input.now })
        .returning();
      await recordAudit(tx, actor, { action: 'material.create', entityType: 'material', entityId: id, after: { ...row, file: { name: fileName, size: input.bytes.length, mediaType: sniffed.mediaType, sha256 } } });
      return id;
    });
    return await materialView(db, id);
  } catch (err) {
    await removeBytes(storage, [storageKey], input.log);
    throw err;
  }
}

export async function patchMaterial(db: Db, actor: Actor, id: string, patch: MaterialPatchT): Promise<MaterialViewT> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(materials).where(eq(materials.id, id)).for('update');
    if (!before) throw new DomainError('courses.material_not_found');
    if (patch.url !== undefined && before.kind !== 'link') throw new DomainError('courses.material_url_links_only', {}, 'url');
    if (patch.sessionId !== undefined) await checkSessionOfCohort(tx, before.cohortId, patch.sessionId);
    const [after] = await tx
      .update(materials)
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.sessionId !== undefined ? { sessionId: patch.sessionId } : {}),
      })
      .where(eq(materials.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'material.update', entityType: 'material', entityId: id, before, after });
  });
  return materialView(db, id);
}

export async function deleteMaterial(db: Db, storage: FileStorage, actor: Actor, id: string, log?: (err: unknown) => void): Promise<void> {
  const key = await db.transaction(async (tx) => {
    const m = await materialWithFile(tx, id);
    if (!m) throw new DomainError('courses.material_not_found');
    await tx.delete(materials).where(eq(materials.id, id));
    if (m.material.fileId) await tx.delete(storedFiles).where(eq(storedFiles.id, m.material.fileId));
    await recordAudit(tx, actor, { action: 'material.delete', entityType: 'material', entityId: id, before: m });
    return m.file?.storageKey ?? null;
  });
  if (key) await removeBytes(storage, [key], log);
}

export interface Reader {
  userId: string;
  roles: readonly string[];
}

export interface MaterialDownload {
  name: string;
  size: number;
  mediaType: string;
  stream: Readable;
}

/** The bytes of a material file for someone entitled to them; anyone else, like a missing id, gets courses.material_not_found. */
export async function downloadMaterial(db: Db, storage: FileStorage, reader: Reader, id: string): Promise<MaterialDownload> {
  const m = await materialWithFile(db, id);
  if (!m?.file) throw new DomainError('courses.material_not_found');
  const cohort = await requireCohort(db, m.material.cohortId).catch(() => null);
  if (!cohort) throw new DomainError('courses.material_not_found');
  const staff = reader.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r));
  const allowed =
    staff ||
    (await teaches(db, reader.userId, { cohortId: cohort.id, sessionId: m.material.sessionId })) ||
    (cohort.status !== 'draft' && (await isCohortMember(db, cohort.id, reader.userId)));
  if (!allowed) throw new DomainError('courses.material_not_found');
  const stream = await storage.get(m.file.storageKey);
  if (!stream) throw new DomainError('courses.material_not_found');
  return { name: m.file.name, size: m.file.size, mediaType: m.file.mediaType, stream };
}
