// The signed-in person (GET /me) and the auth calls shared by the admin app and the portal.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from './api';
import type { Me, User } from './types';

export const meKey = ['me'] as const;

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => api.get<Me>('/me') });
}

export const auth = {
  requestCode: (email: string) => api.post('/auth/code', { email }),
  signIn: (email: string, code: string) => api.post<{ user: User }>('/auth/sign-in', { email, code }),
  signInWithLink: (token: string) => api.post<{ user: User }>('/auth/link', { token }),
};

/** Signs out, forgets everything cached for this person and goes to the sign-in page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post('/auth/sign-out'),
    onSuccess: () => {
      navigate('/sign-in', { replace: true });
      queryClient.removeQueries();
    },
  });
}

export function fullName(person: { firstName: string; lastName?: string | null }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ');
}
