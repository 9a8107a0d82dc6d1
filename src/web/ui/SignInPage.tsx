// The sign-in page of an app: the email-code flow, then back to the page that asked for it (?next=) or the app's home.
// Neutral (Atrium) by default, since one installation hosts many operators; a link from one operator names it
// (`?o=<organizationId>`) and the page then shows that operator's name, logo and accent colour.
import { Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../lib/api';
import type { PublicBrandDto } from '../../server/modules/organizations/schema';
import { CenteredPage } from './CenteredPage';
import { tUi } from './messages';
import { SignInFlow } from './SignInFlow';

/** Only paths inside this app: "//evil.example" or "https://..." would leave it. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The brand of the organization a link names; null without one, for an id that is not one, or while it loads. */
function useLinkedBrand(organizationId: string | null): PublicBrandDto | null {
  const valid = organizationId !== null && UUID.test(organizationId);
  const brand = useQuery({
    queryKey: ['public', 'organization-brand', organizationId],
    queryFn: () => api.get<PublicBrandDto>(`/public/organizations/${organizationId}/brand`),
    enabled: valid,
    // an unknown organization stays neutral at once: nothing to retry
    retry: false,
    staleTime: 5 * 60_000,
  });
  return valid ? (brand.data ?? null) : null;
}

export function SignInPage({ title, intro }: { title: string; intro?: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const brand = useLinkedBrand(params.get('o'));
  return (
    <CenteredPage title={brand ? tUi('signIn.titleAt', { name: brand.name }) : title} brand={brand}>
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
