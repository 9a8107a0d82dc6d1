// Messages of the admin's one-time sign-in link page.
import { defineEnglishMessages } from '../../../lib/i18n';

export const authMessages = {
  en: {
    signingIn: 'Signing you in…',
    expiredTitle: 'This link has expired or was already used',
    expiredBody: 'Sign-in links work once and only for a short time. Sign in with your email instead.',
    signIn: 'Sign in',
  },
};

export const t = defineEnglishMessages('admin.auth', authMessages);
