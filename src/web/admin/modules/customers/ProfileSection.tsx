// A titled card of the customer profile (Details, Notes, Attachments...), with an optional action beside the title.
import { Group, Paper, Stack, Title } from '@mantine/core';
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
