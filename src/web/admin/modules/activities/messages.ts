// Messages of a customer's Activities timeline: one sentence per kind of step, and who took it.
import { defineEnglishMessages } from '../../../lib/i18n';

export const activitiesMessages = {
  en: {
    title: 'Activities',
    none: 'No activities yet.',
    /** After the time of a step: "· by Olivia Owner". */
    by: 'by {name}',
    automatic: 'automatically',
    created:
      'Created as {type, select, nonmember {a nonmember} other {a member}}{source, select, invitation { by invitation} mass_invitation { by mass invitation} join_request { from a join request} manual { by hand} reception { at reception} purchase { by a first purchase} self_sign_up { by signing up for a plan} transfer { by a transfer} other {}}',
    invited: 'Invitation sent to {email}',
    invitedNoEmail: 'Invitation sent',
    reminderSent: 'Reminder sent, with a new link',
    invitationResent: 'Invitation sent again, with a new link',
    activated: 'Activated their account',
    accessGranted: 'Got access to {location} with the account they already had',
    joinedCompany: 'Joined {company}{manager, select, yes { as a manager} other {}}',
    joinedSomeCompany: 'Joined a company{manager, select, yes { as a manager} other {}}',
    leftCompany: 'Left {company}{deleted, select, yes { (the company was deleted)} other {}}',
    leftSomeCompany: 'Left a company{deleted, select, yes { (the company was deleted)} other {}}',
    managerOn: 'Became a manager of {company}',
    managerOnTheirCompany: 'Became a manager of their company',
    managerOff: 'No longer a manager of {company}',
    managerOffTheirCompany: 'No longer a manager of their company',
    /** `permissions` is a list in the reader's language ("Customers, Settings"). */
    adminOn: 'Became an administrator ({permissions})',
    adminOnNoPermissions: 'Became an administrator',
    adminOff: 'Administrator access ended',
    noteAdded: 'Note added',
    attachmentAdded: 'Attachment added: {fileName}',
    attachmentAddedNoName: 'Attachment added',
    becameMember: 'Became a member',
    becameNonmember: 'Became a nonmember',
    becameNonmemberAutoRemove: 'Became a nonmember: no subscription covers them any more',
    subscribed: 'Subscribed to {plan} from {startDate}',
    subscriptionCanceled: 'Subscription to {plan} canceled',
    removed: 'Removed from {location}',
    restored: 'Restored{type, select, member { as a member} nonmember { as a nonmember} other {}}',
    transferredOut:
      'Transferred to {location} as {type, select, nonmember {a nonmember} other {a member}}{old, select, nonmember {; became a nonmember here} remove {; removed from here} other {}}',
    transferredIn: 'Transferred from {location}',
    /** `fields` is a list of the field names below. */
    detailsChanged: 'Changed {fields}',
    detailsChangedNoFields: 'Details changed',
    'field.firstName': 'first name',
    'field.lastName': 'last name',
    'field.email': 'email',
    'field.phone': 'phone',
    /** At the reception kiosk; `consent` is the sentence they agreed to. */
    leadCreated: 'Left contacts at reception, agreeing to: “{consent}”',
    leadCompany: 'Company: {company}',
    leadMessage: 'Message: {message}',
    /** A kind of step this version of the app does not know yet, by its code. */
    other: 'Other activity ({kind})',
  },
};

export const t = defineEnglishMessages('admin.activities', activitiesMessages);
