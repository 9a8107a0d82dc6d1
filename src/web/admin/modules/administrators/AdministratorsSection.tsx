// Owner's administrators list: the owner first (fixed), then the grants: add one, edit permissions, revoke (after a confirmation that names the person).
import { Badge, Button, Group, Modal, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { fullName } from '../../../lib/session';
import { knownPermissions, type Administrator, type Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { TableHead } from '../../../ui/TableHead';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { permissionLabel } from '../../messages';
import { SettingsSection } from '../settings/SettingsSection';
import { AddAdministratorForm, EditPermissionsForm } from './AdministratorForms';
import { useAdministrators, useRevokeAdministrator } from './api';
import { t } from './messages';

const COLUMNS = ['name', 'email', 'location', 'permissions', 'actions'] as const;

const revokeConfirm = (name: string, location: string | null) =>
  location === null ? t('revokeConfirmEverywhere', { name }) : t('revokeConfirm', { name, location });

export function AdministratorsSection({ locations }: { locations: Location[] }) {
  const administrators = useAdministrators();
  const revokeAdministrator = useRevokeAdministrator();
  const [adding, addModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Administrator | null>(null);
  const locationName = (administrator: Administrator) =>
    administrator.locationId === null ? null : (locations.find((location) => location.id === administrator.locationId)?.name ?? null);

  const revoke = useConfirmedAction(
    (administrator: Administrator) => revokeAdministrator.mutateAsync(administrator.id),
    (administrator) => notifySuccess(t('revoked', { name: fullName(administrator) })),
  );

  return (
    <SettingsSection id="administrators" title={t('title')} help={t('help')} action={{ label: t('add'), onClick: addModal.open }}>
      <QueryView query={administrators}>
        {({ owner, items }) => (
          <>
            {/* wide enough that ten permission badges take a few rows and the owner's badge keeps its word */}
            <Table.ScrollContainer minWidth={960}>
              <Table verticalSpacing="sm">
                <TableHead columns={COLUMNS.map((column) => t(`column.${column}`))} />
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Td fw={500}>
                      <Group gap={6}>
                        {fullName(owner)}
                        <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
                          {t('owner')}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>{owner.email}</Table.Td>
                    <Table.Td>{t('allLocations')}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray" tt="none">
                        {t('allPermissions')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {t('ownerFixed')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {items.map((administrator) => {
                    const name = fullName(administrator);
                    return (
                      <Table.Tr key={administrator.id}>
                        <Table.Td fw={500}>{name}</Table.Td>
                        <Table.Td>{administrator.email}</Table.Td>
                        <Table.Td>{locationName(administrator) ?? t('allLocations')}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {knownPermissions(administrator.permissions).map((permission) => (
                              <Badge key={permission} variant="light" color="gray" tt="none">
                                {permissionLabel(permission)}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Button size="xs" variant="default" aria-label={t('editFor', { name })} onClick={() => setEditing(administrator)}>
                              {t('edit')}
                            </Button>
                            <Button size="xs" variant="subtle" color="red" aria-label={t('revokeFor', { name })} onClick={() => revoke.ask(administrator)}>
                              {t('revoke')}
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {items.length === 0 && (
              <Text mt="sm" size="sm" c="dimmed">
                {t('empty')}
              </Text>
            )}
          </>
        )}
      </QueryView>

      <Modal opened={adding} onClose={addModal.close} title={t('add')} size="lg">
        <AddAdministratorForm locations={locations} onDone={addModal.close} />
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? t('editTitle', { name: fullName(editing) }) : ''} size="lg">
        {editing && <EditPermissionsForm administrator={editing} onDone={() => setEditing(null)} />}
      </Modal>
      <ConfirmModal {...revoke.modal} title={t('revokeTitle')} confirmLabel={t('revokeButton')}>
        {revoke.item && revokeConfirm(fullName(revoke.item), locationName(revoke.item))}
      </ConfirmModal>
    </SettingsSection>
  );
}
