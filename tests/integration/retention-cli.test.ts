/**
 * `npm run retention:purge` as an operator runs it (tsx src/cli/purge-retention.ts) on an embedded
 * database in a folder, and on PostgreSQL through DATABASE_URL (the file bytes stay in DATA_DIR either
 * way): the not-selected applicant of a call finalised long ago loses answers and file bytes, the
 * selected one keeps them, and the summary says so.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, describe, expect, it } from 'vitest';
import { applications, auditLog, calls, storedFiles, users } from '../../src/platform/db/schema/index.js';
import { cliCampus, type CliCampus } from '../support/cli-campus.js';
import { runTs } from '../support/factories.js';

const campuses: CliCampus[] = [];
afterAll(async () => {
  for (const c of campuses) await c.cleanup();
});

describe('the retention:purge command', () => {
  it('anonymises the not selected of a long-finalised call and deletes their files on disk', async () => {
    const campus = await cliCampus();
    campuses.push(campus);
    const dataDir = campus.dataDir;
    const filesDir = path.join(dataDir, 'files');
    mkdirSync(filesDir, { recursive: true });

    const database = await campus.open();
    const ids = { call: uuidv7(), kept: uuidv7(), gone: uuidv7() };
    const keys = { kept: randomUUID(), gone: randomUUID() };
    try {
      await database.migrate();
      const db = database.db;
      const finalisedAt = new Date(Date.now() - 40 * 86_400_000);
      await db.insert(calls).values({
        id: ids.call,
        status: 'closed',
        title: { ko: '2020 모집' },
        description: { ko: '설명' },
        programme: '1기',
        opensAt: new Date(finalisedAt.getTime() - 30 * 86_400_000),
        closesAt: new Date(finalisedAt.getTime() - 10 * 86_400_000),
        capacity: 1,
        finalisedAt,
      });
      for (const [who, outcome] of [
        ['kept', 'selected'],
        ['gone', 'not_selected'],
      ] as const) {
        const userId = randomUUID();
        await db.insert(users).values({ id: userId, name: `${who} 지원자`, email: `${who}@example.org` });
        await db.insert(applications).values({ id: ids[who], callId: ids.call, userId, status: 'submitted', answers: { motivation: `${who} 동기`, cv: keys[who] }, consents: [{ key: 'selection', granted: true }], outcome });
        await db.insert(storedFiles).values({ id: uuidv7(), ownerId: userId, callId: ids.call, applicationId: ids[who], questionKey: 'cv', storageKey: keys[who], originalName: 'cv.pdf', mediaType: 'application/pdf', size: 4, sha256: '0'.repeat(64) });
        writeFileSync(path.join(filesDir, keys[who]), '%PDF');
      }
    } finally {
      await database.close();
    }

    const run = runTs('src/cli/purge-retention.ts', [], { ...campus.env, LOG_LEVEL: 'silent', APPLICANT_RETENTION_DAYS: '30' });
    expect(await run.exited, run.stderr()).toBe(0);
    expect(run.stdout()).toContain('1 applications anonymised, 1 files deleted');
    expect(run.stdout()).toContain(ids.call);
    expect(existsSync(path.join(filesDir, keys.gone))).toBe(false);
    expect(existsSync(path.join(filesDir, keys.kept))).toBe(true);

    const after = await campus.open();
    try {
      const db = after.db;
      const [gone] = await db.select().from(applications).where(eq(applications.id, ids.gone));
      const [kept] = await db.select().from(applications).where(eq(applications.id, ids.kept));
      expect(gone).toMatchObject({ answers: {}, consents: [] });
      expect(gone!.anonymisedAt).not.toBeNull();
      expect(kept).toMatchObject({ answers: { motivation: 'kept 동기' }, anonymisedAt: null });
      expect(await db.select().from(storedFiles).where(eq(storedFiles.applicationId, ids.gone))).toHaveLength(0);
      expect(await db.select().from(storedFiles).where(eq(storedFiles.applicationId, ids.kept))).toHaveLength(1);
      const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'retention.purge'));
      expect(audit).toMatchObject({ actorLabel: 'retention', after: { applications: 1, files: 1, callIds: [ids.call] } });
    } finally {
      await after.close();
    }

    // A longer period (from the environment) makes the same call not yet due.
    const longer = runTs('src/cli/purge-retention.ts', [], { ...campus.env, LOG_LEVEL: 'silent', APPLICANT_RETENTION_DAYS: '365' });
    expect(await longer.exited, longer.stderr()).toBe(0);
    expect(longer.stdout()).toContain('0 applications anonymised');
    const bad = runTs('src/cli/purge-retention.ts', [], { ...campus.env, APPLICANT_RETENTION_DAYS: 'soon' });
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain('APPLICANT_RETENTION_DAYS');
  }, 120_000);
});
