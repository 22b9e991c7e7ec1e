/**
 * The plan's 산출내역 table (단위: 천원): a total row first, then every line depth-first, indented,
 * formula lines with their calculation, what was spent against each line and the execution rate;
 * above it a plan-vs-actual chart whose accessible alternative is this table.
 */
import { Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense, useEffect, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { BudgetLineViewT, BudgetViewT } from '../../../src/shared/contracts/plan';
import { formulaText } from '../../../src/core/budget/budget';
import { formatThousandKrw } from '../../../src/core/budget/money';
import type { Lang } from '../../../src/core/shared/localized';
import { usePageTitle } from '../app/usePageTitle';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { useSession } from '../lib/session';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';

// The chart library is large: loaded with the budget page's data, not with every page.
const BudgetChart = lazy(() => import('./BudgetChart').then((m) => ({ default: m.BudgetChart })));

function formatRate(rate: number, lang: Lang): string {
  return `${new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 2 }).format(rate)}%`;
}

function Rate({ rate }: { rate: number | null | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (rate === null || rate === undefined) {
    return (
      <>
        <span aria-hidden="true">–</span>
        <VisuallyHidden>{t('common.notApplicable')}</VisuallyHidden>
      </>
    );
  }
  return <>{formatRate(rate, lang)}</>;
}

function LineRow({ line, withActuals }: { line: BudgetLineViewT; withActuals: boolean }) {
  const lang = useLang();
  const calculation = line.kind === 'formula' && line.unitPrice !== null && line.factors.length > 0 ? formulaText(line.unitPrice, line.factors, lang) : '';
  return (
    <tr id={`line-${line.id}`} data-line-key={line.key ?? undefined} className={`depth-${Math.min(line.depth, 3)}`}>
      <th scope="row" style={{ '--depth': line.depth } as CSSProperties}>
        {line.depth >= 2 && <span aria-hidden="true">- </span>}
        <Loc value={line.title} />
      </th>
      <td className="num">{formatThousandKrw(line.planned)}</td>
      <td>{calculation}</td>
      {withActuals && (
        <>
          <td className="num">{formatThousandKrw(line.actual ?? 0)}</td>
          <td className="num">
            <Rate rate={line.executionRate} />
          </td>
        </>
      )}
    </tr>
  );
}

/** A link such as /budget#line-<id> (from the plan page) brings its row into view once the table is there. */
function useFocusLinkedRow() {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash.startsWith('#line-')) return;
    const row = document.getElementById(hash.slice(1));
    const header = row?.querySelector<HTMLElement>('th');
    if (!row || !header) return;
    header.setAttribute('tabindex', '-1');
    header.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'center' });
  }, [hash]);
}

function BudgetTable({ budget }: { budget: BudgetViewT }) {
  const { t } = useTranslation();
  useFocusLinkedRow();
  const { withActuals } = budget;
  return (
    <div className="budget-table-wrap" role="region" aria-labelledby="budget-caption" tabIndex={0}>
      <table className="budget-table" id="budget-table">
        <caption id="budget-caption">{t('budget.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('budget.col.line')}</th>
            <th scope="col" className="num">
              {t('budget.col.amount')}
            </th>
            <th scope="col">{t('budget.col.calculation')}</th>
            {withActuals && (
              <>
                <th scope="col" className="num">
                  {t('budget.col.actual')}
                </th>
                <th scope="col" className="num">
                  {t('budget.col.rate')}
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          <tr className="total">
            <th scope="row">{t('budget.total')}</th>
            <td className="num" data-testid="budget-total">
              {formatThousandKrw(budget.planned)}
            </td>
            <td />
            {withActuals && (
              <>
                <td className="num" data-testid="budget-total-actual">
                  {formatThousandKrw(budget.actual ?? 0)}
                </td>
                <td className="num">
                  <Rate rate={budget.executionRate} />
                </td>
              </>
            )}
          </tr>
          {budget.lines.map((line) => (
            <LineRow key={line.id} line={line} withActuals={withActuals} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Downloads() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section aria-labelledby="budget-downloads">
      <Title order={2} size="h4" id="budget-downloads" mb="xs">
        {t('budget.downloads')}
      </Title>
      <Group gap="sm">
        <Button component="a" href={`/api/v1/budget/export.xlsx?lang=${lang}`} download variant="outline">
          {t('budget.downloadXlsx')}
        </Button>
        <Button component="a" href="/api/v1/budget/export.csv" download variant="outline">
          {t('budget.downloadCsv')}
        </Button>
      </Group>
    </section>
  );
}

export function BudgetPage() {
  const { t } = useTranslation();
  usePageTitle(t('budget.heading'));
  const { me } = useSession();
  const state = useApiGet<BudgetViewT>('/budget', [me?.user?.id ?? null, me?.user?.roles ?? []]);
  return (
    <Stack gap="lg">
      <Title order={1}>{t('budget.heading')}</Title>
      <LoadState state={state}>
        {(budget) => (
          <Stack gap="lg">
            <Text>{t('budget.intro', { amount: formatThousandKrw(budget.planned) })}</Text>
            {budget.withActuals && <Text>{t('budget.actualsNote')}</Text>}
            {budget.withActuals && (
              <Suspense fallback={null}>
                <BudgetChart budget={budget} tableId="budget-table" />
              </Suspense>
            )}
            <BudgetTable budget={budget} />
            <Downloads />
          </Stack>
        )}
      </LoadState>
    </Stack>
  );
}
