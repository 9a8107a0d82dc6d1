// Small routing pages of the admin app: home redirect, location check, permission check, not found.
import { Anchor, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useParams } from 'react-router';
import type { Permission } from '../lib/types';
import { locationHome } from './admin-access';
import { useAdmin, useAdminLocation } from './admin-context';
import { tAdmin } from './messages';

export function AdminHome() {
  const { access } = useAdmin();
  return <Navigate to={locationHome(access, access.locations[0])} replace />;
}

export function LocationScope() {
  const { access } = useAdmin();
  const { locationId } = useParams();
  if (!access.locations.some((location) => location.id === locationId)) return <NotFound />;
  return <Outlet />;
}

export function LocationIndex() {
  const { access } = useAdmin();
  return <Navigate to={locationHome(access, useAdminLocation())} replace />;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { access } = useAdmin();
  const location = useAdminLocation();
  return access.can(location, permission) ? children : <Text>{tAdmin('noAccess')}</Text>;
}

export function NotFound() {
  return (
    <Stack>
      <Title order={1} size="h2">
        {tAdmin('notFound.title')}
      </Title>
      <Text>{tAdmin('notFound.body')}</Text>
      <Anchor component={Link} to="/">
        {tAdmin('notFound.home')}
      </Anchor>
    </Stack>
  );
}
