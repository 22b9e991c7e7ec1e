import { describe, expect, it } from 'vitest';
// The seed is pure data (no I/O); the test proves its figures against the core's arithmetic.
import { plan2019, type SeedBudgetLine } from '../../modules/administration/plan-2019.seed.js';
import { DomainError } from '../shared/domain-error.js';
import {
  buildBudgetTree,
  executionRate,
  flattenTree,
  formulaText,
  formulaWithResult,
  leafAmount,
  MAX_FACTORS,
  validateLine,
  wouldCycle,
  type BudgetLineInput,
  type BudgetNode,
  type BudgetTree,
  type Factor,
} from './budget.js';
import { MAX_KRW } from './money.js';
import { mulberry32 } from '../shared/random.js';

function refusal(fn: () => unknown): { code: string; field: string | undefined } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    return { code: e.code, field: e.field };
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** The seed's nested lines as the flat rows the database holds, with the seed keys as ids. */
function seedLines(lines: readonly SeedBudgetLine[] = plan2019.budget, parentId: string | null = null): BudgetLineInput[] {
  return lines.flatMap((l, position) => [
    { id: l.key, parentId, position, title: l.title, kind: l.kind, amount: l.amount ?? null, unitPrice: l.unitPrice ?? null, factors: l.factors ?? [] },
    ...seedLines(l.children ?? [], l.key),
  ]);
}

function nodeById(tree: BudgetTree): Map<string, BudgetNode> {
  return new Map(flattenTree(tree).map((n) => [n.id, n]));
}

const line = (id: string, parentId: string | null, kind: BudgetLineInput['kind'], extra: Partial<BudgetLineInput> = {}): BudgetLineInput => ({
  id,
  parentId,
  position: 0,
  title: { ko: id },
  kind,
  ...extra,
});

const DAY = { ko: '일', en: 'days', enOne: 'day' };
const PERSON = { ko: '명', en: 'people', enOne: 'person' };
const TIME = { ko: '회', en: 'times', enOne: 'time' };

