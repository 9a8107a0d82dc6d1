// Placeholder lines shown while a page's data loads, so the page never sits blank.
import { Skeleton, Stack, VisuallyHidden } from '@mantine/core';
import { tUi } from './messages';

export function LoadingSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <Stack gap="sm" role="status" aria-live="polite">
      <VisuallyHidden>{tUi('loading')}</VisuallyHidden>
      <Skeleton height={28} width="40%" />
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows
        <Skeleton key={index} height={20} />
      ))}
    </Stack>
  );
}
