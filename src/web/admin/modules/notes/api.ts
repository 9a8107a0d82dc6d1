// Notes on a customer profile: list, add, edit, delete.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { noteSchema } from '../../../../server/modules/notes/schema';
import { api } from '../../../lib/api';
import { customerPath, profileKey } from '../customers/profile-api';

export type Note = z.infer<typeof noteSchema>;

export const notesKey = (locationId: string, customerId: string) => [...profileKey(locationId, customerId), 'notes'] as const;
const notesPath = (locationId: string, customerId: string) => `${customerPath(locationId, customerId)}/notes`;

export function useNotes(locationId: string, customerId: string) {
  return useQuery({ queryKey: notesKey(locationId, customerId), queryFn: () => api.get<{ items: Note[] }>(notesPath(locationId, customerId)) });
}

export const notesApi = {
  add: (locationId: string, customerId: string, body: string) => api.post<{ note: Note }>(notesPath(locationId, customerId), { body }),
  edit: (locationId: string, customerId: string, noteId: string, body: string) =>
    api.patch<{ note: Note }>(`${notesPath(locationId, customerId)}/${encodeURIComponent(noteId)}`, { body }),
  remove: (locationId: string, customerId: string, noteId: string) => api.delete(`${notesPath(locationId, customerId)}/${encodeURIComponent(noteId)}`),
};
