import { DomainError } from '../shared/domain-error.js';
import type { Lang, LocalizedText } from '../shared/localized.js';
import { assertKrw, formatThousandKrw, groupDigits, multiplyKrw, sumKrw } from './money.js';

/**
 * A budget line, as the plan's 산출내역 table has them:
 * - `group`: a heading whose amount is the sum of its children (사무관리비 = 134,000);
 * - `fixed`: an amount given as is (시범과정 기획 및 설계 40,000);
 * - `formula`: a unit price times named factors (130,000원 × 3일 × 30명 × 1회 = 11,700).
 * Amounts are integer won; the display unit (천원) is a presentation concern.
 */
export type BudgetLineKind = 'group' | 'fixed' | 'formula';

/** The unit of a factor in both languages: 일/day/days, 명/person/people, 회/time/times. */
export interface UnitLabel {
  ko: string;
  /** English plural ("days"). */
  en: string;
  /** English singular ("day"), used when the value is 1. */
  enOne?: string | undefined;
}

export interface Factor {
  value: number;
  unit: UnitLabel;
}

export interface BudgetLineInput {
  id: string;
  parentId: string | null;
  position: number;
  title: LocalizedText;
  kind: BudgetLineKind;
  /** Won; only for `fixed`. */
  amount?: number | null | undefined;
  /** Won; only for `formula`. */
  unitPrice?: number | null | undefined;
  factors?: readonly Factor[] | null | undefined;
  /** Actual spending recorded on this line itself (won). */
  spent?: number | undefined;
}

export interface BudgetNode {
  id: string;
  parentId: string | null;
  position: number;
  depth: number;
  title: LocalizedText;
  kind: BudgetLineKind;
  unitPrice: number | null;
  factors: Factor[];
  /** Planned amount in won: the fixed amount, the formula's product, or the children's sum. */
  planned: number;
  /** Actual spending in won: its own spending plus its children's. */
  actual: number;
  /** actual ÷ planned in percent with two decimals, or null when nothing is planned. */
  executionRate: number | null;
  children: BudgetNode[];
}

export interface BudgetTree {
  roots: BudgetNode[];
  planned: number;
  actual: number;
  executionRate: number | null;
}

export const MAX_FACTORS = 6;
export const MAX_FACTOR_VALUE = 1_000_000;

/** Checks one line's own numbers; throws a DomainError naming the field. */
export function validateLine(line: Pick<BudgetLineInput, 'kind' | 'amount' | 'unitPrice' | 'factors'>): void {
  switch (line.kind) {
    case 'group':
      return;
    case 'fixed':
      if (line.amount === null || line.amount === undefined) throw new DomainError('budget.amount_required', {}, 'amount');
      assertKrw(line.amount, 'amount');
      return;
    case 'formula': {
      if (line.unitPrice === null || line.unitPrice === undefined) {
        throw new DomainError('budget.unit_price_required', {}, 'unitPrice');
      }
      assertKrw(line.unitPrice, 'unitPrice');
      const factors = line.factors ?? [];
      if (factors.length === 0) throw new DomainError('budget.factors_required', {}, 'factors');
      if (factors.length > MAX_FACTORS) throw new DomainError('budget.too_many_factors', { max: MAX_FACTORS }, 'factors');
      factors.forEach((f, i) => {
        const field = `factors.${i}.value`;
        if (typeof f.value !== 'number' || !Number.isFinite(f.value)) throw new DomainError('budget.not_a_number', {}, field);
        if (!Number.isInteger(f.value)) throw new DomainError('budget.not_integer', {}, field);
        if (f.value < 0) throw new DomainError('budget.negative', {}, field);
        if (f.value > MAX_FACTOR_VALUE) throw new DomainError('budget.factor_too_large', { max: MAX_FACTOR_VALUE }, field);
      });
      multiplyKrw(line.unitPrice, factors.map((f) => f.value));
      return;
    }
    default: {
      const never: never = line.kind;
      throw new DomainError('budget.unknown_kind', { kind: String(never) }, 'kind');
    }
  }
}

/** Planned amount of a leaf line in won. */
export function leafAmount(line: Pick<BudgetLineInput, 'kind' | 'amount' | 'unitPrice' | 'factors'>): number {
  validateLine(line);
  if (line.kind === 'fixed') return line.amount as number;
  if (line.kind === 'formula') return multiplyKrw(line.unitPrice as number, (line.factors ?? []).map((f) => f.value));
  return 0;
}

/** actual ÷ planned as a percentage with two decimals, computed on integers; null when planned is 0. */
export function executionRate(actual: number, planned: number): number | null {
  if (planned === 0) return null;
  const basisPoints = (BigInt(actual) * 10000n + BigInt(planned) / 2n) / BigInt(planned);
  return Number(basisPoints) / 100;
}

