/** The budget as CSV (UTF-8 with BOM so Excel shows Korean), one row per line in table order. */
import { formulaText } from '../../core/budget/budget.js';
import { formatThousandKrw } from '../../core/budget/money.js';
import { csvText } from '../../platform/export/csv.js';
import type { BudgetViewT } from '../../shared/contracts/plan.js';

export function budgetCsv(view: BudgetViewT): string {
  const header = ['level', 'line_ko', 'line_en', 'planned_thousand_krw', 'planned_krw', 'calculation_ko', 'calculation_en'];
  if (view.withActuals) header.push('actual_krw', 'execution_rate_percent');
  const rows: string[][] = [header];
  const total = ['0', '계', 'Total', formatThousandKrw(view.planned), String(view.planned), '', ''];
  if (view.withActuals) total.push(String(view.actual ?? 0), view.executionRate == null ? '' : String(view.executionRate));
  rows.push(total);
  for (const l of view.lines) {
    const calcKo = l.kind === 'formula' && l.unitPrice !== null ? formulaText(l.unitPrice, l.factors, 'ko') : '';
    const calcEn = l.kind === 'formula' && l.unitPrice !== null ? formulaText(l.unitPrice, l.factors, 'en') : '';
    const row = [String(l.depth + 1), l.title.ko, l.title.en ?? '', formatThousandKrw(l.planned), String(l.planned), calcKo, calcEn];
    if (view.withActuals) row.push(String(l.actual ?? 0), l.executionRate == null ? '' : String(l.executionRate));
    rows.push(row);
  }
  return csvText(rows);
}