describe('the 2019 plan’s 산출내역 table', () => {
  const tree = buildBudgetTree(seedLines());
  const byId = nodeById(tree);
  const planned = (key: string) => byId.get(key)!.planned;

  it('totals 204,000,000 won', () => {
    expect(tree.planned).toBe(204_000_000);
    expect(tree.roots.map((r) => r.id)).toEqual(['office', 'research']);
  });

  it('has every figure of section Ⅴ', () => {
    expect(planned('office')).toBe(134_000_000);
    expect(planned('pilot')).toBe(72_000_000);
    expect(planned('pilot-design')).toBe(40_000_000);
    expect(planned('field-study')).toBe(11_700_000);
    expect(planned('lecture-fees')).toBe(9_600_000);
    expect(planned('materials')).toBe(3_000_000);
    expect(planned('results-presentation')).toBe(5_000_000);
    expect(planned('publicity')).toBe(2_700_000);
    expect(planned('network')).toBe(27_000_000);
    expect(planned('overseas')).toBe(35_000_000);
    expect(planned('research')).toBe(70_000_000);
    expect(planned('research-master-plan')).toBe(70_000_000);
  });

  it('checks as the plan does: 40,000 + 11,700 + 9,600 + 3,000 + 5,000 + 2,700 = 72,000; … = 134,000; … = 204,000', () => {
    expect(byId.get('pilot')!.children.map((c) => c.planned)).toEqual([40_000_000, 11_700_000, 9_600_000, 3_000_000, 5_000_000, 2_700_000]);
    expect(byId.get('office')!.children.map((c) => c.planned)).toEqual([72_000_000, 27_000_000, 35_000_000]);
    expect(tree.roots.map((r) => r.planned)).toEqual([134_000_000, 70_000_000]);
  });

  it('makes every parent the sum of its children, at every level', () => {
    let groups = 0;
    for (const n of flattenTree(tree)) {
      if (n.kind !== 'group') continue;
      groups += 1;
      expect(n.children.length).toBeGreaterThan(0);
      expect(n.planned).toBe(n.children.reduce((s, c) => s + c.planned, 0));
    }
    expect(groups).toBe(3);
    expect(tree.planned).toBe(tree.roots.reduce((s, r) => s + r.planned, 0));
  });

  it('lists the lines depth-first in the table’s row order, with depths', () => {
    expect(flattenTree(tree).map((n) => `${n.depth}:${n.id}`)).toEqual([
      '0:office',
      '1:pilot',
      '2:pilot-design',
      '2:field-study',
      '2:lecture-fees',
      '2:materials',
      '2:results-presentation',
      '2:publicity',
      '1:network',
      '1:overseas',
      '0:research',
      '1:research-master-plan',
    ]);
  });

  it('writes each calculation as the plan does, in Korean and English', () => {
    const text = (key: string, lang: 'ko' | 'en') => formulaText(byId.get(key)!.unitPrice!, byId.get(key)!.factors, lang);
    expect(text('field-study', 'ko')).toBe('130,000원 × 3일 × 30명 × 1회');
    expect(text('field-study', 'en')).toBe('130,000 KRW × 3 days × 30 people × 1 time');
    expect(text('lecture-fees', 'ko')).toBe('300,000원 × 16일 × 2명');
    expect(text('lecture-fees', 'en')).toBe('300,000 KRW × 16 days × 2 people');
    expect(text('materials', 'en')).toBe('100,000 KRW × 30 people × 1 time');
    expect(text('results-presentation', 'en')).toBe('5,000,000 KRW × 1 time');
    expect(text('publicity', 'ko')).toBe('2,700,000원 × 1회');
    expect(text('publicity', 'en')).toBe('2,700,000 KRW × 1 time');
  });

  it('carries no spending yet', () => {
    expect(tree.actual).toBe(0);
    expect(tree.executionRate).toBe(0);
  });
});

describe('formula text', () => {
  const fieldStudy: Factor[] = [
    { value: 3, unit: DAY },
    { value: 30, unit: PERSON },
    { value: 1, unit: TIME },
  ];

  it('adds the result in thousand won', () => {
    expect(formulaWithResult(130_000, fieldStudy, 'ko')).toBe('130,000원 × 3일 × 30명 × 1회 = 11,700');
    expect(formulaWithResult(130_000, fieldStudy, 'en')).toBe('130,000 KRW × 3 days × 30 people × 1 time = 11,700');
    expect(formulaWithResult(1_234_500, [{ value: 1, unit: TIME }], 'ko')).toBe('1,234,500원 × 1회 = 1,234.5');
  });

  it('uses the English singular for exactly 1 and the plural otherwise (0 and 2 included)', () => {
    expect(formulaText(1000, [{ value: 1, unit: PERSON }], 'en')).toBe('1,000 KRW × 1 person');
    expect(formulaText(1000, [{ value: 0, unit: PERSON }], 'en')).toBe('1,000 KRW × 0 people');
    expect(formulaText(1000, [{ value: 2, unit: DAY }], 'en')).toBe('1,000 KRW × 2 days');
    expect(formulaText(1000, [{ value: 1_000, unit: PERSON }], 'en')).toBe('1,000 KRW × 1,000 people');
    expect(formulaText(1000, [{ value: 1_000, unit: PERSON }], 'ko')).toBe('1,000원 × 1,000명');
  });

  it('falls back to the plural when a unit has no singular', () => {
    expect(formulaText(500, [{ value: 1, unit: { ko: '식', en: 'sets' } }], 'en')).toBe('500 KRW × 1 sets');
    expect(formulaText(500, [{ value: 1, unit: { ko: '식', en: 'sets' } }], 'ko')).toBe('500원 × 1식');
  });

  it('is the unit price alone with no factors', () => {
    expect(formulaText(2_700_000, [], 'ko')).toBe('2,700,000원');
  });

  it('refuses a result above MAX_KRW', () => {
    expect(refusal(() => formulaWithResult(MAX_KRW, [{ value: 2, unit: TIME }], 'ko')).code).toBe('budget.too_large');
  });
});

