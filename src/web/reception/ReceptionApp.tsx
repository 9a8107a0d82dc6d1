// The reception tablet (kiosk, mounted at /reception): until paired it asks for the pairing code an administrator
// shows; once paired, big buttons open "Leave your contacts", "I'm visiting someone" (when on) and "Event check-in".
// It goes back to its home screen after a minute without a touch, and says so plainly when the server is unreachable.
import { Box, Button, Center, Loader, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { isApiError } from '../lib/api';
import { useTitlePlace } from '../ui/document-title';
import { FormError } from '../ui/FormError';
import { LanguageMenu } from '../ui/LanguageMenu';
import { useServerForm } from '../ui/use-server-form';
import { type Kiosk, useKiosk, usePair } from './api';
import { t } from './messages';
import { CheckInScreen, ContactsScreen, ThanksScreen, VisitScreen } from './Screens';
import { BrandMark, useBrandAccent } from '../ui/brand';

export const IDLE_MS = 60_000;

export type Screen = { name: 'home' } | { name: 'contacts' } | { name: 'visit' } | { name: 'check-in' } | { name: 'thanks'; text: string };

export function ReceptionApp() {
  const kiosk = useKiosk();
  if (kiosk.isPending) {
    return (
      <Frame>
        <Loader size="xl" aria-label={t('appTitle')} />
      </Frame>
    );
  }
  if (kiosk.isError) {
    return (
      <Frame>
        <Stack maw={800} gap="xl" ta="center" align="center">
          <Title order={1} fz={{ base: 36, sm: 48 }}>
            {t('offline.title')}
          </Title>
          <Text fz={{ base: 20, sm: 26 }}>{isApiError(kiosk.error, 0) ? t('offline') : t('error.generic')}</Text>
          <Button size="xl" h={80} px={48} onClick={() => kiosk.refetch()} loading={kiosk.isFetching}>
            {t('offline.retry')}
          </Button>
        </Stack>
      </Frame>
    );
  }
  if (!kiosk.data) return <NotPaired />;
  return <Paired kiosk={kiosk.data} />;
}

/** Full screen, centred, with the language menu in a corner. */
function Frame({ children }: { children: React.ReactNode }) {
  return (
    <Center component="main" mih="100dvh" p="xl" bg="gray.0" pos="relative">
      <Box pos="absolute" top={16} right={16}>
        <LanguageMenu />
      </Box>
      {children}
    </Center>
  );
}

const pairSchema = z.object({
  code: z
    .string()
    .trim()
    .transform((code) => code.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().length(8, { error: () => t('pair.codeRequired') })),
});

function NotPaired() {
  const pair = usePair();
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: pairSchema,
    initialValues: { code: '' },
    submit: (values) => pair.mutateAsync(values.code),
    fieldForError: () => 'code',
    errorTexts: () => ({ '404': t('pair.wrong'), '429': t('pair.tooMany'), '0': t('offline') }),
  });
  return (
    <Frame>
      <Stack maw={900} gap="xl" ta="center" align="center">
        <Title order={1} fz={{ base: 36, sm: 56 }} lh={1.15}>
          {t('notPaired.title')}
        </Title>
        <Text fz={{ base: 22, sm: 28 }} lh={1.4}>
          {t('notPaired.body')}
        </Text>
        <form onSubmit={onSubmit} noValidate style={{ width: '100%', maxWidth: 560 }}>
          <Stack gap="lg">
            <TextInput
              label={t('pair.code')}
              description={t('pair.codeHelp')}
              size="xl"
              autoFocus
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={12}
              styles={{ input: { fontSize: 44, height: 88, letterSpacing: '0.25em', textAlign: 'center', fontFamily: 'monospace' }, label: { fontSize: 22 } }}
              {...form.getInputProps('code')}
            />
            <FormError message={error} />
            <Button type="submit" size="xl" h={80} loading={submitting}>
              {t('pair.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Frame>
  );
}

/** Back to the start after `ms` without a touch, a key or typing. */
function useIdleReset(active: boolean, onIdle: () => void, ms = IDLE_MS) {
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(onIdle, ms);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, ms);
    };
    const events = ['pointerdown', 'keydown', 'input', 'touchstart', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, restart, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, restart);
    };
  }, [active, onIdle, ms]);
}

