// The development mailbox (only with the mailbox mail transport; 404 when Atrium sends through SMTP).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { MailMessage } from '../../../lib/types';

export function useMailbox(options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: ['mailbox'],
    queryFn: () => api.get<{ messages: MailMessage[] }>('/dev/mailbox'),
    refetchInterval: options.refetchInterval,
  });
}
