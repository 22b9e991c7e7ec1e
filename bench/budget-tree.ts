/** The core's budget arithmetic on a large, generated tree: time per build and memory held by the result. */
import vm from 'node:vm';
import v8 from 'node:v8';
import { buildBudgetTree, flattenTree, type BudgetLineInput, type BudgetTree } from '../src/core/budget/budget.js';
import { mulberry32 } from '../src/core/shared/random.js';

const prng = mulberry32;

const UNITS = [
  { ko: '일', en: 'days', enOne: 'day' },
  { ko: '명', en: 'people', enOne: 'person' },
  { ko: '회', en: 'times', enOne: 'time' },
];

/** A plan-like tree: ~15 % groups nested up to depth 6, the rest fixed or formula lines, some with spending. */
export function generateLines(count: number, seed = 2019): BudgetLineInput[] {
  const rand = prng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const lines: BudgetLineInput[] = [];
  const groups: { id: string; depth: number; children: number }[] = [];
  for (let i = 0; i < count; i++) {
    const open = groups.filter((g) => g.depth < 6);
    const parent = open.length > 0 && rand() < 0.95 ? open[int(open.length - 1)]! : null;
    const id = `line-${i}`;
    const base = { id, parentId: parent?.id ?? null, position: parent ? parent.children++ : i, title: { ko: `항목 ${i}`, en: `Line ${i}` }, spent: rand() < 0.2 ? int(1_000_000) : 0 };
    const r = rand();
    if (r < 0.15 || i < 10) {
      groups.push({ id, depth: (parent?.depth ?? -1) + 1, children: 0 });
      lines.push({ ...base, kind: 'group' });
    } else if (r < 0.55) {
      lines.push({ ...base, kind: 'fixed', amount: int(100_000) * 1_000 });
    } else {
      const factors = Array.from({ length: 1 + int(2) }, () => ({ value: 1 + int(30), unit: UNITS[int(2)]! }));
      lines.push({ ...base, kind: 'formula', unitPrice: int(500) * 1_000, factors });
    }
  }
  return lines;
}

/** A callable gc without restarting node with --expose-gc: turn the flag on, then fetch gc from a fresh context. */
function gcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

export interface TreeBenchResult {
  lines: number;
  depth: number;
  runs: number;
  medianMs: number;
  minMs: number;
  p90Ms: number;
  retainedMb: number;
  planned: number;
}

export function benchBudgetTree(count = 10_000, runs = 30): TreeBenchResult {
  const lines = generateLines(count);
  const gc = gcFunction();
  for (let i = 0; i < 5; i++) buildBudgetTree(lines);

  const times: number[] = [];
  let tree: BudgetTree | null = null;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    tree = buildBudgetTree(lines);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);

  tree = null;
  gc();
  const before = process.memoryUsage().heapUsed;
  tree = buildBudgetTree(lines);
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  const flat = flattenTree(tree);
  return {
    lines: flat.length,
    depth: Math.max(...flat.map((n) => n.depth)),
    runs,
    medianMs: times[Math.floor(runs / 2)]!,
    minMs: times[0]!,
    p90Ms: times[Math.floor(runs * 0.9)]!,
    retainedMb: retained / 1024 / 1024,
    planned: tree.planned,
  };
}