describe('validateLine and leafAmount', () => {
  it('accepts groups with nothing, fixed lines of 0 won, formulas with a zero factor', () => {
    expect(leafAmount({ kind: 'group' })).toBe(0);
    expect(leafAmount({ kind: 'fixed', amount: 0 })).toBe(0);
    expect(leafAmount({ kind: 'formula', unitPrice: 130_000, factors: [{ value: 0, unit: DAY }] })).toBe(0);
    expect(leafAmount({ kind: 'formula', unitPrice: 0, factors: [{ value: 3, unit: DAY }] })).toBe(0);
  });

  it('computes fixed and formula amounts', () => {
    expect(leafAmount({ kind: 'fixed', amount: 40_000_000 })).toBe(40_000_000);
    expect(leafAmount({ kind: 'formula', unitPrice: 300_000, factors: [{ value: 16, unit: DAY }, { value: 2, unit: PERSON }] })).toBe(9_600_000);
  });

  it('takes amounts up to 10^13 won exactly', () => {
    expect(leafAmount({ kind: 'fixed', amount: 10 ** 13 })).toBe(10 ** 13);
    expect(leafAmount({ kind: 'fixed', amount: 9_999_999_999_999 })).toBe(9_999_999_999_999);
    expect(leafAmount({ kind: 'formula', unitPrice: 10_000_000, factors: [{ value: 1_000_000, unit: TIME }] })).toBe(10 ** 13);
  });

  it.each([
    ['a fixed line without an amount', { kind: 'fixed' as const }, 'budget.amount_required', 'amount'],
    ['a fixed line with amount null', { kind: 'fixed' as const, amount: null }, 'budget.amount_required', 'amount'],
    ['a negative amount', { kind: 'fixed' as const, amount: -1 }, 'budget.negative', 'amount'],
    ['half a won', { kind: 'fixed' as const, amount: 0.5 }, 'budget.not_integer', 'amount'],
    ['a thousandth of a won', { kind: 'fixed' as const, amount: 1e-3 }, 'budget.not_integer', 'amount'],
    ['NaN', { kind: 'fixed' as const, amount: Number.NaN }, 'budget.not_a_number', 'amount'],
    ['Infinity', { kind: 'fixed' as const, amount: Number.POSITIVE_INFINITY }, 'budget.not_a_number', 'amount'],
    ['a string amount', { kind: 'fixed' as const, amount: '1000' as unknown as number }, 'budget.not_a_number', 'amount'],
    ['an amount above MAX_KRW', { kind: 'fixed' as const, amount: MAX_KRW + 1 }, 'budget.too_large', 'amount'],
    ['a formula without a unit price', { kind: 'formula' as const, factors: [{ value: 1, unit: TIME }] }, 'budget.unit_price_required', 'unitPrice'],
    ['a negative unit price', { kind: 'formula' as const, unitPrice: -100, factors: [{ value: 1, unit: TIME }] }, 'budget.negative', 'unitPrice'],
    ['a fractional unit price', { kind: 'formula' as const, unitPrice: 99.9, factors: [{ value: 1, unit: TIME }] }, 'budget.not_integer', 'unitPrice'],
    ['a formula without factors', { kind: 'formula' as const, unitPrice: 100, factors: [] }, 'budget.factors_required', 'factors'],
    ['a formula with factors null', { kind: 'formula' as const, unitPrice: 100, factors: null }, 'budget.factors_required', 'factors'],
    [
      'more factors than MAX_FACTORS',
      { kind: 'formula' as const, unitPrice: 1, factors: Array.from({ length: MAX_FACTORS + 1 }, () => ({ value: 1, unit: TIME })) },
      'budget.too_many_factors',
      'factors',
    ],
    ['a negative factor', { kind: 'formula' as const, unitPrice: 100, factors: [{ value: 2, unit: DAY }, { value: -3, unit: PERSON }] }, 'budget.negative', 'factors.1.value'],
    ['a fractional factor', { kind: 'formula' as const, unitPrice: 100, factors: [{ value: 0.5, unit: DAY }] }, 'budget.not_integer', 'factors.0.value'],
    ['a NaN factor', { kind: 'formula' as const, unitPrice: 100, factors: [{ value: Number.NaN, unit: DAY }] }, 'budget.not_a_number', 'factors.0.value'],
    ['an infinite factor', { kind: 'formula' as const, unitPrice: 100, factors: [{ value: Number.POSITIVE_INFINITY, unit: DAY }] }, 'budget.not_a_number', 'factors.0.value'],
    ['a string factor', { kind: 'formula' as const, unitPrice: 100, factors: [{ value: '3' as unknown as number, unit: DAY }] }, 'budget.not_a_number', 'factors.0.value'],
    ['a factor above a million', { kind: 'formula' as const, unitPrice: 100, factors: [{ value: 1_000_001, unit: DAY }] }, 'budget.factor_too_large', 'factors.0.value'],
    [
      'a product above MAX_KRW',
      { kind: 'formula' as const, unitPrice: 10_000_000, factors: [{ value: 1_000_000, unit: DAY }, { value: 1_000, unit: PERSON }] },
      'budget.too_large',
      'factors',
    ],
    ['an unknown kind', { kind: 'bonus' as unknown as 'fixed', amount: 1 }, 'budget.unknown_kind', 'kind'],
  ])('refuses %s', (_label, input, code, field) => {
    expect(refusal(() => validateLine(input))).toEqual({ code, field });
    expect(refusal(() => leafAmount(input)).code).toBe(code);
  });
});

