// Badge for a customer or membership status: a colored dot beside normal-contrast words (from the app's text).
// It never shrinks below its words: a narrow table column would otherwise cut them to "In…".
import { Badge } from '@mantine/core';
import type { CustomerStatus } from '../lib/types';

const colors: Record<CustomerStatus, string> = { invited: 'yellow', active: 'green', removed: 'gray' };

export function StatusBadge({ status, label }: { status: CustomerStatus; label: string }) {
  return (
    <Badge variant="dot" color={colors[status]} tt="none" size="md" miw="max-content">
      {label}
    </Badge>
  );
}
