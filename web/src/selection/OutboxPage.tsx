/**
 * /admin/review/outbox: every e-mail the campus has written (outcomes, invitations), newest first,
 * with its state, fifty at a time (paged and filtered on the server). Without SMTP nothing leaves the server, so staff read each message here (in a
 * dialog, as plain text) and pass it on; with SMTP they can send the pending ones now.
 */
import { Anchor, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutboxListT, OutboxSendResultT } from '../../../src/shared/contracts/selection';
import { formatAuditTime } from '../admin/audit-format';
import { DataTable, FilterBox, usePagedList } from '../components/DataTable';
import { AdminModal } from '../admin/components/AdminModal';
import { StatusMessage } from '../admin/components/StatusMessage';
import { failureOf } from '../admin/form-errors';
import { usePageTitle } from '../app/usePageTitle';
import { post } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { LoadState } from '../lib/LoadState';
import { useLang } from '../lib/text';
import { OUTBOX_STATUSES, outboxKindKey } from './labels';
import './selection.css';
import { enumLabel } from '../lib/labels';

type Message = OutboxListT['items'][number];

const OUTBOX_PAGE_SIZE = 50;

function MessageDialog({ message, onClose }: { message: Message | null; onClose: () => void }) {
  const { t } = useTranslation('selection');
  const lang = useLang();
  return (
    <AdminModal opened={message !== null} onClose={onClose} title={message ? t('outbox.dialogTitle', { subject: message.subject }) : ''}>
      {message && (
        <Stack gap="xs">
          <Text size="sm">{t('outbox.dialogTo', { to: message.toName ? `${message.toName} <${message.toEmail}>` : message.toEmail })}</Text>
          <Text size="sm">{t('outbox.dialogCreated', { when: formatAuditTime(message.createdAt, lang) })}</Text>
          {message.lastError && <Text size="sm">{t('outbox.lastError', { error: message.lastError })}</Text>}
          {/* The body is shown as text, never as markup; in the language it was written in. */}
          <pre className="oc-record" lang={message.lang} data-testid="outbox-body">
            {message.body}
          </pre>
        </Stack>
      )}
    </AdminModal>
  );
}

export function OutboxPage() {
  const { t, i18n } = useTranslation('selection');
  usePageTitle(t('outbox.title'));
  const lang = useLang();
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const outbox = usePagedList<OutboxListT>('/admin/outbox', { status, q, page, pageSize: OUTBOX_PAGE_SIZE });
  const [reading, setReading] = useState<Message | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);

  const kindLabel = (kind: string) => {
    const key = `selection:${outboxKindKey(kind)}`;
    return i18n.exists(key) ? t(outboxKindKey(kind)) : kind;
  };

  const sendNow = async () => {
    setSending(true);
    setError(undefined);
    setMessage('');
    try {
      const res = await post<OutboxSendResultT>('/admin/outbox/send');
      setMessage(t('outbox.sendResult', { sent: res.sent, retrying: res.retrying, failed: res.failed }));
      await outbox.reload();
    } catch (e) {
      setError(failureOf(e, t('admin:errors.network')).summary);
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack>
      <Anchor component={Link} to="/admin/review" className="oc-review-nav-link" style={{ alignSelf: 'flex-start' }}>
        {t('nav.allCalls')}
      </Anchor>
      <Title order={1}>{t('outbox.title')}</Title>
      <LoadState state={outbox}>
        {(data) => (
          <Stack>
            <Text>{data.smtpConfigured ? t('outbox.smtpOn') : t('outbox.smtpOff')}</Text>
            <Text size="sm" data-testid="outbox-counts">
              {OUTBOX_STATUSES.map((s) => t('outbox.count', { status: enumLabel(t, 'outboxStatus', s), count: data.counts[s] ?? 0 })).join(' · ')}
            </Text>
            <Group align="flex-end">
              <NativeSelect
                label={t('outbox.filter')}
                value={status}
                onChange={(e) => {
                  setStatus(e.currentTarget.value);
                  setPage(1);
                }}
                data={[{ value: '', label: t('outbox.allStatuses') }, ...OUTBOX_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'outboxStatus', s) }))]}
                w={240}
              />
              <FilterBox
                label={t('outbox.search')}
                value={q}
                testId="outbox-search"
                onChange={(text) => {
                  setQ(text);
                  setPage(1);
                }}
              />
              {data.smtpConfigured && (
                <Button onClick={() => void sendNow()} loading={sending}>
                  {t('outbox.sendNow')}
                </Button>
              )}
            </Group>
            <StatusMessage message={message} />
            <ErrorSummary title={error} />
            <DataTable<Message>
              caption={t('outbox.caption', { count: data.total })}
              data={data}
              rowKey={(m) => m.id}
              onPage={setPage}
              empty={t('outbox.empty')}
              minWidth={860}
              testId="outbox-table"
              columns={[
                {
                  key: 'to',
                  header: t('outbox.col.to'),
                  cell: (m) => (
                    <span style={{ overflowWrap: 'anywhere' }}>
                      {m.toName && (
                        <Text component="span" display="block" size="sm" fw={700}>
                          {m.toName}
                        </Text>
                      )}
                      {m.toEmail}
                    </span>
                  ),
                },
                { key: 'subject', header: t('outbox.col.subject'), rowHeader: true, cell: (m) => <span lang={m.lang}>{m.subject}</span> },
                { key: 'kind', header: t('outbox.col.kind'), cell: (m) => kindLabel(m.kind) },
                {
                  key: 'status',
                  header: t('outbox.col.status'),
                  // Not sent because the person opted out: bold, so staff do not read it as delivered.
                  cell: (m) =>
                    m.status === 'suppressed' ? (
                      <Text component="span" size="sm" fw={700} data-testid="outbox-suppressed">
                        {enumLabel(t, 'outboxStatus', m.status)}
                      </Text>
                    ) : (
                      enumLabel(t, 'outboxStatus', m.status)
                    ),
                },
                { key: 'created', header: t('outbox.col.created'), cell: (m) => <time dateTime={m.createdAt}>{formatAuditTime(m.createdAt, lang)}</time> },
                { key: 'sent', header: t('outbox.col.sent'), cell: (m) => (m.sentAt ? <time dateTime={m.sentAt}>{formatAuditTime(m.sentAt, lang)}</time> : t('outbox.notSent')) },
                {
                  key: 'body',
                  header: t('outbox.col.body'),
                  cell: (m) => (
                    <Button size="xs" variant="default" onClick={() => setReading(m)} aria-label={t('outbox.readLabel', { subject: m.subject })}>
                      {t('outbox.read')}
                    </Button>
                  ),
                },
              ]}
            />
          </Stack>
        )}
      </LoadState>
      <MessageDialog message={reading} onClose={() => setReading(null)} />
    </Stack>
  );
}
