// The signed-in person's menu in an app header: who is signed in, app-specific items, and Sign out.
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { fullName, useSignOut } from '../lib/session';
import type { User } from '../lib/types';
import { notifyError } from './notify';
import { tUi } from './messages';

export function AccountMenu({ user, children }: { user: User; children?: ReactNode }) {
  const signOut = useSignOut();
  const name = fullName(user);
  return (
    // the menu stays inside the header landmark rather than in a portal at the end of the page (axe: region)
    <Menu position="bottom-end" width={240} withinPortal={false}>
      <Menu.Target>
        <UnstyledButton aria-label={tUi('account.menuOf', { name })} p={4} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Group gap="xs" wrap="nowrap">
            {/* a person icon rather than initials: the button's name must contain every text it shows (WCAG 2.5.3) */}
            <Avatar color="blue" size="md" aria-hidden />
            <Text size="sm" fw={500} visibleFrom="sm" truncate maw={160}>
              {name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {name}
          </Text>
          {user.email}
        </Menu.Label>
        {children}
        <Menu.Item disabled={signOut.isPending} onClick={() => signOut.mutate(undefined, { onError: notifyError })}>
          {tUi('account.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
