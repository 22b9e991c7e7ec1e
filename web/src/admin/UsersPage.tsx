/** Accounts and their global roles (admins only): search, list, and edit roles with checkboxes. */
import { Box, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserListItemT } from '../../../src/shared/contracts/accounts';
import { usePageTitle } from '../app/usePageTitle';
import { get, put } from '../lib/api';
import { ErrorSummary } from '../lib/forms';
import { Loading } from '../lib/LoadState';
import { useSession } from '../lib/session';
import { useLang } from '../lib/text';
import { formatSeoulDate } from './audit-format';
import { AdminModal } from './components/AdminModal';
import { DialogForm, useDialogSubmit } from './components/DialogForm';
import { StatusMessage } from './components/StatusMessage';
import { failureOf } from './form-errors';
import { ASSIGNABLE_ROLES, editableRoles, rolesBody, sameRoles } from './roles';
import { enumLabel } from '../lib/labels';

const PAGE_SIZE = 50;

interface UsersPageT {
  total: number;
  users: UserListItemT[];
}

function RolesDialog({ user, onClose, onSaved }: { user: UserListItemT | null; onClose: () => void; onSaved: (user: UserListItemT, roles: string[]) => Promise<void> }) {
  const { t } = useTranslation('admin');
  return (
    <AdminModal opened={user !== null} onClose={onClose} title={user ? t('users.dialog.title', { name: user.name }) : ''} size="md">
      {user && <RolesForm key={user.id} user={user} onClose={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function RolesForm({ user, onClose, onSaved }: { user: UserListItemT; onClose: () => void; onSaved: (user: UserListItemT, roles: string[]) => Promise<void> }) {
  const { t } = useTranslation('admin');
  const [checked, setChecked] = useState<string[]>(editableRoles(user.roles));
  const dialog = useDialogSubmit();

  const save = async () => {
    if (sameRoles(checked, user.roles)) {
      onClose();
      return;
    }
    await dialog.submit({}, async () => {
      const res = await put<{ roles: string[] }>(`/admin/users/${user.id}/roles`, rolesBody(checked));
      await onSaved(user, res.roles);
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

export function UsersPage() {
  const { t } = useTranslation('admin');
  const { me, refresh } = useSession();
  const lang = useLang();
  usePageTitle(t('users.title'));
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [users, setUsers] = useState<UserListItemT[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<UserListItemT | null>(null);
  const ticket = useRef(0);
  const firstNewRef = useRef<string | null>(null);
  // After "show more", continue at the first account that was added rather than losing focus.
  useEffect(() => {
    const id = firstNewRef.current;
    if (!id) return;
    firstNewRef.current = null;
    document.getElementById(`user-edit-${id}`)?.focus();
  }, [users]);

  const load = useCallback(
    async (q: string, offset: number) => {
      const mine = ++ticket.current;
      setLoading(true);
      setError(undefined);
      const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
      if (q) params.set('q', q);
      try {
        const page = await get<UsersPageT>(`/admin/users?${params.toString()}`);
        if (mine !== ticket.current) return;
        if (offset > 0) firstNewRef.current = page.users[0]?.id ?? null;
        setUsers((shown) => (offset === 0 ? page.users : [...shown, ...page.users.filter((u) => !shown.some((s) => s.id === u.id))]));
        setTotal(page.total);
        if (offset === 0) setStatus(q ? t('users.found', { count: page.total }) : '');
      } catch (e) {
        if (mine === ticket.current) setError(failureOf(e, t('errors.network')).summary);
      } finally {
        if (mine === ticket.current) setLoading(false);
      }
    },
    [t],
  );

  useEffect(() => {
    void load(searched, 0);
  }, [load, searched]);

  const onSaved = async (user: UserListItemT, roles: string[]) => {
    setUsers((list) => list.map((u) => (u.id === user.id ? { ...u, roles: roles as UserListItemT['roles'] } : u)));
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
      <Box
        component="form"
        role="search"
        aria-label={t('users.searchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(query.trim());
        }}
      >
        <Group align="flex-end">
          <TextInput label={t('users.search')} type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} maxLength={100} w={320} />
          <Button type="submit">{t('users.searchButton')}</Button>
          {searched && (
            <Button
              variant="default"
              onClick={() => {
                setQuery('');
                setSearched('');
              }}
            >
              {t('users.clear')}
            </Button>
          )}
        </Group>
      </Box>
      <StatusMessage message={status} />
      <ErrorSummary title={error} />
      {users.length === 0 && loading ? (
        <Loading />
      ) : users.length === 0 ? (
        <Text>{t('users.empty')}</Text>
      ) : (
        <>
          <Text size="sm">{t('users.count', { shown: users.length, total })}</Text>
          <Table.ScrollContainer minWidth={720}>
            <Table withTableBorder verticalSpacing="xs" data-testid="users-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.col.name')}</Table.Th>
                  <Table.Th scope="col">{t('users.col.email')}</Table.Th>
                  <Table.Th scope="col">{t('users.col.roles')}</Table.Th>
                  <Table.Th scope="col">{t('users.col.created')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Th scope="row" fw={400}>
                      {u.name}
                    </Table.Th>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{u.email}</Table.Td>
                    <Table.Td>{roleNames(u.roles)}</Table.Td>
                    <Table.Td>{formatSeoulDate(u.createdAt, lang)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="default" id={`user-edit-${u.id}`} onClick={() => setEditing(u)} aria-label={t('users.editLabel', { name: u.name })}>
                        {t('users.edit')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {users.length < total && (
            <Group>
              <Button variant="default" onClick={() => void load(searched, users.length)} loading={loading}>
                {t('users.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
      <RolesDialog user={editing} onClose={() => setEditing(null)} onSaved={onSaved} />
    </Stack>
  );
}
