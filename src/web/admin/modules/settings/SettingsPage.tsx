// Settings of a location (/admin/l/:locationId/settings); the owner also manages locations and administrators here.
import { Divider, Stack, Text, Title } from '@mantine/core';
import { useAdmin, useAdminLocation } from '../../admin-context';
import { tAdmin } from '../../messages';
import { AdministratorsSection } from '../administrators/AdministratorsSection';
import { SpacesSettingsSection } from '../bookings/SpacesSettingsSection';
import { ApiKeysSection } from '../integrations/ApiKeysSection';
import { WebhooksSection } from '../integrations/WebhooksSection';
import { InvitationTemplateSection } from '../invitation-template/InvitationTemplateSection';
import { BillingSettingsForm } from '../locations/BillingSettingsForm';
import { LocationDetailsForm } from '../locations/LocationDetailsForm';
import { LocationsSection } from '../locations/LocationsSection';
import { LocationLogoField } from '../organization/LocationLogoField';
import { OrganizationSection } from '../organization/OrganizationSection';
import { t } from './messages';

export function SettingsPage() {
  const { access } = useAdmin();
  const location = useAdminLocation();
  const owner = access.isOwner(location);
  if (!owner && !access.can(location, 'settings')) return <Text>{tAdmin('noAccess')}</Text>;
  const organization = access.organizationOf(location);
  const organizationLocations = access.locations.filter((candidate) => access.organizationOf(candidate)?.id === organization?.id);
  return (
    <Stack gap="xl">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <Stack component="section" gap="sm" aria-labelledby="details-title">
        <Title order={2} size="h3" id="details-title">
          {t('details')}
        </Title>
        <LocationDetailsForm key={location.id} location={location} />
        <LocationLogoField key={`logo-${location.id}`} location={location} />
      </Stack>
      <Divider />
      <Stack component="section" gap="sm" aria-labelledby="billing-title">
        <Title order={2} size="h3" id="billing-title">
          {t('billing')}
        </Title>
        <BillingSettingsForm key={location.id} location={location} />
      </Stack>
      <SpacesSettingsSection key={`spaces-${location.id}`} location={location} />
      <Divider />
      <InvitationTemplateSection key={location.id} location={location} />
      {owner && organization && (
        <>
          <Divider />
          <OrganizationSection organizationId={organization.id} />
        </>
      )}
      {owner && (
        <>
          <Divider />
          <LocationsSection locations={organizationLocations} defaults={location} />
          <Divider />
          <AdministratorsSection locations={organizationLocations} />
          {organization && (
            <>
              <Divider />
              <ApiKeysSection organizationId={organization.id} locations={organizationLocations} />
              <Divider />
              <WebhooksSection organizationId={organization.id} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
