/**
 * Plan vs actual for the budget's categories (the lines directly under the two top groups), drawn
 * with @mantine/charts. The picture is not the only way in: a written summary comes first and the
 * chart points at the full table (aria-describedby), which lists every line with the same numbers.
 */
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { BudgetViewT } from '../../../src/shared/contracts/plan';
import { formatThousandKrw } from '../../../src/core/budget/money';
import { pickText } from '../../../src/core/shared/localized';
import { useLang } from '../lib/text';

export function BudgetChart({ budget, tableId }: { budget: BudgetViewT; tableId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const narrow = useMediaQuery('(max-width: 40em)');
  const depth1 = budget.lines.filter((l) => l.depth === 1);
  const shown = depth1.length > 0 ? depth1 : budget.lines.filter((l) => l.depth === 0);
  const planned = t('budget.chart.planned');
  const actual = t('budget.chart.actual');
  const data = shown.map((l) => ({ line: pickText(l.title, lang).text, [planned]: l.planned / 1000, [actual]: (l.actual ?? 0) / 1000 }));
  const rate = budget.executionRate == null ? t('common.notApplicable') : `${new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 2 }).format(budget.executionRate)}%`;
  const summary = t('budget.chart.summary', { planned: formatThousandKrw(budget.planned), actual: formatThousandKrw(budget.actual ?? 0), rate, count: shown.length });
  return (
    <figure className="budget-chart" aria-labelledby="budget-chart-title" style={{ margin: 0 }}>
      <Title order={2} size="h4" id="budget-chart-title" mb="xs">
        {t('budget.chart.title')}
      </Title>
      <Text id="budget-chart-summary" mb="sm">
        {summary}
      </Text>
      <div role="img" aria-label={t('budget.chart.title')} aria-describedby={`budget-chart-summary ${tableId}`} data-testid="budget-chart">
        <BarChart
          h={Math.max(220, shown.length * (narrow ? 110 : 70))}
          data={data}
          dataKey="line"
          orientation="vertical"
          withLegend
          legendProps={{ verticalAlign: 'top' }}
          valueFormatter={(v) => formatThousandKrw(v * 1000)}
          yAxisProps={{ width: narrow ? 100 : 170 }}
          series={[
            { name: planned, color: 'blue.8' },
            { name: actual, color: 'orange.9' },
          ]}
        />
      </div>
    </figure>
  );
}
