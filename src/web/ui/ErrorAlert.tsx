// A failed request, in words from the catalogues (the screen's own by reason or status first) and, when it may help, a retry button.
import { Alert, Button, Group, Text } from '@mantine/core';
import { type ErrorTexts, errorMessage } from '../lib/error-messages';
import { tUi } from './messages';

export function ErrorAlert({ error, texts, onRetry, retrying }: { error: unknown; texts?: ErrorTexts; onRetry?: () => void; retrying?: boolean }) {
  return (
    <Alert color="red" title={tUi('error.title')} role="alert">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Text size="sm">{errorMessage(error, texts)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry} loading={retrying}>
            {tUi('error.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
