// Messages of the Attachments card of a customer profile: upload, the checks before it, the list, deleting.
import { defineEnglishMessages } from '../../../lib/i18n';

export const attachmentsMessages = {
  en: {
    title: 'Attachments',
    upload: 'Upload file',
    help: 'PDF, images and office documents, up to 10 MB each. Only administrators of this location can download them.',
    uploaded: '{name} uploaded',
    tooLarge: '{name} is larger than 10 MB. Upload a smaller file.',
    empty: '{name} is empty. Upload a file with something in it.',
    /** The server read the content and refused it (400): not an accepted type, or not the type its name ends in. */
    refused:
      'This file type is not accepted, or {name} is not the kind of file its name says. Upload a PDF, an image or an office document with its usual extension.',
    dismiss: 'Dismiss',
    none: 'No attachments yet.',
    delete: 'Delete',
    deleteFor: 'Delete {name}',
    deleteTitle: 'Delete attachment',
    deleteConfirm: 'Delete {name}? The file is deleted for good.',
    deleteButton: 'Delete file',
    deleted: '{name} deleted',
  },
};

export const t = defineEnglishMessages('admin.attachments', attachmentsMessages);
