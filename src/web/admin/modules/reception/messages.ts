// Messages of Settings > Reception: the pairing code, the paired tablets and the kiosk's settings.
import { defineEnglishMessages } from '../../../lib/i18n';

export const receptionMessages = {
  en: {
    title: 'Reception',
    intro: 'A tablet at the front desk, opened at {url}, lets visitors leave their contacts, check in to see a member and check in to events.',
    'pairing.title': 'Pair a tablet',
    'pairing.help': 'Open {url} on the tablet, then show a code here and type it there. A code works once, for 10 minutes.',
    'pairing.name': 'Tablet name (optional)',
    'pairing.namePlaceholder': 'Front desk',
    'pairing.show': 'Show a pairing code',
    'pairing.showAnother': 'Show a new code',
    'pairing.codeLabel': 'Pairing code',
    'pairing.expiresIn': 'Expires in {time}',
    'pairing.expired': 'This code has expired. Show a new one.',
    'pairing.hide': 'Hide',
    'pairing.paired': '{name} is paired',
    'devices.title': 'Paired tablets',
    'devices.count': '{count, plural, =0 {No tablet} one {# tablet} other {# tablets}}',
    'devices.empty': 'No tablet is paired yet. Show a pairing code and type it on the tablet.',
    'devices.name': 'Name',
    'devices.pairedAt': 'Paired',
    'devices.lastSeen': 'Last seen',
    'devices.revoke': 'Revoke',
    'devices.revokeTitle': 'Revoke {name}?',
    'devices.revokeBody': '{name} stops working at once and shows the pairing screen again. The contacts and visits it took stay.',
    'devices.revoked': '{name} was revoked',
    'settings.title': 'Kiosk settings',
    'settings.help': 'What the tablet offers at {location}. Event check-in is always on.',
    'settings.leaveContacts': 'Leave your contacts',
    'settings.leaveContactsHelp': 'Visitors leave their name and email; each becomes a nonmember with source Reception.',
    'settings.visitors': 'I’m visiting someone',
    'settings.visitorsHelp': 'Visitors pick a member as host (shown by first name, last initial and company); the host is emailed.',
    'settings.consentText': 'Consent sentence',
    'settings.consentTextHelp': 'Shown beside the checkbox people must tick to leave their contacts; stored with each lead.',
    'settings.consentRequired': 'Write the sentence people agree to',
    'settings.save': 'Save kiosk settings',
    'settings.saved': 'Kiosk settings saved',
    'settings.noPermission': 'Changing these settings needs the "settings" permission.',
  },
};

export const t = defineEnglishMessages('admin.reception', receptionMessages);
