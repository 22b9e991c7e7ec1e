/**
 * Configuration, read from the environment once at start and validated with zod. Nothing else in
 * the code base reads `process.env` (the CLI entry points pass it in), so every setting is listed
 * here and in the README's table.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Where people reach the app; defaults to http://localhost:<PORT>. */
  PUBLIC_URL: z.url().optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  AUTH_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  /** Minutes after a code was proved during which personal-data exports need no new one. */
  FRESH_FACTOR_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  WEB_DIST_DIR: z.string().min(1).default('./dist/web'),
  /** Worker threads for HiGHS (assignment, selection, timetabling); each may use up to 2 GiB. */
  SOLVER_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  SOLVER_TIME_LIMIT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** smtp:// or smtps:// URL; without it the outbox keeps messages for staff to read and nothing is sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Open Campus <no-reply@localhost>'),
  /** Days after a call's selection is finalised before data of applicants not selected is destroyed. */
  APPLICANT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** Largest uploaded file, in bytes. */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** A TrueType font with Hangul, embedded in certificates (Debian: fonts-nanum). */
  CERTIFICATE_FONT_PATH: z.string().min(1).default('/usr/share/fonts/truetype/nanum/NanumGothic.ttf'),
  /** How long one attendance code shown by staff stays valid, in seconds (the previous code is accepted too). */
  ATTENDANCE_CODE_SECONDS: z.coerce.number().int().min(10).max(600).default(30),
  /** Licence stated on every open-data export and in the catalogue (docs/adr/0014). */
  OPEN_DATA_LICENCE: z.enum(['kogl-1', 'cc-by-4.0']).default('kogl-1'),
  /** Who publishes the open data (dct:publisher), in Korean and English; defaults to the plan's department. */
  OPEN_DATA_PUBLISHER_KO: z.string().trim().min(1).max(200).optional(),
  OPEN_DATA_PUBLISHER_EN: z.string().trim().min(1).max(200).optional(),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  authSecret: string | undefined;
  trustProxy: boolean;
  logLevel: string;
  authRateLimit: number;
  authRateWindowSeconds: number;
  staffSessionIdleMinutes: number;
  freshFactorMinutes: number;
  webDistDir: string;
  solverThreads: number;
  solverTimeLimitSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  applicantRetentionDays: number;
  uploadMaxBytes: number;
  /** Where uploaded files live: DATA_DIR/files, outside the web root. */
  filesDir: string;
  certificateFontPath: string;
  attendanceCodeSeconds: number;
  openDataLicence: 'kogl-1' | 'cc-by-4.0';
  openDataPublisher: { ko: string; en: string | undefined } | undefined;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad variable at once. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  // Empty strings mean "not set" (a common result of `FOO= npm start`).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  return Object.freeze({
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(cwd, c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    authSecret: c.AUTH_SECRET,
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    authRateLimit: c.AUTH_RATE_LIMIT,
    authRateWindowSeconds: c.AUTH_RATE_WINDOW_SECONDS,
    staffSessionIdleMinutes: c.STAFF_SESSION_IDLE_MINUTES,
    freshFactorMinutes: c.FRESH_FACTOR_MINUTES,
    webDistDir: path.resolve(cwd, c.WEB_DIST_DIR),
    solverThreads: c.SOLVER_THREADS,
    solverTimeLimitSeconds: c.SOLVER_TIME_LIMIT_SECONDS,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    applicantRetentionDays: c.APPLICANT_RETENTION_DAYS,
    uploadMaxBytes: c.UPLOAD_MAX_BYTES,
    filesDir: path.resolve(cwd, c.DATA_DIR, 'files'),
    certificateFontPath: path.resolve(cwd, c.CERTIFICATE_FONT_PATH),
    attendanceCodeSeconds: c.ATTENDANCE_CODE_SECONDS,
    openDataLicence: c.OPEN_DATA_LICENCE,
    openDataPublisher: c.OPEN_DATA_PUBLISHER_KO ? { ko: c.OPEN_DATA_PUBLISHER_KO, en: c.OPEN_DATA_PUBLISHER_EN } : undefined,
  });
}