function Paired({ kiosk }: { kiosk: Kiosk }) {
  const [screen, setScreen] = useState<Screen>({ name: 'home' });
  useTitlePlace(kiosk.name);
  const home = useCallback(() => setScreen({ name: 'home' }), []);
  useIdleReset(screen.name !== 'home', home);
  // a screen the administrator switched off meanwhile is left at once
  useEffect(() => {
    if ((screen.name === 'contacts' && !kiosk.leaveContacts) || (screen.name === 'visit' && !kiosk.visitors)) home();
  }, [screen.name, kiosk.leaveContacts, kiosk.visitors, home]);

  const done = (text: string) => setScreen({ name: 'thanks', text });
  useBrandAccent(kiosk.brand.accentColor);
  let body: React.ReactNode;
  switch (screen.name) {
    case 'contacts':
      body = <ContactsScreen kiosk={kiosk} onBack={home} onDone={done} />;
      break;
    case 'visit':
      body = <VisitScreen onBack={home} onDone={done} />;
      break;
    case 'check-in':
      body = <CheckInScreen onBack={home} onDone={done} />;
      break;
    case 'thanks':
      body = <ThanksScreen text={screen.text} onDone={home} />;
      break;
    default:
      body = <Home kiosk={kiosk} open={setScreen} />;
  }
  return (
    <Box component="main" mih="100dvh" bg="gray.0" pos="relative" p={{ base: 'md', sm: 'xl' }}>
      <Box pos="absolute" top={16} left={16} right={96} data-testid="kiosk-brand">
        <BrandMark brand={kiosk.brand} size="xl" logoHeight={48} />
      </Box>
      <Box pos="absolute" top={16} right={16}>
        <LanguageMenu />
      </Box>
      {body}
    </Box>
  );
}

function BigChoice({ label, help, onClick }: { label: string; help: string; onClick: () => void }) {
  return (
    <UnstyledButton
      onClick={onClick}
      p="xl"
      mih={200}
      bg="white"
      style={{ borderRadius: 16, border: '2px solid var(--mantine-primary-color-4)', display: 'flex', flexDirection: 'column', justifyContent: 'center' }}
    >
      <Text fz={32} fw={700} c="var(--mantine-primary-color-filled)" lh={1.2}>
        {label}
      </Text>
      <Text fz={20} c="dimmed" mt="sm">
        {help}
      </Text>
    </UnstyledButton>
  );
}

function Home({ kiosk, open }: { kiosk: Kiosk; open: (screen: Screen) => void }) {
  const choices = [
    kiosk.leaveContacts && { key: 'contacts', label: t('home.leaveContacts'), help: t('home.leaveContactsHelp'), screen: { name: 'contacts' } as const },
    kiosk.visitors && { key: 'visit', label: t('home.visiting'), help: t('home.visitingHelp'), screen: { name: 'visit' } as const },
    { key: 'check-in', label: t('home.checkIn'), help: t('home.checkInHelp'), screen: { name: 'check-in' } as const },
  ].filter((c) => c !== false);
  return (
    <Center mih="calc(100dvh - 64px)">
      <Stack gap={40} w="100%" maw={1100} ta="center">
        <Stack gap="xs">
          <Title order={1} fz={{ base: 36, sm: 52 }} lh={1.15}>
            {t('home.welcome', { name: kiosk.name })}
          </Title>
          <Text fz={{ base: 22, sm: 28 }} c="dimmed">
            {t('home.prompt')}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: choices.length }} spacing="xl">
          {choices.map((c) => (
            <BigChoice key={c.key} label={c.label} help={c.help} onClick={() => open(c.screen)} />
          ))}
        </SimpleGrid>
      </Stack>
    </Center>
  );
}
