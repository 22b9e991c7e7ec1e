/**
 * /data: the open datasets a city can republish. Each with what it holds, its licence (linked), when
 * its data last changed and a download per format; above them the licence and how to credit it,
 * and the DCAT-AP catalogue for open-data portals to harvest. Downloads use the site's own address
 * (relative links), so they work whatever PUBLIC_URL the catalogue's absolute addresses use.
 */
import { Anchor, Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OpenDataIndexT, OpenTextT } from '../../../src/shared/contracts/open-data';
import { usePageTitle } from '../app/usePageTitle';
import { formatDateTime, formatNumber } from '../lib/format';
import { LoadState } from '../lib/LoadState';
import { Loc, useLocText } from '../lib/Localized';
import { useLang } from '../lib/text';
import { useApiGet } from '../lib/useApiGet';

/** The API's `en: null` (never written) as the web app's bilingual text (English absent). */
const loc = (t: OpenTextT) => ({ ko: t.ko, ...(t.en ? { en: t.en } : {}) });

/** The download address on this site: the path of the catalogue's absolute URL. */
const sitePath = (url: string) => new URL(url).pathname;

function Dataset({ d, licence }: { d: OpenDataIndexT['datasets'][number]; licence: OpenDataIndexT['licence'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const text = useLocText();
  const headingId = `dataset-${d.id}`;
  return (
    <section aria-labelledby={headingId} className="open-dataset" data-dataset={d.id}>
      <Title order={2} size="h3" id={headingId} mb="xs">
        <Loc value={loc(d.title)} />
      </Title>
      <Text mb="sm">
        <Loc value={loc(d.description)} />
      </Text>
      <dl className="open-dataset-facts">
        <dt>{t('openData.licence')}</dt>
        <dd>
          <Anchor href={licence.url} target="_blank" rel="license noopener noreferrer">
            <Loc value={loc(licence.title)} />
          </Anchor>
        </dd>
        <dt>{t('openData.modified')}</dt>
        <dd data-testid={`modified-${d.id}`}>{d.modified ? formatDateTime(d.modified, lang) : t('openData.neverModified')}</dd>
        <dt>{t('openData.records')}</dt>
        <dd>{t('openData.recordCount', { count: d.records, formatted: formatNumber(d.records, lang) })}</dd>
        <dt>{t('openData.formats')}</dt>
        <dd>{d.distributions.map((f) => f.format).join(', ')}</dd>
      </dl>
      <Group gap="sm" mt="sm">
        {d.distributions.map((f) => (
          <Button key={f.format} component="a" href={sitePath(f.url)} download variant="outline" data-format={f.format}>
            {t('openData.download', { format: f.format })}
            <VisuallyHidden>{t('openData.downloadOf', { title: text(loc(d.title)) })}</VisuallyHidden>
          </Button>
        ))}
      </Group>
    </section>
  );
}

export function OpenDataPage() {
  const { t } = useTranslation();
  const text = useLocText();
  usePageTitle(t('openData.heading'));
  const state = useApiGet<OpenDataIndexT>('/open-data');
  return (
    <Stack gap="lg">
      <Title order={1}>{t('openData.heading')}</Title>
      <LoadState state={state}>
        {(index) => (
          <Stack gap="xl">
            <Stack gap="xs">
              <Text>{t('openData.intro')}</Text>
              <Text>
                {t('openData.licenceIntro', { publisher: text(loc(index.publisher)) })}{' '}
                <Anchor href={index.licence.url} target="_blank" rel="license noopener noreferrer" data-testid="licence-link">
                  <Loc value={loc(index.licence.title)} />
                </Anchor>
              </Text>
              <Text>
                {t('openData.attribution')} <q>{text(loc(index.licence.attribution))}</q>
              </Text>
              <Text>
                {t('openData.catalogIntro')}{' '}
                <Anchor href={sitePath(index.catalog)} data-testid="catalog-link">
                  {t('openData.catalogLink')}
                </Anchor>
              </Text>
            </Stack>
            {index.datasets.map((d) => (
              <Dataset key={d.id} d={d} licence={index.licence} />
            ))}
          </Stack>
        )}
      </LoadState>
    </Stack>
  );
}
