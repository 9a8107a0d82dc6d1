// Heading row of a signed-in page: title (with an optional count) on the left, actions on the right.
import { Badge, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader({ title, count, actions }: { title: string; count?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="center" mb="md" wrap="wrap">
      <Group gap="sm" align="center">
        <Title order={1} size="h2">
          {title}
        </Title>
        {count !== undefined && (
          <Badge variant="light" color="gray" size="lg" data-testid="page-count">
            {count}
          </Badge>
        )}
      </Group>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
