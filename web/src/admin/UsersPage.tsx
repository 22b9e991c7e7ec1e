/** Accounts and their global roles (admins only): search, list, and edit roles with checkboxes. */
import { Button, Checkbox, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserListItemT, UserListT } from '../../../src/shared/contracts/accounts';
import { DataTable, FilterBox, usePagedList } from '../components/DataTable';
import { usePageTitle } from '../app/usePageTitle';
import { put } from '../lib/api';
import { LoadState } from '../lib/LoadState';
import { useSession } from '../lib/session';
import { useLang } from '../lib/text';
import { formatSeoulDate } from './audit-format';
import { AdminModal } from './components/AdminModal';
import { DialogForm, useDialogSubmit } from './components/DialogForm';
import { StatusMessage } from './components/StatusMessage';
import { ASSIGNABLE_ROLES, editableRoles, rolesBody, sameRoles } from './roles';
import { enumLabel } from '../lib/labels';

const PAGE_SIZE = 50;

function RolesDialog({ user, onClose, onSaved }: { user: UserListItemT | null; onClose: () => void; onSaved: (user: UserListItemT) => Promise<void> }) {
  const { t } = useTranslation('admin');
  return (
    <AdminModal opened={user !== null} onClose={onClose} title={user ? t('users.dialog.title', { name: user.name }) : ''} size="md">
      {user && <RolesForm key={user.id} user={user} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function RolesForm({ user, onClose, onSaved }: { user: UserListItemT; onClose: () => void; onSaved: (user: UserListItemT) => Promise<void> }) {
  const { t } = useTranslation('admin');
  const [checked, setChecked] = useState<string[]>(editableRoles(user.roles));
  const dialog = useDialogSubmit();

  const save = async () => {
    if (sameRoles(checked, user.roles)) {
      onClose();
      return;
    }
    await dialog.submit({}, async () => {
      await put<{ roles: string[] }>(`/admin/users/${user.id}/roles`, rolesBody(checked));
      await onSaved(user);
      onClose();
    });
  };

  return (
    <DialogForm state={dialog} onSubmit={save} onCancel={onClose}>
      <Text size="sm">{user.email}</Text>
      <Checkbox.Group label={t('users.dialog.roles')} description={t('users.dialog.memberNote')} value={checked} onChange={setChecked}>
        <Stack gap="sm" mt="xs">
          {ASSIGNABLE_ROLES.map((role, i) => (
            <Checkbox key={role} value={role} size="md" label={enumLabel(t, 'role', role)} description={t(`users.roleHelp.${role}`)} data-autofocus={i === 0 || undefined} />
          ))}
        </Stack>
      </Checkbox.Group>
    </DialogForm>
  );
}

const FILTER_ROLES = ['admin', 'staff', 'reviewer', 'mentor', 'participant', 'partner'] as const;

export function UsersPage() {
  const { t } = useTranslation('admin');
  const { me, refresh } = useSession();
  const lang = useLang();
  usePageTitle(t('users.title'));
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [page, setPage] = useState(1);
  const users = usePagedList<UserListT>('/admin/users', { q, role, page, pageSize: PAGE_SIZE });
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<UserListItemT | null>(null);

  const onSaved = async (user: UserListItemT) => {
    await users.reload();
    setStatus(t('users.saved', { name: user.name }));
    // Changing one's own roles changes what this session may see.
    if (user.id === me?.user?.id) await refresh();
  };

  const roleNames = (roles: readonly string[]) => {
    const shown = editableRoles(roles);
    return shown.length === 0 ? t('users.memberOnly') : shown.map((r) => enumLabel(t, 'role', r)).join(', ');
  };

  return (
    <Stack>
      <Title order={1}>{t('users.title')}</Title>
      <Group align="flex-end" role="search" aria-label={t('users.searchLabel')}>
        <FilterBox
          label={t('users.search')}
          value={q}
          testId="users-search"
          onChange={(text) => {
            setQ(text);
            setPage(1);
          }}
        />
        <NativeSelect
          label={t('users.roleFilter')}
          value={role}
          onChange={(e) => {
            setRole(e.currentTarget.value);
            setPage(1);
          }}
          data={[{ value: '', label: t('users.allRoles') }, ...FILTER_ROLES.map((r) => ({ value: r, label: enumLabel(t, 'role', r) }))]}
          w={240}
        />
      </Group>
      <StatusMessage message={status} />
      <LoadState state={users}>
        {(data) => (
          <DataTable<UserListItemT>
            caption={t('users.caption', { count: data.total })}
            data={data}
            rowKey={(u) => u.id}
            onPage={setPage}
            empty={t('users.empty')}
            minWidth={720}
            testId="users-table"
            columns={[
              { key: 'name', header: t('users.col.name'), rowHeader: true, cell: (u) => u.name },
              { key: 'email', header: t('users.col.email'), cell: (u) => <span style={{ overflowWrap: 'anywhere' }}>{u.email}</span> },
              { key: 'roles', header: t('users.col.roles'), cell: (u) => roleNames(u.roles) },
              { key: 'created', header: t('users.col.created'), cell: (u) => formatSeoulDate(u.createdAt, lang) },
              {
                key: 'actions',
                header: t('common.actions'),
                cell: (u) => (
                  <Button size="xs" variant="default" id={`user-edit-${u.id}`} onClick={() => setEditing(u)} aria-label={t('users.editLabel', { name: u.name })}>
                    {t('users.edit')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </LoadState>
      <RolesDialog user={editing} onClose={() => setEditing(null)} onSaved={onSaved} />
    </Stack>
  );
}
