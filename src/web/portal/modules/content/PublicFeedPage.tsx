// /l/:locationId/news: the public feed of a location for visitors, with no sign-in; members sign in to see more.
import { Anchor, Box, Container, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LanguageMenu } from '../../../ui/LanguageMenu';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { usePublicLocation } from '../join/api';
import { FeedList } from './FeedList';
import { t } from './messages';

export function PublicFeedPage() {
  const { locationId = '' } = useParams();
  const location = usePublicLocation(locationId);
  return (
    <Box component="main" mih="100dvh" py="md" bg="gray.0">
      <Container size="sm" px="md">
        <Group justify="flex-end" gap="sm" mb="sm">
          <Anchor component={Link} to="/sign-in">
            {t('signIn')}
          </Anchor>
          <LanguageMenu />
        </Group>
        {location.isPending ? (
          <LoadingSkeleton rows={4} />
        ) : isApiError(location.error, 404) ? (
          <Text>{t('publicNotFound')}</Text>
        ) : location.isError ? (
          <ErrorAlert error={location.error} onRetry={() => void location.refetch()} retrying={location.isFetching} />
        ) : (
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={1} size="h2">
                {t('publicTitle', { location: location.data.name })}
              </Title>
              <Text c="dimmed">{t('publicIntro', { location: location.data.name })}</Text>
            </Stack>
            <FeedList locationId={location.data.id} locationName={location.data.name} audience="public" />
          </Stack>
        )}
      </Container>
    </Box>
  );
}
