// The pages of the location shown, in the portal's top bar: a menu that opens each at /l/:locationId/pages/:slug.
import { Button, Menu } from '@mantine/core';
import { Link } from 'react-router';
import { usePages } from './api';
import { t } from './messages';

export function PagesMenu({ locationId, locationName }: { locationId: string | undefined; locationName: string }) {
  const pages = usePages(locationId);
  if (!locationId || !pages.data || pages.data.length === 0) return null;
  return (
    <Menu position="bottom-end" width={220}>
      <Menu.Target>
        <Button variant="subtle" size="compact-md" aria-label={t('pagesOf', { location: locationName })} data-testid="pages-menu">
          {t('pages')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{locationName}</Menu.Label>
        {pages.data.map((page) => (
          <Menu.Item key={page.id} component={Link} to={`/l/${locationId}/pages/${page.slug}`}>
            {page.title}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
