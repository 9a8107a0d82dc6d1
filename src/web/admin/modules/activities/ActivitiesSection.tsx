// The Activities timeline of a customer profile: newest on top (creation last), one readable sentence per step.
import { Text, Timeline } from '@mantine/core';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { knownPermissions, type Location } from '../../../lib/types';
import { text } from '../../text';
import type { Activity, CustomerProfile } from '../customers/api';
import { ProfileSection } from '../customers/ProfileSection';

const t = text.activities;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The sentence of one activity; `companyName` names the company when the step is about the customer's current one. */
export function activitySentence(activity: Activity, context: { companyId: string | null; companyName: string | null; locationName: string }): string {
  const { data } = activity;
  const company = str(data.companyId) && data.companyId === context.companyId ? context.companyName : null;
  switch (activity.kind) {
    case 'created':
      return t.created(str(data.type), str(data.source));
    case 'invited':
      return t.invited(str(data.email));
    case 'reminder_sent':
      return t.reminderSent;
    case 'invitation_resent':
      return t.invitationResent;
    case 'activated':
      return t.activated;
    case 'access_granted':
      return t.accessGranted(context.locationName);
    case 'joined_company':
      return t.joinedCompany(company, data.manager === true);
    case 'left_company':
      return t.leftCompany(company, data.reason === 'company deleted');
    case 'manager_on':
      return t.managerOn(company);
    case 'manager_off':
      return t.managerOff(company);
    case 'admin_on':
      return t.adminOn(knownPermissions(strings(data.permissions)).map((permission) => text.permissionNames[permission]));
    case 'admin_off':
      return t.adminOff;
    case 'note_added':
      return t.noteAdded;
    case 'attachment_added':
      return t.attachmentAdded(str(data.fileName));
    case 'became_member':
      return t.becameMember;
    case 'became_nonmember':
      return t.becameNonmember;
    case 'removed':
      return t.removed(context.locationName);
    case 'restored':
      return t.restored(str(data.type));
    case 'details_changed':
      return t.detailsChanged(strings(data.fields).map((field) => t.fieldNames[field as keyof typeof t.fieldNames] ?? field));
    default:
      return t.other(activity.kind);
  }
}

export function ActivitiesSection({ profile, location }: { profile: CustomerProfile; location: Location }) {
  const { customer, activities } = profile;
  const context = { companyId: customer.companyId, companyName: customer.companyName, locationName: location.name };
  return (
    <ProfileSection id="activities" title={t.title}>
      {activities.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.none}
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2} active={0} data-testid="activities">
          {activities.map((activity) => (
            <Timeline.Item key={activity.id} data-testid="activity" data-kind={activity.kind}>
              <Text size="sm" fw={500} lh={1.35}>
                {activitySentence(activity, context)}
              </Text>
              <Text size="xs" c="dimmed" mt={2}>
                <time dateTime={activity.createdAt} title={formatRelative(activity.createdAt)}>
                  {formatDateTime(activity.createdAt, location.timeZone)}
                </time>
                {activity.actor ? ` · ${t.by(activity.actor.name)}` : activity.kind === 'reminder_sent' ? ` · ${t.automatic}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </ProfileSection>
  );
}
