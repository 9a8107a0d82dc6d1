// A location's own logo in its settings: shown there instead of the organization's.
import type { Location } from '../../../lib/types';
import { useLocationLogo } from './api';
import { t } from './messages';
import { LogoField } from './LogoField';

export function LocationLogoField({ location }: { location: Location }) {
  const { upload, remove } = useLocationLogo(location.id);
  return (
    <LogoField
      label={t('locationLogo')}
      help={`${t('locationLogoHelp')} ${t('logoHelp')}`}
      empty={t('locationNoLogo')}
      logoUrl={location.logoUrl}
      upload={upload}
      remove={() => remove.mutateAsync()}
      confirm={{ title: t('removeLocationLogoTitle', { location: location.name }), body: t('removeLocationLogoBody', { location: location.name }) }}
    />
  );
}
