/**
 * Prints, after vitest's own summary, what CI reads and what keeps the suite's cost in sight: the
 * ten slowest test files and each project's total (file time, summed over parallel workers), then
 * the plain closing line "N passed, N failed, N skipped".
 */
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const files: { name: string; project: string; ms: number }[] = [];
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      files.push({ name: path.relative(process.cwd(), m.moduleId), project: m.project.name, ms: m.diagnostic().duration });
    }
    const byProject = new Map<string, { files: number; ms: number }>();
    for (const f of files) {
      const p = byProject.get(f.project) ?? { files: 0, ms: 0 };
      byProject.set(f.project, { files: p.files + 1, ms: p.ms + f.ms });
    }
    const lines = ['', 'Slowest test files:'];
    for (const f of [...files].sort((a, b) => b.ms - a.ms).slice(0, 10)) lines.push(`  ${seconds(f.ms).padStart(8)}  ${f.project.padEnd(20)} ${f.name}`);
    lines.push('Time per project (files summed):');
    for (const [name, p] of [...byProject].sort((a, b) => b[1].ms - a[1].ms)) lines.push(`  ${seconds(p.ms).padStart(8)}  ${name.padEnd(20)} ${p.files} files`);
    process.stdout.write(`${lines.join('\n')}\n\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
