// Messages of the Settings page's own frame (its sections bring their own).
import { defineEnglishMessages } from '../../../lib/i18n';

export const settingsMessages = {
  en: {
    title: 'Settings',
    details: 'Location details',
    billing: 'Billing',
  },
};

export const t = defineEnglishMessages('admin.settings', settingsMessages);
