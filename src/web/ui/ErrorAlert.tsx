// A failed request: the server's message and, when it may help, a retry button.
import { Alert, Button, Group, Text } from '@mantine/core';
import { errorMessage } from '../lib/error-messages';
import { tUi } from './messages';

export function ErrorAlert({ error, onRetry, retrying }: { error: unknown; onRetry?: () => void; retrying?: boolean }) {
  return (
    <Alert color="red" title={tUi('error.title')} role="alert">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry} loading={retrying}>
            {tUi('error.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
