/**
 * A session's lecturers with their fee per session (KRW): people of the network's lecturer pool
 * (accounts holding 'mentor'), or someone outside it by name.
 */
import { Button, Fieldset, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LecturerPoolT, LecturerViewT, SessionViewT } from '../../../../src/shared/contracts/courses';
import { AdminModal } from '../../admin/components/AdminModal';
import { DialogForm, useDialogSubmit } from '../../admin/components/DialogForm';
import { StatusMessage } from '../../admin/components/StatusMessage';
import { del, post } from '../../lib/api';
import { useLocText } from '../../lib/Localized';
import { useLang } from '../../lib/text';
import { FilterBox, usePagedList } from '../../components/DataTable';
import { PAGE_SIZE_MAX } from '../../../../src/shared/contracts/paging';
import { formatWon, parseWon } from './format';

interface Props {
  session: SessionViewT | null;
  onClose: () => void;
  onChanged: () => Promise<void>;
}

export function LecturersDialog({ session, onClose, onChanged }: Props) {
  const { t } = useTranslation('courses');
  const text = useLocText();
  return (
    <AdminModal opened={session !== null} onClose={onClose} title={session ? t('staff.lecturers.title', { session: text(session.title) }) : ''} className="oc-courses-staff">
      {session && <Body key={session.id} session={session} onChanged={onChanged} />}
    </AdminModal>
  );
}

function Body({ session, onChanged }: Omit<Props, 'session' | 'onClose'> & { session: SessionViewT }) {
  const { t } = useTranslation('courses');
  const lang = useLang();
  const [who, setWho] = useState('');
  const [externalName, setExternalName] = useState('');
  const [fee, setFee] = useState('300000');
  const [message, setMessage] = useState('');
  const dialog = useDialogSubmit();
  const labels: Record<string, string> = { externalName: t('staff.lecturers.externalName'), userId: t('staff.lecturers.who'), feeRate: t('staff.lecturers.fee') };
  // The chooser lists up to a page of the pool by name; a larger pool is narrowed with the search box.
  const [q, setQ] = useState('');
  const pool = usePagedList<LecturerPoolT>('/admin/lecturers', { q, pageSize: PAGE_SIZE_MAX });
  const more = !!q || (pool.data ? pool.data.total > pool.data.items.length : false);
  const network = (pool.data?.items ?? []).filter((p) => !session.lecturers.some((l) => l.userId === p.userId));
  const add = async () => {
    const feeRate = parseWon(fee);
    const issues: Record<string, { key: string }> = {};
    if (feeRate === null) issues.feeRate = { key: 'courses:staff.form.error.fee' };
    if (!who && !externalName.trim()) issues.externalName = { key: 'errors.required' };
    await dialog.submit(issues, async () => {
      const body = who ? { userId: who, feeRate } : { externalName: externalName.trim(), feeRate };
      const added = await post<LecturerViewT>(`/admin/sessions/${session.id}/lecturers`, body);
      setExternalName('');
      setWho('');
      await onChanged();
      setMessage(t('staff.lecturers.added', { name: added.displayName }));
    });
  };
  const remove = async (l: LecturerViewT) => {
    await del(`/admin/sessions/${session.id}/lecturers/${l.id}`);
    await onChanged();
    setMessage(t('staff.lecturers.removed', { name: l.displayName }));
  };
  return (
    <Stack>
      {session.lecturers.length === 0 ? (
        <Text>{t('staff.lecturers.none')}</Text>
      ) : (
        <Table withTableBorder captionSide="top">
          <Table.Caption>{t('staff.lecturers.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('staff.lecturers.name')}</Table.Th>
              <Table.Th scope="col">{t('staff.lecturers.kind')}</Table.Th>
              <Table.Th scope="col" className="oc-num">
                {t('staff.lecturers.fee')}
              </Table.Th>
              <Table.Th scope="col">{t('staff.common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {session.lecturers.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Th scope="row" fw={400}>
                  {l.displayName}
                </Table.Th>
                <Table.Td>{t(`staff.lecturers.kinds.${l.kind}`)}</Table.Td>
                <Table.Td className="oc-num">{t('staff.won', { amount: formatWon(l.feeRate, lang) })}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => void remove(l)} aria-label={t('staff.lecturers.removeLabel', { name: l.displayName })}>
                    {t('staff.common.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <StatusMessage message={message} />
      <DialogForm state={dialog} onSubmit={add} labelOf={(p) => labels[p]} submitLabel={t('staff.lecturers.add')}>
        <Fieldset legend={t('staff.lecturers.addHeading')} variant="unstyled">
          <Stack gap="sm">
            {more && <FilterBox label={t('staff.lecturers.findInPool')} value={q} onChange={setQ} testId="lecturer-pool-find" />}
            {network.length > 0 && (
              <NativeSelect
                label={t('staff.lecturers.who')}
                value={who}
                onChange={(e) => setWho(e.currentTarget.value)}
                data={[{ value: '', label: t('staff.lecturers.external') }, ...network.map((p) => ({ value: p.userId, label: `${p.name} (${p.email})` }))]}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {!who && <TextInput id="lecturer-name" label={t('staff.lecturers.externalName')} value={externalName} onChange={(e) => setExternalName(e.currentTarget.value)} error={dialog.errors.externalName} data-autofocus />}
              <TextInput id="lecturer-fee" label={t('staff.lecturers.fee')} description={t('staff.lecturers.feeHelp')} inputMode="numeric" value={fee} onChange={(e) => setFee(e.currentTarget.value)} error={dialog.errors.feeRate} required />
            </SimpleGrid>
          </Stack>
        </Fieldset>
      </DialogForm>
    </Stack>
  );
}
