// Messages of the admin app's frame and the words its modules share: sign-in, navigation, page states, field hints,
// and the labels of statuses, customer types, sources and permissions.
import { defineEnglishMessages } from '../lib/i18n';
import type { Customer, CustomerStatus, CustomerType, Permission } from '../lib/types';

export const adminMessages = {
  en: {
    appTitle: 'Atrium admin',
    required: 'Fill in this field',
    nameTooLong: 'A name can have up to 100 characters',
    emailInvalid: 'Enter an email address, like pat@example.com',
    phoneInvalid: 'Enter a valid phone number, with its country code (like +44) when it is from another country',
    loadingOptions: 'Loading…',
    cancel: 'Cancel',
    search: 'Search',
    loadMore: 'Load more',
    'signIn.title': 'Sign in to Atrium admin',
    'signIn.intro': 'We email you a 6-digit code; no password needed.',
    'shell.toggleNavigation': 'Toggle navigation',
    'shell.location': 'Location',
    'shell.navigation': 'Main navigation',
    'shell.customers': 'Customers',
    'shell.companies': 'Companies',
    'shell.joinRequests': 'Join requests',
    'shell.plans': 'Plans',
    'shell.invoices': 'Invoices',
    'shell.resources': 'Resources',
    'shell.bookings': 'Bookings',
    'shell.events': 'Events',
    'shell.content': 'Content',
    'shell.shop': 'Shop',
    'shell.benefits': 'Benefits',
    'shell.users': 'Users',
    'shell.usage': 'Usage',
    'shell.analytics': 'Analytics',
    'shell.settings': 'Settings',
    'shell.reception': 'Reception',
    'shell.mailbox': 'Mailbox',
    'shell.signIn': 'Sign in',
    'shell.mailNotDelivered.title': 'Email is not being delivered',
    'shell.mailNotDelivered.body':
      'No SMTP server is configured, so Atrium keeps every email, sign-in codes and invitations included, in its built-in mailbox instead of sending it.',
    'shell.mailNotDelivered.open': 'Open the mailbox',
    'notAdmin.title': 'You do not administer any location',
    'notAdmin.body': 'Your account works, but nobody has made you an administrator yet. Ask the owner of your workspace to add you.',
    'notAdmin.portal': 'Go to the member portal',
    'notAdmin.signOut': 'Sign out',
    noAccess: 'Your administrator permissions do not include this page. Ask the owner if you need it.',
    'notFound.title': 'Page not found',
    'notFound.body': 'This page does not exist, or it belongs to a location you do not administer.',
    'notFound.home': 'Go to the admin home',
    'status.invited': 'Invited',
    'status.active': 'Active',
    'status.removed': 'Removed',
    'type.member': 'Member',
    'type.nonmember': 'Nonmember',
    /** How a customer came: the Source column and filter of the Customers page, and the profile's details. */
    'source.invitation': 'Invitation',
    'source.mass_invitation': 'Mass invitation',
    'source.join_request': 'Join request',
    'source.manual': 'Added by hand',
    'source.reception': 'Reception',
    'source.purchase': 'First purchase',
    'source.self_sign_up': 'Signed up for a plan',
    'source.transfer': 'Transfer',
    'permission.customers': 'Customers',
    'permission.billing': 'Billing',
    'permission.resources': 'Resources',
    'permission.content': 'Content',
    'permission.events': 'Events',
    'permission.shop': 'Shop',
    'permission.benefits': 'Benefits',
    'permission.analytics': 'Analytics',
    'permission.settings': 'Settings',
    'permission.reception': 'Reception',
  },
};

export const tAdmin = defineEnglishMessages('admin', adminMessages);

export const statusLabel = (status: CustomerStatus) => tAdmin(`status.${status}`);
export const typeLabel = (type: CustomerType) => tAdmin(`type.${type}`);
export const sourceLabel = (source: Customer['source']) => tAdmin(`source.${source}`);
export const permissionLabel = (permission: Permission) => tAdmin(`permission.${permission}`);
