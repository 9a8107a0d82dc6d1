// A calm single-purpose page (sign-in, setup, expired link): one centered card with a heading, and above it the
// operator's brand when the page knows whose it is (an activation link, a sign-in link that names the organization).
import { Box, Container, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { BrandMark, type BrandLike, useBrandAccent } from './brand';
import { LanguageMenu } from './LanguageMenu';

/** The operator a calm page speaks for: name, logo and accent colour (null: Atrium's blue). */
export interface PageBrand extends BrandLike {
  accentColor: string | null;
}

/** Without a `title`, the children bring their own heading. */
export function CenteredPage({ title, children, width = 440, brand }: { title?: string; children: ReactNode; width?: number; brand?: PageBrand | null }) {
  return (
    <Box component="main" mih="100dvh" py={{ base: 'md', sm: 64 }} bg="gray.0">
      <Container size={width} px="md">
        <Group justify={brand ? 'space-between' : 'flex-end'} wrap="nowrap" mt={{ base: -8, sm: brand ? -52 : -48 }} mb={brand ? 'xs' : 4}>
          {brand && (
            <Box component="header" miw={0} data-testid="page-brand">
              <BrandAccent color={brand.accentColor} />
              <BrandMark brand={brand} />
            </Box>
          )}
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

/** The operator's accent as the app's primary colour while the branded page is shown (mounted only with a brand). */
function BrandAccent({ color }: { color: string | null }) {
  useBrandAccent(color);
  return null;
}