describe('buildBudgetTree', () => {
  it('is empty and zero with no lines', () => {
    const tree = buildBudgetTree([]);
    expect(tree).toEqual({ roots: [], planned: 0, actual: 0, executionRate: null });
    expect(flattenTree(tree)).toEqual([]);
  });

  it('gives an empty group 0 won and no execution rate', () => {
    const tree = buildBudgetTree([line('g', null, 'group'), line('empty', 'g', 'group'), line('zero', 'g', 'fixed', { amount: 0, position: 1 })]);
    const byId = nodeById(tree);
    expect(byId.get('empty')!.planned).toBe(0);
    expect(byId.get('empty')!.executionRate).toBeNull();
    expect(byId.get('zero')!.planned).toBe(0);
    expect(tree.planned).toBe(0);
    expect(tree.executionRate).toBeNull();
  });

  it('ignores stale amounts on groups and keeps only a formula line’s own fields', () => {
    const tree = buildBudgetTree([
      line('g', null, 'group', { amount: 999, unitPrice: 5, factors: [{ value: 2, unit: DAY }] }),
      line('f', 'g', 'fixed', { amount: 1_000, unitPrice: 7, factors: [{ value: 3, unit: DAY }] }),
      line('x', 'g', 'formula', { position: 1, amount: 123, unitPrice: 10, factors: [{ value: 3, unit: DAY }] }),
    ]);
    const byId = nodeById(tree);
    expect(byId.get('g')!.planned).toBe(1_030);
    expect(byId.get('g')!.unitPrice).toBeNull();
    expect(byId.get('f')!).toMatchObject({ unitPrice: null, factors: [] });
    expect(byId.get('x')!).toMatchObject({ planned: 30, unitPrice: 10, factors: [{ value: 3, unit: DAY }] });
  });

  it('orders siblings by position, then by id, whatever the input order', () => {
    const tree = buildBudgetTree([
      line('c', null, 'fixed', { position: 2, amount: 3 }),
      line('b2', null, 'fixed', { position: 1, amount: 2 }),
      line('a', null, 'fixed', { position: 0, amount: 1 }),
      line('b1', null, 'fixed', { position: 1, amount: 2 }),
    ]);
    expect(tree.roots.map((r) => r.id)).toEqual(['a', 'b1', 'b2', 'c']);
  });

  it('sums amounts up to 10^13 won exactly, several at a time', () => {
    const big = [10 ** 13, 9_999_999_999_999, 7_777_777_777_777, 3, 10 ** 13];
    const lines = [line('g', null, 'group'), ...big.map((amount, i) => line(`l${i}`, 'g', 'fixed', { amount, position: i }))];
    lines.push(line('h', null, 'group', { position: 1 }), line('m', 'h', 'formula', { unitPrice: 10_000_000, factors: [{ value: 1_000_000, unit: TIME }] }));
    const tree = buildBudgetTree(lines);
    const expected = big.reduce((s, v) => s + BigInt(v), 0n);
    expect(BigInt(tree.roots[0]!.planned)).toBe(expected);
    expect(BigInt(tree.planned)).toBe(expected + 10n ** 13n);
  });

  it('refuses a tree whose total would pass MAX_KRW', () => {
    const lines = [line('a', null, 'fixed', { amount: 6 * 10 ** 14 }), line('b', null, 'fixed', { amount: 6 * 10 ** 14, position: 1 })];
    expect(refusal(() => buildBudgetTree(lines)).code).toBe('budget.too_large');
    const nested = [line('g', null, 'group'), line('a', 'g', 'fixed', { amount: MAX_KRW }), line('b', 'g', 'fixed', { amount: 1, position: 1 })];
    expect(refusal(() => buildBudgetTree(nested)).code).toBe('budget.too_large');
  });

  it('refuses a bad leaf anywhere in the tree', () => {
    const lines = [line('g', null, 'group'), line('bad', 'g', 'fixed', { amount: -5 })];
    expect(refusal(() => buildBudgetTree(lines))).toEqual({ code: 'budget.negative', field: 'amount' });
  });

  it('refuses a dangling parent', () => {
    expect(refusal(() => buildBudgetTree([line('a', 'ghost', 'fixed', { amount: 1 })]))).toEqual({ code: 'budget.parent_not_found', field: 'parentId' });
  });

  it('refuses a duplicate id', () => {
    expect(refusal(() => buildBudgetTree([line('a', null, 'fixed', { amount: 1 }), line('a', null, 'fixed', { amount: 2 })])).code).toBe('budget.duplicate_line');
  });

  it('refuses cycles, of one line or of several, beside a valid tree', () => {
    expect(refusal(() => buildBudgetTree([line('a', 'a', 'group')])).code).toBe('budget.cycle');
    const loop = [line('root', null, 'fixed', { amount: 1 }), line('a', 'c', 'group'), line('b', 'a', 'group'), line('c', 'b', 'group')];
    expect(refusal(() => buildBudgetTree(loop)).code).toBe('budget.cycle');
  });

  it('refuses children under a fixed or formula line', () => {
    const underFixed = [line('f', null, 'fixed', { amount: 1_000 }), line('kid', 'f', 'fixed', { amount: 1 })];
    expect(refusal(() => buildBudgetTree(underFixed))).toEqual({ code: 'budget.parent_not_group', field: 'parentId' });
    const underFormula = [line('x', null, 'formula', { unitPrice: 1, factors: [{ value: 1, unit: TIME }] }), line('kid', 'x', 'group')];
    expect(refusal(() => buildBudgetTree(underFormula)).code).toBe('budget.parent_not_group');
  });

  it('rolls spending up to parents and the total, with execution rates', () => {
    const lines = seedLines().map((l) => (l.id === 'lecture-fees' ? { ...l, spent: 4_800_000 } : l.id === 'pilot' ? { ...l, spent: 200_000 } : l));
    const tree = buildBudgetTree(lines);
    const byId = nodeById(tree);
    expect(byId.get('lecture-fees')!).toMatchObject({ actual: 4_800_000, executionRate: 50 });
    expect(byId.get('pilot')!).toMatchObject({ actual: 5_000_000, executionRate: 6.94 });
    expect(byId.get('office')!.actual).toBe(5_000_000);
    expect(byId.get('research')!).toMatchObject({ actual: 0, executionRate: 0 });
    expect(tree.actual).toBe(5_000_000);
    expect(tree.executionRate).toBe(2.45);
  });

  it('refuses bad spending', () => {
    expect(refusal(() => buildBudgetTree([line('a', null, 'fixed', { amount: 1, spent: -1 })]))).toEqual({ code: 'budget.negative', field: 'actual' });
    expect(refusal(() => buildBudgetTree([line('a', null, 'fixed', { amount: 1, spent: 0.5 })])).code).toBe('budget.not_integer');
  });
});

