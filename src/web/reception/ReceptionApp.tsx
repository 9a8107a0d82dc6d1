// The reception tablet (kiosk, mounted at /reception); until pairing exists it explains how to pair.
import { Box, Center, Stack, Text, Title } from '@mantine/core';
import { Route, Routes } from 'react-router';
import { LanguageMenu } from '../ui/LanguageMenu';
import { t } from './messages';

export function ReceptionApp() {
  return (
    <Routes>
      <Route path="*" element={<NotPaired />} />
    </Routes>
  );
}

function NotPaired() {
  return (
    <Center component="main" mih="100dvh" p="xl" bg="gray.0" pos="relative">
      <Box pos="absolute" top={16} right={16}>
        <LanguageMenu />
      </Box>
      <Stack maw={900} gap="xl" ta="center">
        <Title order={1} fz={{ base: 36, sm: 56 }} lh={1.15}>
          {t('notPaired.title')}
        </Title>
        <Text fz={{ base: 22, sm: 30 }} lh={1.4}>
          {t('notPaired.body')}
        </Text>
      </Stack>
    </Center>
  );
}
