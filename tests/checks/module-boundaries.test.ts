/**
 * The lint rule that keeps modules apart (tools/eslint/module-boundaries.js) really fails on an
 * import of another module's internals, is switched on for src/modules by eslint.config.js, and
 * finds nothing in today's tree.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../tools/eslint/module-boundaries.js';

const root = path.resolve(import.meta.dirname, '../..');

// Only this rule, without type information: fast enough to lint every module file.
const boundariesOnly = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { oc: { rules: { 'module-boundaries': rule } } },
      rules: { 'oc/module-boundaries': 'error' },
    },
  ],
});

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await boundariesOnly.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module-boundaries', () => {
  it("fails on an import of another module's internals, whatever form the import takes", async () => {
    const file = 'src/modules/attendance/fixture.ts';
    const deep = [
      "import { cohortMembers } from '../courses/members.js';",
      "import type { CohortRow } from '../courses/repository.js';",
      "export { seatCountsOf } from '../enrolment/repository.js';",
      "export * from '../review/scores.js';",
      "const m = await import('../courses/members.js');",
      "type T = import('../recruitment/repository.js').CallRow;",
      "import { coursesModule } from '../courses/index.js';",
      "import { modules } from '../index.js';",
      "import x from '../../modules/courses/members.js';",
    ];
    for (const code of deep) {
      const found = await problems(code, file);
      expect(found, code).toHaveLength(1);
      expect(found[0], code).toMatch(/^oc\/module-boundaries: Module "attendance" imports/);
    }
    expect(await problems(deep[0]!, file)).toEqual([
      'oc/module-boundaries: Module "attendance" imports "../courses/members.js" from module "courses": import from "courses/public.js" (export it there), and list "courses" in dependsOn.',
    ]);
  });

  it("allows another module's public.ts, the module's own files and everything outside src/modules", async () => {
    const file = 'src/modules/attendance/sub/fixture.ts';
    const fine = [
      "import { cohortMembers } from '../../courses/public.js';",
      "import type { CohortMember } from '../../courses/public.js';",
      "import { attendanceOf } from '../repository.js';",
      "import { db } from '../../../platform/db/client.js';",
      "import { z } from 'zod';",
    ];
    for (const code of fine) expect(await problems(code, file), code).toEqual([]);
    // Tests, the app and the commands assemble modules and may reach inside them.
    expect(await problems("import { loadDemo } from '../../src/modules/recruitment/demo.js';", 'tests/integration/fixture.test.ts')).toEqual([]);
  });

  it("lets the module list import each module's manifest and nothing deeper", async () => {
    expect(await problems("import { coursesModule } from './courses/index.js';", 'src/modules/index.ts')).toEqual([]);
    expect(await problems("import { seedCourses } from './courses/seed.js';", 'src/modules/index.ts')).toEqual([
      'oc/module-boundaries: The module list imports each module\'s index.ts (its manifest) only, not "./courses/seed.js".',
    ]);
  });

  it('is switched on for every module file by eslint.config.js', async () => {
    const project = new ESLint({ cwd: root });
    for (const file of ['src/modules/attendance/checkin.ts', 'src/modules/index.ts', 'src/modules/courses/timetable-problem.test.ts']) {
      const config = (await project.calculateConfigForFile(path.join(root, file))) as { rules: Record<string, unknown[]> };
      expect(config.rules['oc/module-boundaries']?.[0], file).toBe(2);
    }
  });

  it('finds no cross-module import of anything but public.ts in the tree', async () => {
    const results = await boundariesOnly.lintFiles(['src/modules/**/*.ts']);
    expect(results.length).toBeGreaterThan(100);
    const found = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`));
    expect(found).toEqual([]);
  }, 60_000);
});