describe('executionRate', () => {
  it('is null when nothing is planned', () => {
    expect(executionRate(0, 0)).toBeNull();
    expect(executionRate(5_000, 0)).toBeNull();
  });

  it('is a percentage rounded half up to two decimals', () => {
    expect(executionRate(4_800_000, 9_600_000)).toBe(50);
    expect(executionRate(0, 9_600_000)).toBe(0);
    expect(executionRate(9_600_000, 9_600_000)).toBe(100);
    expect(executionRate(15, 10)).toBe(150);
    expect(executionRate(1, 3)).toBe(33.33);
    expect(executionRate(2, 3)).toBe(66.67);
    expect(executionRate(1, 8)).toBe(12.5);
    // 0.005 % rounds up to 0.01, 0.00499… % down to 0.
    expect(executionRate(1, 20_000)).toBe(0.01);
    expect(executionRate(1, 20_001)).toBe(0);
  });

  it('stays exact for amounts near MAX_KRW', () => {
    expect(executionRate(MAX_KRW / 2, MAX_KRW)).toBe(50);
    expect(executionRate(MAX_KRW - 1, MAX_KRW)).toBe(100);
  });
});

describe('wouldCycle', () => {
  const rows = [
    { id: 'office', parentId: null },
    { id: 'pilot', parentId: 'office' },
    { id: 'fees', parentId: 'pilot' },
    { id: 'research', parentId: null },
  ];

  it('sees a move under itself or a descendant', () => {
    expect(wouldCycle(rows, 'office', 'office')).toBe(true);
    expect(wouldCycle(rows, 'office', 'pilot')).toBe(true);
    expect(wouldCycle(rows, 'office', 'fees')).toBe(true);
    expect(wouldCycle(rows, 'pilot', 'fees')).toBe(true);
  });

  it('allows a move to the root, a sibling branch or an ancestor', () => {
    expect(wouldCycle(rows, 'pilot', null)).toBe(false);
    expect(wouldCycle(rows, 'pilot', 'research')).toBe(false);
    expect(wouldCycle(rows, 'fees', 'office')).toBe(false);
  });

  it('terminates on rows that already loop', () => {
    expect(wouldCycle([{ id: 'a', parentId: 'b' }, { id: 'b', parentId: 'a' }], 'x', 'a')).toBe(true);
  });
});

