// Messages of the Notes card of a customer profile: adding, editing and deleting a note.
import { defineEnglishMessages } from '../../../lib/i18n';

export const notesMessages = {
  en: {
    title: 'Notes',
    newNote: 'New note',
    placeholder: 'Only administrators see notes',
    add: 'Add note',
    added: 'Note added',
    empty: 'Write something first',
    tooLong: 'A note can have up to 10,000 characters',
    none: 'No notes yet.',
    edit: 'Edit',
    editFor: 'Edit the note by {author} from {when}',
    editLabel: 'Note by {author}',
    edited: 'edited',
    save: 'Save note',
    saved: 'Note saved',
    delete: 'Delete',
    deleteFor: 'Delete the note by {author} from {when}',
    deleteTitle: 'Delete note',
    deleteConfirm: 'Delete this note by {author}? It is gone for good.',
    deleteButton: 'Delete note',
    deleted: 'Note deleted',
  },
};

export const t = defineEnglishMessages('admin.notes', notesMessages);
