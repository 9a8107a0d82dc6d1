// Development mailbox (/admin/mailbox): messages Atrium sent, newest first; refreshes itself every 3 seconds.
import { Badge, Box, Button, Grid, Group, Paper, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { formatDateTime, formatRelative } from '../../../lib/format';
import type { MailMessage } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LinkifiedText } from '../../../ui/LinkifiedText';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { PageHeader } from '../../../ui/PageHeader';
import { useMailbox } from './api';
import { t } from './messages';

export function MailboxPage() {
  const mailbox = useMailbox({ refetchInterval: 3000 });
  const [params, setParams] = useSearchParams();
  const [refreshing, setRefreshing] = useState(false);
  const messages = mailbox.data?.messages ?? [];
  // Until someone picks a message, the newest one is shown.
  const selected = messages.find((message) => message.id === params.get('message')) ?? messages[0];

  const refresh = async () => {
    setRefreshing(true);
    await mailbox.refetch();
    setRefreshing(false);
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <Button variant="default" onClick={() => void refresh()} loading={refreshing}>
            {t('refresh')}
          </Button>
        }
      />
      <Text c="dimmed" mb="md">
        {t('help')}
      </Text>
      {mailbox.isPending ? (
        <LoadingSkeleton rows={6} />
      ) : isApiError(mailbox.error, 404) ? (
        <Text>{t('off')}</Text>
      ) : isApiError(mailbox.error, 401) ? (
        <Text>{t('signInNeeded')}</Text>
      ) : isApiError(mailbox.error, 403) ? (
        <Text>{t('ownersOnly')}</Text>
      ) : mailbox.isError && !mailbox.data ? (
        <ErrorAlert error={mailbox.error} onRetry={() => void refresh()} retrying={refreshing} />
      ) : messages.length === 0 ? (
        <Text py="xl">{t('empty')}</Text>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <MessageList messages={messages} selectedId={selected?.id} onSelect={(id) => setParams({ message: id }, { replace: true })} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>{selected ? <MessageView message={selected} /> : <Text>{t('select')}</Text>}</Grid.Col>
        </Grid>
      )}
    </>
  );
}

function MessageList({ messages, selectedId, onSelect }: { messages: MailMessage[]; selectedId?: string; onSelect: (id: string) => void }) {
  return (
    <Paper withBorder component="nav" aria-label={t('messages')}>
      <ScrollArea.Autosize mah="75dvh">
        <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {messages.map((message) => {
            const active = message.id === selectedId;
            return (
              <li key={message.id}>
                <UnstyledButton
                  onClick={() => onSelect(message.id)}
                  aria-current={active ? 'true' : undefined}
                  w="100%"
                  p="sm"
                  bg={active ? 'var(--mantine-primary-color-light)' : undefined}
                  style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
                  data-testid="mailbox-message"
                >
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" truncate>
                      {message.to}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
                        {formatRelative(message.createdAt)}
                      </time>
                    </Text>
                  </Group>
                  <Text size="sm" fw={600} lineClamp={2}>
                    {message.subject}
                  </Text>
                </UnstyledButton>
              </li>
            );
          })}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

function MessageView({ message }: { message: MailMessage }) {
  return (
    <Paper withBorder p="md" component="article" aria-labelledby="mail-subject">
      <Stack gap="sm">
        <Title order={2} size="h3" id="mail-subject">
          {message.subject}
        </Title>
        <Group gap="lg">
          <Text size="sm">{t('to', { to: message.to })}</Text>
          <Text size="sm">
            <time dateTime={message.createdAt}>{t('sent', { time: formatDateTime(message.createdAt) })}</time>
          </Text>
          {message.status && (
            <Badge variant="light" color="gray" tt="none">
              {t('status', { status: message.status })}
            </Badge>
          )}
        </Group>
        {message.html && (
          <Box
            component="iframe"
            title={t('htmlTitle', { subject: message.subject })}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={message.html}
            w="100%"
            h={420}
            style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)', background: 'white' }}
          />
        )}
        <Title order={3} size="h5">
          {t('plainText')}
        </Title>
        {message.text ? <LinkifiedText>{message.text}</LinkifiedText> : <Text c="dimmed">{t('noText')}</Text>}
      </Stack>
    </Paper>
  );
}
