// Messages of the "Invitation email" section of Settings: the template editor, its variables, preview, test and reset.
import { defineEnglishMessages } from '../../../lib/i18n';

export const invitationTemplateMessages = {
  en: {
    title: 'Invitation email',
    help: 'The email a person gets when invited to this location. Write plain text; the "Activate my account" button is added below it. Variables in double braces are replaced for each person.',
    custom: 'Custom template',
    default: 'Default template',
    unsaved: 'Unsaved changes',
    subject: 'Subject',
    subjectTooLong: 'The subject can have up to 300 characters',
    body: 'Message',
    // Quoted ('{...}'): braces are ICU syntax, and these are Liquid written out.
    bodyHelp: "Plain text with Liquid, like '{{ first_name }}' or '{% if inviter_name %}…{% endif %}'.",
    bodyTooLong: 'The message can have up to 20,000 characters',
    variables: 'Variables',
    variablesHelp: 'Click one to insert it where the cursor is.',
    insert: 'Insert {variable}: {meaning}',
    insertUnknown: 'Insert {variable}',
    'variable.first_name': 'first name of the invited person',
    'variable.last_name': 'last name of the invited person',
    'variable.location_name': 'name of this location',
    'variable.organization_name': 'name of your organization',
    'variable.inviter_name': 'name of the administrator who invites',
    'variable.activation_url': 'the activation link (the button is added anyway)',
    save: 'Save template',
    saved: 'Invitation email saved',
    preview: 'Preview',
    previewEmpty: 'Press Preview to see the email as an invited person gets it, with your name as sample values. Nothing is saved or sent.',
    previewNote: 'Preview of the text in the form, with your own name as sample values.',
    previewSubject: 'Subject',
    previewHtml: 'Email',
    previewText: 'Plain text',
    previewFrame: 'Preview: {subject}',
    sendTest: 'Send me a test',
    testSent: 'Test sent to {to}',
    reset: 'Reset to default',
    resetTitle: 'Reset the invitation email',
    resetConfirm: 'Go back to the default invitation email at {location}? Your subject and message are deleted; the next invitations use the default.',
    resetButton: 'Reset to default',
    resetDone: 'The default invitation email is back',
  },
};

export const t = defineEnglishMessages('admin.invitation-template', invitationTemplateMessages);
