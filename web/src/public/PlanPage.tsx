/** The whole plan as published: its source, background, vision, pillars, work packages and milestones. */
import { Anchor, Card, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanViewT, WorkPackageViewT } from '../../../src/shared/contracts/plan';
import { formatThousandKrw } from '../../../src/core/budget/money';
import { usePageTitle } from '../app/usePageTitle';
import { LoadState } from '../lib/LoadState';
import { Loc } from '../lib/Localized';
import { formatPeriod, formatPlanDate } from '../lib/period';
import { scriptLang, useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';

function Facts({ items }: { items: { term: string; value: ReactNode }[] }) {
  return (
    <dl className="facts">
      {items.map((item) => (
        <div key={item.term}>
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} id={id} mb="sm">
        {title}
      </Title>
      {children}
    </section>
  );
}

function WorkPackage({ wp }: { wp: WorkPackageViewT }) {
  const { t } = useTranslation();
  const lang = useLang();
  const headingId = `wp-${wp.id}`;
  const hasText = (v: { ko: string; en?: string | undefined } | null) => v !== null && (v.ko.trim() !== '' || (v.en ?? '').trim() !== '');
  const facts: { term: string; value: ReactNode }[] = [{ term: t('plan.wp.period'), value: formatPeriod(wp.start, wp.end, lang) }];
  if (hasText(wp.operator)) facts.push({ term: t('plan.wp.operator'), value: <Loc value={wp.operator} /> });
  if (hasText(wp.place)) facts.push({ term: t('plan.wp.place'), value: <Loc value={wp.place} /> });
  facts.push({
    term: t('plan.wp.budget'),
    value:
      wp.budget !== null && wp.budgetLineId !== null ? (
        <>
          {t('common.thousandKrw', { amount: formatThousandKrw(wp.budget) })}{' '}
          <Anchor component={Link} to={`/budget#line-${wp.budgetLineId}`} className="inline-link">
            {t('plan.wp.budgetLink', { code: wp.code })}
          </Anchor>
        </>
      ) : (
        t('plan.wp.noBudget')
      ),
  });
  return (
    <Card component="article" withBorder padding="md" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId} mb="sm">
        {t('plan.wp.heading', { code: wp.code })} <Loc value={wp.title} />
      </Title>
      <Facts items={facts} />
      {wp.tasks.length > 0 && (
        <>
          <Title order={4} size="h5" mt="sm" mb="xs">
            {t('plan.wp.tasks')}
          </Title>
          <List spacing={4} size="sm">
            {wp.tasks.map((task, i) => (
              <List.Item key={i}>
                <Loc value={task} />
              </List.Item>
            ))}
          </List>
        </>
      )}
      {hasText(wp.note) && (
        <Text size="sm" mt="sm">
          <strong>{t('plan.wp.note')}</strong> <Loc value={wp.note} />
        </Text>
      )}
    </Card>
  );
}

function PlanContent({ plan }: { plan: PlanViewT }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sections = [
    { id: 'plan-source', title: t('plan.source.heading') },
    { id: 'plan-purpose', title: t('plan.purpose') },
    { id: 'plan-background', title: t('plan.background') },
    { id: 'plan-vision', title: t('plan.visionDirection') },
    { id: 'plan-pillars', title: t('plan.pillars') },
    { id: 'plan-work-packages', title: t('plan.workPackages') },
    { id: 'plan-milestones', title: t('plan.milestones') },
  ] as const;
  const title = (id: (typeof sections)[number]['id']) => sections.find((s) => s.id === id)!.title;
  return (
    <Stack gap="xl">
      <Text size="lg" fw={700} c="campus.8">
        <Loc value={plan.title} />
      </Text>

      <nav aria-labelledby="plan-toc">
        <Title order={2} size="h4" id="plan-toc" mb="xs">
          {t('plan.toc')}
        </Title>
        <List type="ordered" spacing={2}>
          {sections.map((s) => (
            <List.Item key={s.id}>
              <Anchor href={`#${s.id}`} className="inline-link">
                {s.title}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </nav>

      <Section id="plan-source" title={title('plan-source')}>
        <Facts
          items={[
            { term: t('plan.source.documentNumber'), value: <span lang={scriptLang(plan.source.documentNumber, lang)}>{plan.source.documentNumber}</span> },
            { term: t('plan.source.approvedOn'), value: formatPlanDate(plan.source.approvedOn, lang) },
            { term: t('plan.source.department'), value: <Loc value={plan.source.department} /> },
            { term: t('plan.source.disclosure'), value: <Loc value={plan.source.disclosure} /> },
            { term: t('plan.source.licence'), value: plan.source.licence },
          ]}
        />
      </Section>

      <Section id="plan-purpose" title={title('plan-purpose')}>
        <Text>
          <Loc value={plan.purpose} />
        </Text>
      </Section>

      <Section id="plan-background" title={title('plan-background')}>
        <List spacing="xs">
          {plan.background.map((b, i) => (
            <List.Item key={i}>
              <Loc value={b} />
            </List.Item>
          ))}
        </List>
      </Section>

      <Section id="plan-vision" title={title('plan-vision')}>
        <Facts
          items={[
            { term: t('plan.vision'), value: <Loc value={plan.vision} /> },
            {
              term: t('plan.goals'),
              value: (
                <List type="ordered" spacing={2}>
                  {plan.goals.map((g, i) => (
                    <List.Item key={i}>
                      <Loc value={g} />
                    </List.Item>
                  ))}
                </List>
              ),
            },
            { term: t('plan.direction'), value: <Loc value={plan.direction} /> },
          ]}
        />
      </Section>

      <Section id="plan-pillars" title={title('plan-pillars')}>
        <Stack gap="md">
          {plan.pillars.map((p) => (
            <div key={p.key}>
              <Title order={3} size="h4" mb={4}>
                <Loc value={p.title} />
              </Title>
              <List spacing={2}>
                {p.points.map((point, i) => (
                  <List.Item key={i}>
                    <Loc value={point} />
                  </List.Item>
                ))}
              </List>
            </div>
          ))}
        </Stack>
      </Section>

      <Section id="plan-work-packages" title={title('plan-work-packages')}>
        <Stack gap="md">
          {plan.workPackages.length === 0 ? <Text>{t('plan.wp.none')}</Text> : plan.workPackages.map((wp) => <WorkPackage key={wp.id} wp={wp} />)}
        </Stack>
        <Text mt="sm">{t('plan.budgetTotal', { amount: formatThousandKrw(plan.budgetTotal) })}</Text>
      </Section>

      <Section id="plan-milestones" title={title('plan-milestones')}>
        {plan.milestones.length === 0 ? (
          <Text>{t('schedule.empty')}</Text>
        ) : (
          <List type="ordered" spacing="xs">
            {plan.milestones.map((m) => (
              <List.Item key={m.id}>
                <strong>{formatPeriod(m.start, m.end, lang)}</strong>: <Loc value={m.title} />
              </List.Item>
            ))}
          </List>
        )}
        <Anchor component={Link} to="/schedule" className="inline-link" mt="sm" display="inline-block">
          {t('plan.scheduleLink')}
        </Anchor>
      </Section>
    </Stack>
  );
}

export function PlanPage() {
  const { t } = useTranslation();
  usePageTitle(t('plan.heading'));
  const state = useApiGet<PlanViewT>('/plan');
  return (
    <Stack gap="lg">
      <Title order={1}>{t('plan.heading')}</Title>
      <LoadState state={state}>{(plan) => <PlanContent plan={plan} />}</LoadState>
    </Stack>
  );
}
