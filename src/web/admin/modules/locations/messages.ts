// Messages of the location forms (setup, Settings details, "Add location") and the owner's Locations section.
import { defineEnglishMessages } from '../../../lib/i18n';

export const locationsMessages = {
  en: {
    name: 'Location name',
    address: 'Address',
    timeZone: 'Time zone',
    timeZoneNotFound: 'No time zone matches',
    timeZoneInvalid: 'Choose a time zone from the list',
    currency: 'Currency',
    currencyHelp: 'Three-letter ISO 4217 code, like EUR',
    currencyInvalid: 'Enter a three-letter currency code, like EUR',
    country: 'Country',
    countryHelp: 'Two-letter ISO code, like DE',
    countryInvalid: 'Enter a two-letter country code, like DE',
    language: 'Language of emails',
    languageHelp: 'For people who have not chosen one: invitations to new people go out in it',
    joinRequests: 'Join requests',
    'joinRequests.closed': 'Closed: only invited people become members',
    'joinRequests.approval': 'By approval: people ask to join and an administrator decides',
    save: 'Save changes',
    saved: 'Location saved',
    locations: 'Locations',
    locationsHelp: 'Every location of your organization. Customers, plans and most settings belong to one location.',
    addLocation: 'Add location',
    added: '{name} added',
    'column.name': 'Name',
    'column.address': 'Address',
    'column.timeZone': 'Time zone',
  },
};

export const t = defineEnglishMessages('admin.locations', locationsMessages);
