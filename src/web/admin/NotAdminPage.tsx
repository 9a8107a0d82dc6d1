// Shown to a signed-in person who administers no location: says so, offers the portal and Sign out.
import { Anchor, Button, Text } from '@mantine/core';
import { useSignOut } from '../lib/session';
import { CenteredPage } from '../ui/CenteredPage';
import { notifyError } from '../ui/notify';
import { tAdmin } from './messages';

export function NotAdminPage() {
  const signOut = useSignOut();
  return (
    <CenteredPage title={tAdmin('notAdmin.title')}>
      <Text>{tAdmin('notAdmin.body')}</Text>
      <Anchor href="/">{tAdmin('notAdmin.portal')}</Anchor>
      <Button variant="default" loading={signOut.isPending} onClick={() => signOut.mutate(undefined, { onError: notifyError })}>
        {tAdmin('notAdmin.signOut')}
      </Button>
    </CenteredPage>
  );
}
