/**
 * The audit log, newest first: who, when (Seoul time), what, and the record before and after,
 * field by field in words (never as markup, never ids or JSON). Filtered by entity type; paged on the server.
 */
import { Button, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryT, AuditPageT, UserListT } from '../../../src/shared/contracts/accounts';
import { PAGE_SIZE_MAX } from '../../../src/shared/contracts/paging';
import { DataTable, usePagedList } from '../components/DataTable';
import { usePageTitle } from '../app/usePageTitle';
import { get } from '../lib/api';
import { LoadState } from '../lib/LoadState';
import { useSession } from '../lib/session';
import { useLang } from '../lib/text';
import { enumLabel } from '../lib/labels';
import { actorOf, AUDIT_ENTITY_TYPES, formatAuditTime, recordFields, recordName } from './audit-format';

const PAGE_SIZE = 50;
/** /admin/users answers at most PAGE_SIZE_MAX per page; enough pages for any campus staff list. */
const USER_PAGE = PAGE_SIZE_MAX;
const MAX_USER_PAGES = 50;


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
          const res = await get<UserListT>(`/admin/users?page=${page + 1}&pageSize=${USER_PAGE}`);
          for (const u of res.items) found.set(u.id, u.name);
          if ((page + 1) * USER_PAGE >= res.total || res.items.length === 0) break;
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
  const [page, setPage] = useState(1);
  const log = usePagedList<AuditPageT>('/admin/audit-log', { entityType, page, pageSize: PAGE_SIZE });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

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

  const changes = (entry: AuditEntryT) => {
    const open = expanded.has(entry.id);
    const detailsId = `audit-details-${entry.id}`;
    return (
      <Stack gap="xs">
        <Button
          size="xs"
          variant="default"
          id={`audit-toggle-${entry.id}`}
          aria-expanded={open}
          aria-controls={open ? detailsId : undefined}
          onClick={() => toggle(entry.id)}
          aria-label={t(open ? 'audit.hideLabel' : 'audit.showLabel', { action: actionLabel(entry.action), when: formatAuditTime(entry.at, lang) })}
          style={{ alignSelf: 'flex-start' }}
        >
          {t(open ? 'audit.hide' : 'audit.show')}
        </Button>
        {open && (
          <SimpleGrid id={detailsId} cols={{ base: 1, md: 2 }} miw={320}>
            <Record label={t('audit.before')} value={entry.before} />
            <Record label={t('audit.after')} value={entry.after} />
          </SimpleGrid>
        )}
      </Stack>
    );
  };

  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      <Text>{t('audit.intro')}</Text>
      <NativeSelect
        label={t('audit.filter')}
        value={entityType}
        onChange={(e) => {
          setEntityType(e.currentTarget.value);
          setPage(1);
          setExpanded(new Set());
        }}
        data={[{ value: '', label: t('audit.allTypes') }, ...AUDIT_ENTITY_TYPES.map((type) => ({ value: type, label: entityLabel(type) }))]}
        maw={320}
      />
      <LoadState state={log}>
        {(data) => (
          <DataTable<AuditEntryT>
            caption={t('audit.caption')}
            data={data}
            rowKey={(entry) => entry.id}
            onPage={(next) => {
              setPage(next);
              setExpanded(new Set());
            }}
            empty={t('audit.empty')}
            minWidth={760}
            testId="audit-table"
            columns={[
              { key: 'when', header: t('audit.col.when'), cell: (entry) => <time dateTime={entry.at}>{formatAuditTime(entry.at, lang)}</time> },
              { key: 'who', header: t('audit.col.who'), cell: (entry) => <span style={{ overflowWrap: 'anywhere' }}>{who(entry)}</span> },
              { key: 'action', header: t('audit.col.action'), cell: (entry) => actionLabel(entry.action) },
              {
                key: 'entity',
                header: t('audit.col.entity'),
                cell: (entry) => (
                  <span style={{ overflowWrap: 'anywhere' }}>
                    {entityLabel(entry.entityType)}
                    {recordName(entry.after ?? entry.before, lang) && (
                      <Text size="sm" component="span" display="block">
                        {recordName(entry.after ?? entry.before, lang)}
                      </Text>
                    )}
                  </span>
                ),
              },
              { key: 'changes', header: t('audit.col.changes'), cell: changes },
            ]}
          />
        )}
      </LoadState>
    </Stack>
  );
}
