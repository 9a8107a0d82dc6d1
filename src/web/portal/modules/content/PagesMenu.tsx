// The pages of the location shown, as a group of the portal's "More" menu (PortalShell): a label with the location's
// name, then one item per page, opening it at /l/:locationId/pages/:slug. They sit with Company, Shop and Perks because
// they are the location's own places a person goes to now and then, not every day.
import { Menu } from '@mantine/core';
import { Link } from 'react-router';
import { usePages } from './api';
import { t } from './messages';

/** The location's published pages (none while they load or without a location). */
export function useLocationPages(locationId: string | undefined) {
  return usePages(locationId).data ?? [];
}

export function PagesMenuItems({ locationId, locationName, pathname }: { locationId: string | undefined; locationName: string; pathname: string }) {
  const pages = useLocationPages(locationId);
  if (!locationId || pages.length === 0) return null;
  return (
    <>
      <Menu.Divider />
      <Menu.Label>{t('pagesOf', { location: locationName })}</Menu.Label>
      {pages.map((page) => {
        const to = `/l/${locationId}/pages/${page.slug}`;
        return (
          <Menu.Item key={page.id} component={Link} to={to} py="sm" aria-current={pathname === to ? 'page' : undefined}>
            {page.title}
          </Menu.Item>
        );
      })}
    </>
  );
}
