/**
 * Loads a realistic synthetic call to try Open Campus with:
 *   npm run demo:load                        # the call, ~300 applications, 20 reviewers
 *   npm run demo:load -- --with-reviews      # … plus 3 reviewers per application and their scores
 *   npm run demo:load -- --score-assignments # scores for assignments made since (e.g. by the solver)
 * The shared password of the demo accounts comes from OC_DEMO_PASSWORD, or is generated and
 * printed. Loading twice is refused, also after an interrupted load (the call and everything under it
 * are written in one transaction). With the embedded database it refuses to run while a server
 * holds the data folder (PGlite allows one process per folder).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createOpenCampus } from '../app.js';
import { DemoAlreadyLoaded, DemoNotLoaded, loadDemo, scoreDemoAssignments } from '../modules/recruitment/demo.js';
import { prepareCommand, runCommand } from './command.js';

const USAGE = 'Usage: npm run demo:load [-- --with-reviews | --score-assignments] [--seed N]\n';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { 'with-reviews': { type: 'boolean' }, 'score-assignments': { type: 'boolean' }, seed: { type: 'string' }, help: { type: 'boolean' } } }).values;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const seed = args.seed === undefined ? 2020 : Number(args.seed);
  if (!Number.isInteger(seed)) {
    process.stderr.write(`--seed must be an integer\n${USAGE}`);
    return 2;
  }
  const password = process.env.OC_DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
  if (password.length < 8) {
    process.stderr.write('OC_DEMO_PASSWORD must be at least 8 characters.\n');
    return 2;
  }
  const { config } = prepareCommand('demo:load', { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const campus = await createOpenCampus({ config, serveWeb: false });
  try {
    const { db } = campus.deps;
    if (args['score-assignments']) {
      const n = await scoreDemoAssignments(db, { seed, now: new Date() });
      process.stdout.write(`Demo scores submitted for ${n} assignments.\n`);
      return 0;
    }
    const started = Date.now();
    const result = await loadDemo(db, campus.auth, { password, withReviews: !!args['with-reviews'], seed });
    const out = [
      `Demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: call ${result.callId}`,
      `  ${result.applications} submitted applications, ${result.reviewers} reviewers, ${result.assignments} assignments, ${result.reviews} submitted reviews`,
      '',
      `Sign in at ${config.publicUrl}/sign-in with the shared password: ${password}`,
      `  staff:     ${result.staffEmail}`,
      `  reviewers: ${result.reviewerEmails.join('\n             ')}`,
      `  applicant: ${result.applicantEmails[0]} (and ${result.applicantEmails.length - 1} more)`,
      '',
      'Every address is under .example: nothing the demo queues can reach a real mailbox.',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } catch (err) {
    if (err instanceof DemoAlreadyLoaded || err instanceof DemoNotLoaded) {
      process.stderr.write(`${err.message}\n`);
      return 3;
    }
    throw err;
  } finally {
    await campus.close();
  }
}

runCommand('demo:load', main);