// ---------- property check against a BigInt reference ----------

const prng = mulberry32;

function randomTree(seed: number): BudgetLineInput[] {
  const rand = prng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const n = 1 + int(120);
  const lines: BudgetLineInput[] = [];
  const groups: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `n${i}`;
    // Parents are earlier groups (or the root), so the result is a forest by construction.
    const parentId = groups.length > 0 && rand() < 0.8 ? groups[int(groups.length - 1)]! : null;
    const r = rand();
    const spent = rand() < 0.3 ? int(10 ** 9) : 0;
    const base = { id, parentId, position: int(5), title: { ko: id }, spent };
    if (r < 0.3) {
      groups.push(id);
      lines.push({ ...base, kind: 'group' });
    } else if (r < 0.65) {
      // Mixes small amounts with ones near 10^12 so float sums would lose digits.
      lines.push({ ...base, kind: 'fixed', amount: rand() < 0.5 ? int(10 ** 6) : int(10 ** 12) });
    } else {
      const factors = Array.from({ length: 1 + int(2) }, () => ({ value: int(100), unit: DAY }));
      lines.push({ ...base, kind: 'formula', unitPrice: int(10 ** 6), factors });
    }
  }
  // Shuffle (Fisher–Yates): the tree must not depend on the input order.
  for (let i = lines.length - 1; i > 0; i--) {
    const j = int(i);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return lines;
}

