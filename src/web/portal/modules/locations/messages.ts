// Messages of the portal's location switcher.
import { defineMessages } from '../../../lib/i18n';

export const locationsMessages = {
  en: {
    /** The name of the location switcher's button, read before the menu opens. */
    current: 'Current location: {location}',
    menu: 'Your locations',
  },
  fr: {
    current: 'Site actuel : {location}',
    menu: 'Vos sites',
  },
};

export const t = defineMessages('portal.locations', locationsMessages);
