/**
 * Creates the first (or another) administrator without a browser, for scripts:
 *   echo "$PASSWORD" | npm run admin:create -- --email admin@example.org --name "Admin"
 * The password is read from stdin (never from arguments, which other users can see in `ps`),
 * or from OC_ADMIN_PASSWORD. An existing account with that e-mail is promoted instead.
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createOpenCampus } from '../app.js';
import { recordAudit } from '../platform/audit.js';
import { passwordWeakness } from '../platform/auth/password-policy.js';
import { grantGlobalRole } from '../platform/auth/roles.js';
import { users } from '../platform/db/schema/index.js';
import { clearSetupToken } from '../platform/instance.js';
import { SignUpInput } from '../shared/contracts/accounts.js';
import { translate } from '../shared/i18n/server-messages.js';
import { prepareCommand, runCommand } from './command.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  const password = process.env.OC_ADMIN_PASSWORD ?? (await readStdin());
  const parsed = SignUpInput.safeParse({ email: values.email, name: values.name ?? values.email?.split('@')[0], password });
  if (!parsed.success) {
    process.stderr.write(`Usage: echo PASSWORD | npm run admin:create -- --email EMAIL [--name NAME]\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message.startsWith('oc:') ? translate('en', i.message.slice(3)) : i.message}`).join('\n')}\n`);
    return 2;
  }
  const weakness = passwordWeakness(parsed.data.password, parsed.data.email);
  if (weakness) {
    process.stderr.write(`  password: ${translate('en', `errors.auth.password_${weakness}`)}\n  비밀번호: ${translate('ko', `errors.auth.password_${weakness}`)}\n`);
    return 2;
  }
  const { config } = prepareCommand('admin:create', { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const campus = await createOpenCampus({ config, serveWeb: false });
  try {
    const { db } = campus.deps;
    let [user] = await db.select().from(users).where(eq(users.email, parsed.data.email));
    if (!user) {
      await campus.auth.api.signUpEmail({ body: { email: parsed.data.email, name: parsed.data.name, password: parsed.data.password, locale: 'ko' } });
      [user] = await db.select().from(users).where(eq(users.email, parsed.data.email));
    }
    if (!user) throw new Error('account could not be created');
    await db.transaction(async (tx) => {
      // The operator at the server's console vouches for the address, as the setup token's holder does.
      await tx.update(users).set({ emailVerified: true }).where(eq(users.id, user.id));
      await grantGlobalRole(tx, user.id, 'admin', null);
      await clearSetupToken(tx);
      await recordAudit(tx, { userId: null, label: 'cli' }, { action: 'role.grant', entityType: 'user', entityId: user.id, after: { roles: ['admin'] } });
    });
    process.stdout.write(`Administrator ready: ${parsed.data.email}\n`);
    return 0;
  } finally {
    await campus.close();
  }
}

runCommand('admin:create', main);
