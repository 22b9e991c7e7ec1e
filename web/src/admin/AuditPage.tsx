/**
 * The audit log, newest first: who, when (Seoul time), what, and the record before and after,
 * field by field in words (never as markup, never ids or JSON). Filtered by entity type; paged with "load more".
 */
import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryT, UserListItemT } from '../../../src/shared/contracts/accounts';
import { usePageTitle } from '../app/usePageTitle';
import { get } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { Loading } from '../lib/LoadState';
import { useSession } from '../lib/session';
import { useLang } from '../lib/text';
import { enumLabel } from '../lib/labels';
import { actorOf, appendPage, AUDIT_ENTITY_TYPES, formatAuditTime, recordFields, recordName } from './audit-format';
import { StatusMessage } from './components/StatusMessage';
import { failureOf } from './form-errors';

const PAGE_SIZE = 50;
/** /admin/users returns at most 200 per request; enough pages for any campus staff list. */
const USER_PAGE = 200;
const MAX_USER_PAGES = 25;

interface AuditPageT {
  entries: AuditEntryT[];
  nextBefore: string | null;
}

/** Names of accounts by id, for admins (only they may list accounts); empty for other staff. */
function useUserNames(enabled: boolean): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void (async () => {
      const found = new Map<string, string>();
      try {
        for (let page = 0; page < MAX_USER_PAGES; page++) {
          const res = await get<{ total: number; users: UserListItemT[] }>(`/admin/users?limit=${USER_PAGE}&offset=${page * USER_PAGE}`);
          for (const u of res.users) found.set(u.id, u.name);
          if ((page + 1) * USER_PAGE >= res.total || res.users.length === 0) break;
        }
      } catch {
        // Names are a convenience: without them the log shows account ids.
      }
      if (!cancelled) setNames(found);
    })();
    return () => {
      cancelled = true;
    };
  }, [enabled]);
  return names;
}

/** A field's name in words; a field the catalog does not name yet reads as its key split into words. */
function fieldLabel(t: (key: string, o?: { defaultValue: string }) => string, key: string): string {
  return t(`audit.field.${key}`, { defaultValue: '' }) || key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

function Record({ label, value }: { label: string; value: unknown }) {
  const { t } = useTranslation('admin');
  const lang = useLang();
  const fields = recordFields(value, lang, { yes: t('audit.yes'), no: t('audit.no'), none: t('audit.none') });
  return (
    <div>
      <Text fw={700} size="sm" mb={4}>
        {label}
      </Text>
      {fields.length > 0 ? (
        <dl className="oc-record">
          {fields.map((f) => (
            <div key={f.key}>
              <dt>{fieldLabel(t, f.key)}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <Text size="sm">{t('audit.noRecord')}</Text>
      )}
    </div>
  );
}

export function AuditPage() {
  const { t } = useTranslation('admin');
  const lang = useLang();
  const { isAdmin } = useSession();
  usePageTitle(t('audit.title'));
  const names = useUserNames(isAdmin);
  const [entityType, setEntityType] = useState('');
  const [entries, setEntries] = useState<AuditEntryT[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const firstNewRef = useRef<string | null>(null);
  const ticket = useRef(0);

  const load = useCallback(
    async (before: string | null) => {
      const mine = ++ticket.current;
      setLoading(true);
      setError(undefined);
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (entityType) params.set('entityType', entityType);
      if (before) params.set('before', before);
      try {
        const page = await get<AuditPageT>(`/admin/audit-log?${params.toString()}`);
        if (mine !== ticket.current) return;
        setEntries((shown) => (before ? appendPage(shown, page.entries) : page.entries));
        setNextBefore(page.nextBefore);
        if (before) {
          firstNewRef.current = page.entries[0]?.id ?? null;
          setStatus(t('audit.loadedMore', { count: page.entries.length }));
        }
      } catch (e) {
        if (mine === ticket.current) setError(failureOf(e, t('errors.network')).summary);
      } finally {
        if (mine === ticket.current) setLoading(false);
      }
    },
    [entityType, t],
  );

  useEffect(() => {
    setExpanded(new Set());
    setStatus('');
    void load(null);
  }, [load]);

  // After "load more", continue reading at the first new entry rather than at the top.
  useEffect(() => {
    const id = firstNewRef.current;
    if (!id) return;
    firstNewRef.current = null;
    document.getElementById(`audit-toggle-${id}`)?.focus();
  }, [entries]);

  const toggle = (id: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const who = (entry: AuditEntryT) => {
    const actor = actorOf(entry, names);
    switch (actor.kind) {
      case 'name':
        return actor.text;
      case 'label':
        return t('audit.actorLabel', { label: actor.text });
      case 'id':
        // An account id says nothing to a person; staff who may not list accounts read that it was one.
        return t('audit.actorAccount');
      case 'system':
        return t('audit.system');
    }
  };

  const entityLabel = (type: string) => enumLabel(t, 'auditEntity', type);
  const actionLabel = (action: string) => enumLabel(t, 'auditAction', action);

  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      <Text>{t('audit.intro')}</Text>
      <NativeSelect
        label={t('audit.filter')}
        value={entityType}
        onChange={(e) => setEntityType(e.currentTarget.value)}
        data={[{ value: '', label: t('audit.allTypes') }, ...AUDIT_ENTITY_TYPES.map((type) => ({ value: type, label: entityLabel(type) }))]}
        maw={320}
      />
      <StatusMessage message={status} />
      <ErrorSummary title={error} />
      {entries.length === 0 && loading ? (
        <Loading />
      ) : entries.length === 0 ? (
        <Text>{t('audit.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder verticalSpacing="xs" captionSide="top" data-testid="audit-table">
            <Table.Caption>{t('audit.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.col.when')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.who')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.entity')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => {
                const open = expanded.has(entry.id);
                const detailsId = `audit-details-${entry.id}`;
                const when = formatAuditTime(entry.at, lang);
                return (
                  <Fragment key={entry.id}>
                    <Table.Tr>
                      <Table.Td>
                        <time dateTime={entry.at}>{when}</time>
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{who(entry)}</Table.Td>
                      <Table.Td>{actionLabel(entry.action)}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        {entityLabel(entry.entityType)}
                        {recordName(entry.after ?? entry.before, lang) && (
                          <Text size="sm" component="span" display="block">
                            {recordName(entry.after ?? entry.before, lang)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="default"
                          id={`audit-toggle-${entry.id}`}
                          aria-expanded={open}
                          aria-controls={open ? detailsId : undefined}
                          onClick={() => toggle(entry.id)}
                          aria-label={t(open ? 'audit.hideLabel' : 'audit.showLabel', { action: actionLabel(entry.action), when })}
                        >
                          {t(open ? 'audit.hide' : 'audit.show')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                    {open && (
                      <Table.Tr id={detailsId}>
                        <Table.Td colSpan={5}>
                          <SimpleGrid cols={{ base: 1, md: 2 }}>
                            <Record label={t('audit.before')} value={entry.before} />
                            <Record label={t('audit.after')} value={entry.after} />
                          </SimpleGrid>
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {nextBefore && (
        <Group>
          <Button variant="default" onClick={() => void load(nextBefore)} loading={loading}>
            {t('audit.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
