// A titled card of the customer profile (Details, Notes, Attachments...), with an optional action beside the title,
// and the list such a card shows.
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function ProfileSection({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby={`${id}-title`} data-testid={`profile-${id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="sm" mih={30}>
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          {action}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

interface ProfileListProps<T> {
  items: T[];
  /** Said instead of the list when there are no items. */
  empty: string;
  /** Space between two items, on each side of the line that parts them. */
  spacing?: 'sm';
  testId: string;
  itemTestId?: string;
  children: (item: T) => ReactNode;
}

/** The items of a profile card, one under the other with a line between two; `empty` when there are none. */
export function ProfileList<T extends { id: string }>({ items, empty, spacing, testId, itemTestId, children }: ProfileListProps<T>) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  const divider = { borderTop: '1px solid var(--mantine-color-default-border)', ...(spacing && { paddingTop: `var(--mantine-spacing-${spacing})` }) };
  return (
    <Stack gap={spacing ?? 0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid={testId}>
      {items.map((item, index) => (
        <li key={item.id} style={index > 0 ? divider : undefined} data-testid={itemTestId}>
          {children(item)}
        </li>
      ))}
    </Stack>
  );
}
