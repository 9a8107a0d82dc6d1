// Portal profile: who is signed in, and Sign out.
import { Button, Stack, Text, Title } from '@mantine/core';
import { formatPhone } from '../../../lib/format';
import { fullName, useSignOut } from '../../../lib/session';
import { notifyError } from '../../../ui/notify';
import { usePortalMe } from '../../PortalShell';
import { text } from '../../text';

export function ProfilePage() {
  const { user } = usePortalMe();
  const signOut = useSignOut();
  const facts = [
    [text.profile.name, fullName(user)],
    [text.profile.email, user.email],
    [text.profile.phone, user.phone && formatPhone(user.phone)],
  ] as const;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {text.profile.title}
      </Title>
      <Stack gap="sm" component="dl" m={0}>
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="sm" c="dimmed">
                {label}
              </Text>
              <Text component="dd" m={0} size="lg">
                {value}
              </Text>
            </div>
          ))}
      </Stack>
      <Button variant="default" size="lg" loading={signOut.isPending} onClick={() => signOut.mutate(undefined, { onError: notifyError })}>
        {text.profile.signOut}
      </Button>
    </Stack>
  );
}
