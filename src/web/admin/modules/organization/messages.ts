// Messages of the owner's Organization section and of a location's own logo.
import { defineEnglishMessages } from '../../../lib/i18n';

export const organizationMessages = {
  en: {
    title: 'Organization',
    help: 'Your brand: the portal, the reception kiosk, this admin and every email show this name, logo and colour.',
    name: 'Organization name',
    accentColor: 'Accent colour',
    accentHelp: 'Buttons and links. A colour too light for white text is darkened where text sits on it.',
    accentAdjusted: 'Text on this colour would be hard to read, so buttons and links use {color} instead.',
    accentInvalid: 'Use a colour like #1c7ed6',
    pickFromScreen: 'Pick a colour from the screen',
    supportEmail: 'Support email',
    supportEmailHelp: 'Shown at the bottom of every email, for questions.',
    supportEmailInvalid: 'Enter a valid email address',
    language: 'Default language',
    languageHelp: 'New locations start in this language; emails about the organization as a whole use it.',
    'language.en': 'English',
    'language.fr': 'French',
    save: 'Save',
    saved: 'Organization settings saved',
    logo: 'Logo',
    logoHelp: 'PNG, JPEG or WebP, up to 2 MB. Shown about 32 pixels high.',
    noLogo: 'No logo yet: the name is shown alone.',
    logoAlt: 'The current logo',
    uploadLogo: 'Upload logo',
    replaceLogo: 'Replace logo',
    removeLogo: 'Remove logo',
    logoSaved: 'Logo saved',
    logoRemoved: 'Logo removed',
    logoTooLarge: 'The logo is larger than 2 MB. Choose a smaller image.',
    removeLogoTitle: 'Remove the logo?',
    removeLogoBody: 'The portal, the kiosk and emails will show the name alone until you upload another.',
    locationLogo: 'Logo of this location',
    locationLogoHelp: 'Optional: shown at this location instead of the organization’s logo.',
    locationNoLogo: 'None: the organization’s logo is shown.',
    removeLocationLogoTitle: 'Remove the logo of {location}?',
    removeLocationLogoBody: 'The organization’s logo will be shown at {location} again.',
  },
};

export const t = defineEnglishMessages('admin.organization', organizationMessages);
