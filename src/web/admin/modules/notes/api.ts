// Notes on a customer profile: their query key, the list, and add, edit, delete (each refreshing the profile's timeline).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { noteBody, noteSchema } from '../../../../server/modules/notes/schema';
import { api } from '../../../lib/api';
import { customerKeys, customerPath, refreshWithProfile } from '../customers/api';

export type Note = z.infer<typeof noteSchema>;
export type NoteInput = z.input<typeof noteBody>;

export const noteKeys = {
  /** Under the profile's key: refreshing the whole profile refreshes its notes. */
  list: (locationId: string, customerId: string) => [...customerKeys.detail(locationId, customerId), 'notes'] as const,
};

const notesPath = (locationId: string, customerId: string) => `${customerPath(locationId, customerId)}/notes`;
const notePath = (locationId: string, customerId: string, noteId: string) => `${notesPath(locationId, customerId)}/${encodeURIComponent(noteId)}`;

export function useNotes(locationId: string, customerId: string) {
  return useQuery({ queryKey: noteKeys.list(locationId, customerId), queryFn: () => api.get<{ items: Note[] }>(notesPath(locationId, customerId)) });
}

/** The notes, and the profile whose timeline gains the step ("note added"...). */
function useRefreshNotes(locationId: string, customerId: string) {
  const queryClient = useQueryClient();
  return () => refreshWithProfile(queryClient, noteKeys.list(locationId, customerId), locationId, customerId);
}

export function useAddNote(locationId: string, customerId: string) {
  const refresh = useRefreshNotes(locationId, customerId);
  return useMutation({
    mutationFn: (input: NoteInput) => api.post<{ note: Note }>(notesPath(locationId, customerId), input),
    onSuccess: refresh,
  });
}

export function useEditNote(locationId: string, customerId: string) {
  const refresh = useRefreshNotes(locationId, customerId);
  return useMutation({
    mutationFn: ({ noteId, ...input }: NoteInput & { noteId: string }) => api.patch<{ note: Note }>(notePath(locationId, customerId, noteId), input),
    onSuccess: refresh,
  });
}

export function useDeleteNote(locationId: string, customerId: string) {
  const refresh = useRefreshNotes(locationId, customerId);
  return useMutation({
    mutationFn: (noteId: string) => api.delete(notePath(locationId, customerId, noteId)),
    onSuccess: refresh,
  });
}
