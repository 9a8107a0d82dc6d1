// A calm single-purpose page (sign-in, setup, expired link): one centered card with a heading.
import { Box, Container, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageMenu } from './LanguageMenu';

/** Without a `title`, the children bring their own heading. */
export function CenteredPage({ title, children, width = 440 }: { title?: string; children: ReactNode; width?: number }) {
  return (
    <Box component="main" mih="100dvh" py={{ base: 'md', sm: 64 }} bg="gray.0">
      <Container size={width} px="md">
        <Group justify="flex-end" mt={{ base: -8, sm: -48 }} mb={4}>
          <LanguageMenu />
        </Group>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
          <Stack gap="md">
            {title && (
              <Title order={1} size="h2">
                {title}
              </Title>
            )}
            {children}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