/**
 * Builds the budget tree from flat lines: orders siblings by position, sums every group from its
 * children (the plan's checks: 40,000 + 11,700 + … = 72,000), and rolls spending up the same way.
 * Rejects cycles, dangling parents and amounts on lines that have children.
 */
export function buildBudgetTree(lines: readonly BudgetLineInput[]): BudgetTree {
  const byId = new Map<string, BudgetLineInput>();
  for (const line of lines) {
    if (byId.has(line.id)) throw new DomainError('budget.duplicate_line', { id: line.id });
    byId.set(line.id, line);
  }
  const childrenOf = new Map<string | null, BudgetLineInput[]>();
  for (const line of lines) {
    if (line.parentId !== null && !byId.has(line.parentId)) {
      throw new DomainError('budget.parent_not_found', { id: line.id }, 'parentId');
    }
    const list = childrenOf.get(line.parentId) ?? [];
    list.push(line);
    childrenOf.set(line.parentId, list);
  }
  for (const list of childrenOf.values()) list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));

  const visiting = new Set<string>();
  const build = (line: BudgetLineInput, depth: number): BudgetNode => {
    if (visiting.has(line.id)) throw new DomainError('budget.cycle', { id: line.id }, 'parentId');
    visiting.add(line.id);
    const kids = childrenOf.get(line.id) ?? [];
    if (kids.length > 0 && line.kind !== 'group') throw new DomainError('budget.parent_not_group', { id: line.id }, 'parentId');
    const children = kids.map((k) => build(k, depth + 1));
    visiting.delete(line.id);
    const spent = line.spent ?? 0;
    assertKrw(spent, 'actual');
    const planned = line.kind === 'group' ? sumKrw(children.map((c) => c.planned)) : leafAmount(line);
    const actual = sumKrw([spent, ...children.map((c) => c.actual)], 'actual');
    return {
      id: line.id,
      parentId: line.parentId,
      position: line.position,
      depth,
      title: line.title,
      kind: line.kind,
      unitPrice: line.kind === 'formula' ? (line.unitPrice ?? null) : null,
      factors: line.kind === 'formula' ? [...(line.factors ?? [])] : [],
      planned,
      actual,
      executionRate: executionRate(actual, planned),
      children,
    };
  };
  const roots = (childrenOf.get(null) ?? []).map((r) => build(r, 0));
  // Lines never reached from a root sit on a cycle (a → b → a).
  let reached = 0;
  const count = (n: BudgetNode): void => {
    reached += 1;
    n.children.forEach(count);
  };
  roots.forEach(count);
  if (reached !== lines.length) throw new DomainError('budget.cycle', {});
  const planned = sumKrw(roots.map((r) => r.planned));
  const actual = sumKrw(roots.map((r) => r.actual), 'actual');
  return { roots, planned, actual, executionRate: executionRate(actual, planned) };
}

/** Depth-first list of the tree, in display order (the 산출내역 table's row order). */
export function flattenTree(tree: BudgetTree): BudgetNode[] {
  const out: BudgetNode[] = [];
  const walk = (n: BudgetNode): void => {
    out.push(n);
    n.children.forEach(walk);
  };
  tree.roots.forEach(walk);
  return out;
}

/** Would making `parentId` the parent of `lineId` create a cycle? */
export function wouldCycle(lines: readonly Pick<BudgetLineInput, 'id' | 'parentId'>[], lineId: string, parentId: string | null): boolean {
  const parentOf = new Map(lines.map((l) => [l.id, l.parentId] as const));
  let cursor = parentId;
  const seen = new Set<string>();
  while (cursor !== null && cursor !== undefined) {
    if (cursor === lineId) return true;
    if (seen.has(cursor)) return true;
    seen.add(cursor);
    cursor = parentOf.get(cursor) ?? null;
  }
  return false;
}

function unitText(unit: UnitLabel, value: number, lang: Lang): string {
  if (lang === 'ko') return unit.ko;
  return value === 1 ? (unit.enOne ?? unit.en) : unit.en;
}

/** "130,000원 × 3일 × 30명 × 1회" / "130,000 KRW × 3 days × 30 people × 1 time". */
export function formulaText(unitPrice: number, factors: readonly Factor[], lang: Lang): string {
  const price = lang === 'ko' ? `${groupDigits(unitPrice)}원` : `${groupDigits(unitPrice)} KRW`;
  const parts = factors.map((f) => {
    const unit = unitText(f.unit, f.value, lang);
    return lang === 'ko' ? `${groupDigits(f.value)}${unit}` : `${groupDigits(f.value)} ${unit}`;
  });
  return [price, ...parts].join(' × ');
}

/** The formula with its result in thousand won: "130,000원 × 3일 × 30명 × 1회 = 11,700". */
export function formulaWithResult(unitPrice: number, factors: readonly Factor[], lang: Lang): string {
  const total = multiplyKrw(unitPrice, factors.map((f) => f.value));
  return `${formulaText(unitPrice, factors, lang)} = ${formatThousandKrw(total)}`;
}
