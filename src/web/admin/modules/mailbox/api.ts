// The development mailbox (only with the mailbox mail transport; 404 when Atrium sends through SMTP, 401/403 when closed).
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../lib/api';
import type { MailMessage } from '../../../lib/types';

export const mailboxKeys = {
  all: () => ['mailbox'] as const,
};

export function useMailbox(options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: mailboxKeys.all(),
    queryFn: () => api.get<{ messages: MailMessage[] }>('/dev/mailbox'),
    // A closed mailbox (signed out, or not an owner on a public server) stays closed: no polling.
    refetchInterval: (query) => (isApiError(query.state.error, 401) || isApiError(query.state.error, 403) ? false : options.refetchInterval),
  });
}
