// Notes of a customer profile: add one, edit in place, delete after a confirmation; author and time shown.
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { z } from 'zod';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { useConfirmedAction } from '../../../ui/use-confirmed-action';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { ProfileList, ProfileSection } from '../customers/ProfileSection';
import { useAddNote, useDeleteNote, useEditNote, useNotes, type Note } from './api';
import { t } from './messages';

const noteSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, { error: () => t('empty') })
    .max(10_000, { error: () => t('tooLong') }),
});

interface NotesProps {
  locationId: string;
  customerId: string;
  timeZone: string;
}

export function NotesSection({ locationId, customerId, timeZone }: NotesProps) {
  const notes = useNotes(locationId, customerId);
  const [editingId, setEditingId] = useState<string | null>(null);
  const deleteNote = useDeleteNote(locationId, customerId);
  const remove = useConfirmedAction(
    (note: Note) => deleteNote.mutateAsync(note.id),
    () => notifySuccess(t('deleted')),
  );

  return (
    <ProfileSection id="notes" title={t('title')}>
      <AddNoteForm locationId={locationId} customerId={customerId} />
      <QueryView query={notes} rows={2}>
        {({ items }) => (
          <ProfileList items={items} empty={t('none')} spacing="sm" testId="notes-list">
            {(note) =>
              editingId === note.id ? (
                <EditNoteForm note={note} locationId={locationId} customerId={customerId} onDone={() => setEditingId(null)} />
              ) : (
                <NoteView note={note} timeZone={timeZone} onEdit={() => setEditingId(note.id)} onDelete={() => remove.ask(note)} />
              )
            }
          </ProfileList>
        )}
      </QueryView>
      <ConfirmModal {...remove.modal} title={t('deleteTitle')} confirmLabel={t('deleteButton')}>
        {remove.item && t('deleteConfirm', { author: remove.item.author.name })}
      </ConfirmModal>
    </ProfileSection>
  );
}

function NoteView({ note, timeZone, onEdit, onDelete }: { note: Note; timeZone: string; onEdit: () => void; onDelete: () => void }) {
  const edited = note.updatedAt !== note.createdAt;
  const when = formatDateTime(note.createdAt, timeZone);
  return (
    <Stack gap={4} data-testid="note">
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed">
          <Text span size="sm" fw={600} c="var(--mantine-color-text)">
            {note.author.name}
          </Text>
          {' · '}
          <time dateTime={note.createdAt} title={formatRelative(note.createdAt)}>
            {when}
          </time>
          {edited && <span title={formatDateTime(note.updatedAt, timeZone)}>{` · ${t('edited')}`}</span>}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" variant="subtle" onClick={onEdit} aria-label={t('editFor', { author: note.author.name, when })}>
            {t('edit')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={onDelete} aria-label={t('deleteFor', { author: note.author.name, when })}>
            {t('delete')}
          </Button>
        </Group>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {note.body}
      </Text>
    </Stack>
  );
}

function AddNoteForm({ locationId, customerId }: { locationId: string; customerId: string }) {
  const add = useAddNote(locationId, customerId);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: noteSchema,
    initialValues: { body: '' },
    submit: async ({ body }) => {
      await add.mutateAsync({ body });
      form.reset();
      notifySuccess(t('added'));
    },
    fieldForError: () => 'body',
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('newNote')}
          placeholder={t('placeholder')}
          autosize
          minRows={2}
          maxRows={10}
          {...form.getInputProps('body')}
          onKeyDown={(event) => {
            // Ctrl/Cmd+Enter adds the note, as in most note fields.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              onSubmit();
            }
          }}
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={submitting}>
            {t('add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface EditNoteProps {
  note: Note;
  locationId: string;
  customerId: string;
  onDone: () => void;
}

function EditNoteForm({ note, locationId, customerId, onDone }: EditNoteProps) {
  const edit = useEditNote(locationId, customerId);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: noteSchema,
    initialValues: { body: note.body },
    submit: async ({ body }) => {
      if (body === note.body) return onDone();
      await edit.mutateAsync({ noteId: note.id, body });
      notifySuccess(t('saved'));
      onDone();
    },
    fieldForError: () => 'body',
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('editLabel', { author: note.author.name })}
          autosize
          minRows={2}
          maxRows={14}
          data-autofocus
          autoFocus
          {...form.getInputProps('body')}
        />
        <FormError message={error} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone} disabled={submitting}>
            {tAdmin('cancel')}
          </Button>
          <Button type="submit" size="xs" loading={submitting}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
