// Checkboxes for an administrator's permissions, and the zod rule they share.
import { Checkbox, SimpleGrid } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { z } from 'zod';
import { PERMISSIONS } from '../../../lib/types';
import { permissionLabel } from '../../messages';
import { t } from './messages';

export const permissionsRule = z.array(z.enum(PERMISSIONS)).min(1, { error: () => t('permissionsRequired') });

export function PermissionsField(props: GetInputPropsReturnType) {
  return (
    <Checkbox.Group label={t('permissions')} withAsterisk {...props}>
      <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs" spacing="xs">
        {PERMISSIONS.map((permission) => (
          <Checkbox key={permission} value={permission} label={permissionLabel(permission)} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
