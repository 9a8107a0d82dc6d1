// A titled section of the Settings page with a short help and a button beside the title (Locations, Administrators).
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface SettingsSectionProps {
  id: string;
  title: string;
  help: string;
  action: { label: string; onClick: () => void };
  children: ReactNode;
}

export function SettingsSection({ id, title, help, action, children }: SettingsSectionProps) {
  return (
    <Stack component="section" gap="sm" aria-labelledby={`${id}-title`}>
      <Group justify="space-between">
        <Title order={2} size="h3" id={`${id}-title`}>
          {title}
        </Title>
        <Button variant="default" onClick={action.onClick}>
          {action.label}
        </Button>
      </Group>
      <Text c="dimmed" size="sm">
        {help}
      </Text>
      {children}
    </Stack>
  );
}
