// A secret shown once (an API key, a webhook's signing secret): the value, a copy button and the warning that it will not be shown again.
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { t } from './messages';

export function SecretReveal({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <Stack gap="sm">
      <Alert color="yellow">{t('secret.warning')}</Alert>
      <Text size="sm" fw={500}>
        {t('secret.label')}
      </Text>
      <Code block data-testid="secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {secret}
      </Code>
      <Group justify="space-between">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="default" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? t('secret.copied') : t('secret.copy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{t('secret.done')}</Button>
      </Group>
    </Stack>
  );
}
