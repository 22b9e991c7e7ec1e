/**
 * The lint rule that keeps Drizzle and the schema in module repositories really fails, and its list
 * of not-yet-moved files only holds files that still need it (a file whose queries have moved must
 * leave the list, so the list shrinks and nothing hides behind a stale entry).
 */
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import rule, { QUERIES_NOT_YET_IN_A_REPOSITORY } from '../../tools/eslint/data-access-in-repository.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

new RuleTester({ languageOptions: { parser: tseslint.parser } }).run('data-access-in-repository', rule, {
  valid: [
    { code: "import { listCalls } from './repository.js';" },
    { code: "import type { Db } from '../../platform/db/client.js';" },
    { code: "import { z } from 'zod';" },
  ],
  invalid: [
    { code: "import { eq } from 'drizzle-orm';", errors: [{ messageId: 'data' }] },
    { code: "import { sql } from 'drizzle-orm/sql';", errors: [{ messageId: 'data' }] },
    { code: "import { calls } from '../../platform/db/schema/index.js';", errors: [{ messageId: 'data' }] },
    { code: "import type { CompletionRule } from '../../platform/db/schema/courses.js';", errors: [{ messageId: 'data' }] },
    { code: "export { calls } from '../../platform/db/schema/index.js';", errors: [{ messageId: 'data' }] },
  ],
});

describe('the list of module files not yet moved to their repository', () => {
  it('is applied by the project lint config: a module file outside the list is linted by the rule', async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const config = (await eslint.calculateConfigForFile('src/modules/audit/routes.ts')) as { rules: Record<string, unknown> };
    expect(config.rules['oc/data-access-in-repository']).toEqual([2]);
    const repository = (await eslint.calculateConfigForFile('src/modules/audit/repository.ts')) as { rules: Record<string, unknown> };
    expect(repository.rules['oc/data-access-in-repository']).toBeUndefined();
  });

  it('holds only files that still import Drizzle or the schema', async () => {
    const eslint = new ESLint({
      cwd: process.cwd(),
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { oc: { rules: { 'data-access-in-repository': rule } } }, rules: { 'oc/data-access-in-repository': 'error' } }],
    });
    const results = await eslint.lintFiles([...QUERIES_NOT_YET_IN_A_REPOSITORY]);
    const clean = results.filter((r) => r.errorCount === 0).map((r) => r.filePath.replace(`${process.cwd()}/`, ''));
    expect(clean, 'these files no longer query the database: take them off QUERIES_NOT_YET_IN_A_REPOSITORY').toEqual([]);
  }, 60_000);
});
