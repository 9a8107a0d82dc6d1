// How a resource reads: its type, its price per hour in each accepted way, its durations, who may see or book it.
import { formatMinor } from '../../../lib/format';
import type { Resource, ResourceType } from './api';
import { t } from './messages';

export type Visibility = Resource['visibility'];
export const VISIBILITIES = ['administrators', 'location_members', 'network_members', 'public'] as const satisfies readonly Visibility[];

export const typeLabel = (type: ResourceType) => t(`type.${type}`);
export const groupLabel = (type: ResourceType) => t(`group.${type}`);
export const visibilityLabel = (visibility: Visibility) => t(`visibility.${visibility}`);

/** Whether a level lets more people in than another (public is the broadest). */
export const broader = (a: Visibility, b: Visibility) => VISIBILITIES.indexOf(a) > VISIBILITIES.indexOf(b);

/** Hot-desk zones and private offices have several seats; anything else has one. */
export const hasSeats = (type: ResourceType) => type === 'hot_desk' || type === 'private_office';

/** "30 min", "1 h", "1 h 30 min". */
export function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('duration.minutes', { minutes: rest });
  return rest === 0 ? t('duration.hours', { hours }) : t('duration.hoursMinutes', { hours, minutes: rest });
}

/** "€20.00 or 2 credits an hour", "€20.00 an hour", "Free". */
export function priceText(resource: Pick<Resource, 'pricePerHour' | 'creditsPerHour' | 'currency'>): string {
  const money = resource.pricePerHour ? formatMinor(resource.pricePerHour, resource.currency) : null;
  const credits = resource.creditsPerHour || null;
  if (money && credits) return t('price.both', { money, credits });
  if (money) return t('price.money', { money });
  if (credits) return t('price.credits', { credits });
  return t('price.free');
}

export function durationsText(resource: Pick<Resource, 'minMinutes' | 'maxMinutes' | 'incrementMinutes'>): string {
  return t('durations.range', {
    min: durationText(resource.minMinutes),
    max: durationText(resource.maxMinutes),
    step: durationText(resource.incrementMinutes),
  });
}
