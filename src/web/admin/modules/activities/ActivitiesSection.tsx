// The Activities timeline of a customer profile: newest on top (creation last), one readable sentence per step.
import { Text, Timeline } from '@mantine/core';
import { formatDateTime, formatDay, formatList, formatRelative } from '../../../lib/format';
import { knownPermissions, type Location } from '../../../lib/types';
import { permissionLabel } from '../../messages';
import type { Activity, CustomerProfile } from '../customers/api';
import { ProfileSection } from '../customers/ProfileSection';
import { t } from './messages';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
/** An ICU select's value for a flag. */
const yes = (flag: boolean) => (flag ? 'yes' : 'no');
const FIELDS = ['firstName', 'lastName', 'email', 'phone'] as const;
const isField = (field: string): field is (typeof FIELDS)[number] => (FIELDS as readonly string[]).includes(field);
const fieldName = (field: string) => (isField(field) ? t(`field.${field}`) : field);

/** The sentence of one activity; `companyName` names the company when the step is about the customer's current one. */
export function activitySentence(activity: Activity, context: { companyId: string | null; companyName: string | null; locationName: string }): string {
  const { data } = activity;
  const company = str(data.companyId) && data.companyId === context.companyId ? context.companyName : null;
  const location = context.locationName;
  switch (activity.kind) {
    case 'created':
      return t('created', { type: str(data.type) ?? 'member', source: str(data.source) ?? 'none' });
    case 'invited': {
      const email = str(data.email);
      return email ? t('invited', { email }) : t('invitedNoEmail');
    }
    case 'reminder_sent':
      return t('reminderSent');
    case 'invitation_resent':
      return t('invitationResent');
    case 'activated':
      return t('activated');
    case 'access_granted':
      return t('accessGranted', { location });
    case 'joined_company': {
      const manager = yes(data.manager === true);
      return company ? t('joinedCompany', { company, manager }) : t('joinedSomeCompany', { manager });
    }
    case 'left_company': {
      const deleted = yes(data.reason === 'company deleted');
      return company ? t('leftCompany', { company, deleted }) : t('leftSomeCompany', { deleted });
    }
    case 'manager_on':
      return company ? t('managerOn', { company }) : t('managerOnTheirCompany');
    case 'manager_off':
      return company ? t('managerOff', { company }) : t('managerOffTheirCompany');
    case 'admin_on': {
      const permissions = knownPermissions(strings(data.permissions)).map(permissionLabel);
      return permissions.length ? t('adminOn', { permissions: formatList(permissions) }) : t('adminOnNoPermissions');
    }
    case 'admin_off':
      return t('adminOff');
    case 'note_added':
      return t('noteAdded');
    case 'attachment_added': {
      const fileName = str(data.fileName);
      return fileName ? t('attachmentAdded', { fileName }) : t('attachmentAddedNoName');
    }
    case 'became_member':
      return t('becameMember');
    case 'became_nonmember':
      return t(data.reason === 'auto_remove' ? 'becameNonmemberAutoRemove' : 'becameNonmember');
    case 'subscribed':
      return t('subscribed', { plan: str(data.plan) ?? '', startDate: formatDay(str(data.startDate) ?? '') });
    case 'subscription_canceled':
      return t('subscriptionCanceled', { plan: str(data.plan) ?? '' });
    case 'removed':
      return t('removed', { location });
    case 'restored':
      return t('restored', { type: str(data.type) ?? 'none' });
    case 'transferred_out':
      return t('transferredOut', { location: str(data.toLocationName) ?? '', type: str(data.type) ?? 'member', old: str(data.oldCustomer) ?? 'keep' });
    case 'transferred_in':
      return t('transferredIn', { location: str(data.fromLocationName) ?? '' });
    case 'details_changed': {
      const fields = strings(data.fields).map(fieldName);
      return fields.length ? t('detailsChanged', { fields: formatList(fields) }) : t('detailsChangedNoFields');
    }
    case 'lead_created': {
      const parts = [t('leadCreated', { consent: str(data.consentText) ?? '' })];
      if (str(data.company)) parts.push(t('leadCompany', { company: str(data.company) ?? '' }));
      if (str(data.message)) parts.push(t('leadMessage', { message: str(data.message) ?? '' }));
      return parts.join(' · ');
    }
    default:
      return t('other', { kind: activity.kind });
  }
}

export function ActivitiesSection({ profile, location }: { profile: CustomerProfile; location: Location }) {
  const { customer, activities } = profile;
  const context = { companyId: customer.companyId, companyName: customer.companyName, locationName: location.name };
  return (
    <ProfileSection id="activities" title={t('title')}>
      {activities.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('none')}
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
                {activity.actor ? ` · ${t('by', { name: activity.actor.name })}` : activity.kind === 'reminder_sent' ? ` · ${t('automatic')}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </ProfileSection>
  );
}
