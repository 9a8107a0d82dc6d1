// Messages of the admin's Join requests page: tabs, the table, approving, declining with a reason, empty states.
import { defineEnglishMessages } from '../../../lib/i18n';

export const joinRequestsMessages = {
  en: {
    title: 'Join requests',
    help: 'Approving makes the person a member: someone new gets the invitation email, an activated account gets access at once. Declining emails them, with your reason if you give one.',
    'tab.pending': 'Pending',
    'tab.approved': 'Approved',
    'tab.declined': 'Declined',
    'column.name': 'Name',
    'column.email': 'Email',
    'column.account': 'Account',
    'column.requested': 'Requested',
    'column.decision': 'Decision',
    'column.approved': 'Approved',
    'column.declined': 'Declined',
    'column.reason': 'Reason',
    hasAccount: 'Has an account',
    newAccount: 'New to Atrium',
    approve: 'Approve',
    approveFor: 'Approve {name}',
    approved: '{name} is now a member and was sent the invitation email',
    approvedWithAccount: '{name} is now a member and has access to {location}',
    alreadyMember: '{email} is already a member of {location}',
    decline: 'Decline',
    declineFor: 'Decline {name}',
    declineTitle: 'Decline the request of {name}',
    declineIntro: 'We email {email} that the request was declined, with your reason if you give one.',
    reason: 'Reason (optional)',
    reasonHelp: 'Included in the email, so write it for the person who asked.',
    reasonTooLong: 'A reason can have up to 1,000 characters',
    declineButton: 'Decline request',
    declined: 'The request of {name} was declined',
    noReason: 'No reason given',
    'empty.pending': 'No pending join requests.',
    'empty.approved': 'No approved requests yet.',
    'empty.declined': 'No declined requests.',
    emptyHelpOpen: 'People ask to join {location} from its page in the member portal; their requests wait here until you approve or decline them.',
    emptyHelpClosed:
      'Requests arrive here when the location accepts them: people then ask to join from its page in the member portal, and you approve or decline.',
    closedTitle: '{location} does not accept join requests',
    closedBody: 'Only invited people become members. To let people ask to join, set "Join requests" to "By approval" in Settings.',
    openSettings: 'Open Settings',
    askSettings: 'An administrator with the Settings permission can turn them on.',
  },
};

export const t = defineEnglishMessages('admin.join-requests', joinRequestsMessages);
