/**
 * Destroys the personal data of applicants who were not selected, once a call's selection has been
 * final for APPLICANT_RETENTION_DAYS (default 180):
 *   npm run retention:purge
 * Meant to run daily (cron, a systemd timer, a scheduled job). Safe to repeat: applicants already
 * anonymised are skipped. Every run writes one audit entry (actor 'retention'). With the embedded
 * database it refuses to run while a server holds the data folder (PGlite allows one process per folder).
 */
import { openDatabase } from '../platform/db/client.js';
import { localFileStorage } from '../platform/files/storage.js';
import { purgeExpiredApplicants } from '../modules/recruitment/retention.js';
import { prepareCommand, runCommand } from './command.js';

async function main(): Promise<number> {
  const { config } = prepareCommand('retention:purge', { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir });
  try {
    await database.migrate();
    const report = await purgeExpiredApplicants(database.db, localFileStorage(config.filesDir), { now: new Date(), retentionDays: config.applicantRetentionDays });
    process.stdout.write(
      `Retention (${report.retentionDays} days; calls finalised before ${report.cutoff}): ` +
        `${report.applications} applications anonymised, ${report.files} files deleted, ${report.reviews} review comments cleared, ${report.messages} e-mails blanked` +
        (report.callIds.length > 0 ? ` in calls ${report.callIds.join(', ')}` : '') +
        '.\n',
    );
    return 0;
  } finally {
    await database.close();
  }
}

runCommand('retention:purge', main);