function reference(lines: BudgetLineInput[]): { planned: Map<string, bigint>; actual: Map<string, bigint>; total: bigint; totalActual: bigint } {
  const planned = new Map<string, bigint>();
  const actual = new Map<string, bigint>();
  const kids = (id: string | null) => lines.filter((l) => l.parentId === id);
  const visit = (l: BudgetLineInput): void => {
    kids(l.id).forEach(visit);
    let p: bigint;
    if (l.kind === 'group') p = kids(l.id).reduce((s, k) => s + planned.get(k.id)!, 0n);
    else if (l.kind === 'fixed') p = BigInt(l.amount!);
    else p = (l.factors ?? []).reduce((s, f) => s * BigInt(f.value), BigInt(l.unitPrice!));
    planned.set(l.id, p);
    actual.set(l.id, kids(l.id).reduce((s, k) => s + actual.get(k.id)!, BigInt(l.spent ?? 0)));
  };
  const roots = kids(null);
  roots.forEach(visit);
  return {
    planned,
    actual,
    total: roots.reduce((s, r) => s + planned.get(r.id)!, 0n),
    totalActual: roots.reduce((s, r) => s + actual.get(r.id)!, 0n),
  };
}

describe('random trees (seeded) agree with a BigInt reference', () => {
  const seeds = Array.from({ length: 200 }, (_, i) => 0x0c0ffee + i * 7919);

  it('generates deep, wide and large trees (so the checks below mean something)', () => {
    const trees = seeds.map((s) => buildBudgetTree(randomTree(s)));
    const depths = trees.map((t) => Math.max(0, ...flattenTree(t).map((n) => n.depth)));
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...trees.map((t) => t.roots.length))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...trees.map((t) => t.planned))).toBeGreaterThan(10 ** 13);
    expect(trees.some((t) => t.actual > 0)).toBe(true);
  });

  it.each(seeds.map((s) => [s]))('seed %i', (seed) => {
    const lines = randomTree(seed);
    const tree = buildBudgetTree(lines);
    const ref = reference(lines);
    const flat = flattenTree(tree);

    expect(flat).toHaveLength(lines.length);
    expect(BigInt(tree.planned)).toBe(ref.total);
    expect(BigInt(tree.actual)).toBe(ref.totalActual);
    expect(BigInt(tree.planned)).toBe(tree.roots.reduce((s, r) => s + BigInt(r.planned), 0n));
    for (const n of flat) {
      expect(BigInt(n.planned)).toBe(ref.planned.get(n.id));
      expect(BigInt(n.actual)).toBe(ref.actual.get(n.id));
      if (n.kind === 'group') expect(BigInt(n.planned)).toBe(n.children.reduce((s, c) => s + BigInt(c.planned), 0n));
      // Siblings come in position order and sit one level below their parent.
      for (let i = 1; i < n.children.length; i++) expect(n.children[i - 1]!.position).toBeLessThanOrEqual(n.children[i]!.position);
      for (const c of n.children) expect(c.depth).toBe(n.depth + 1);
      if (n.planned === 0) expect(n.executionRate).toBeNull();
      else expect(Math.abs(n.executionRate! - (n.actual / n.planned) * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
});
