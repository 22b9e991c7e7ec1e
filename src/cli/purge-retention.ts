/**
 * Destroys the personal data of applicants who were not selected, once a call's selection has been
 * final for APPLICANT_RETENTION_DAYS (default 180):
 *   npm run retention:purge
 * Meant to run daily (cron, a systemd timer, a scheduled job). Safe to repeat: applicants already
 * anonymised are skipped. Every run writes one audit entry (actor 'retention'). With the embedded
 * database, stop the server first: PGlite allows one process per data folder.
 */
import { ConfigError, loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { localFileStorage } from '../platform/files/storage.js';
import { purgeExpiredApplicants } from '../modules/recruitment/retention.js';

async function main(): Promise<number> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
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

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee the configuration table in README.md.\n`);
      process.exit(2);
    }
    process.stderr.write(`retention:purge failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
