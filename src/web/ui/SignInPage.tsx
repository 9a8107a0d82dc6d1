// The sign-in page of an app: the email-code flow, then back to the page that asked for it (?next=) or the app's home.
import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { CenteredPage } from './CenteredPage';
import { SignInFlow } from './SignInFlow';

/** Only paths inside this app: "//evil.example" or "https://..." would leave it. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage({ title, intro }: { title: string; intro?: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  return (
    <CenteredPage title={title}>
      {intro && <Text c="dimmed">{intro}</Text>}
      <SignInFlow
        onSignedIn={() => {
          queryClient.removeQueries();
          navigate(safeNext(params.get('next')), { replace: true });
        }}
      />
    </CenteredPage>
  );
}
