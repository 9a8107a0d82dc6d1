// Every user-visible word of the member portal, in one place so it can be translated later.
import type { CustomerStatus, CustomerType } from '../lib/types';

export const text = {
  appName: 'Atrium',
  signIn: {
    title: 'Sign in to Atrium',
    intro: 'Enter your email and we send you a 6-digit code. No password needed.',
  },
  nav: {
    label: 'Main navigation',
    home: 'Home',
    profile: 'Profile',
  },
  home: {
    title: 'My locations',
    empty: 'You are not a member of any location yet',
    emptyHelp: 'When a location invites you, or approves your request to join, it appears here.',
    adminApp: 'Admin app',
  },
  type: { member: 'Member', nonmember: 'Nonmember' } satisfies Record<CustomerType, string>,
  status: { invited: 'Invited', active: 'Active', removed: 'Removed' } satisfies Record<CustomerStatus, string>,
  profile: {
    title: 'Profile',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    signOut: 'Sign out',
  },
  notFound: {
    title: 'Page not found',
    home: 'Go to the home page',
  },
};
