// Messages of the first-run setup page (/admin/setup).
import { defineEnglishMessages } from '../../../lib/i18n';

export const setupMessages = {
  en: {
    title: 'Set up Atrium',
    intro: 'Create your organization, its first location and the owner account. You can add more locations later.',
    missingToken: 'This page needs the setup link printed by the server (it ends with ?token=…). Open that link instead.',
    /** A 403: the token in the link is not the one the server printed (or it was spent). */
    badLink: 'This setup link is not valid. Use the link printed when the server started.',
    doneTitle: 'Atrium is already set up',
    doneBody: 'An organization exists already. Sign in with your email to continue.',
    signIn: 'Sign in',
    organizationSection: 'Organization',
    organizationName: 'Organization name',
    locationSection: 'First location',
    ownerSection: 'Owner',
    ownerEmail: 'Owner email',
    ownerFirstName: 'Owner first name',
    ownerLastName: 'Owner last name',
    submit: 'Create organization',
  },
};

export const t = defineEnglishMessages('admin.setup', setupMessages);
