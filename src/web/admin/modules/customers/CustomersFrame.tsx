// Heading and tabs shared by the Customers page (members, nonmembers) and the Companies list, each tab with its count.
import { Badge, Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { formatNumber } from '../../../lib/format';
import { PageHeader } from '../../../ui/PageHeader';
import { useAdminLocation } from '../../admin-context';
import { useCustomerCounts, type CustomerCounts } from './api';
import { t } from './messages';

export type CustomerTab = 'member' | 'nonmember' | 'company';
const tabs: CustomerTab[] = ['member', 'nonmember', 'company'];
const countOf: Record<CustomerTab, keyof CustomerCounts> = { member: 'members', nonmember: 'nonmembers', company: 'companies' };

/** `title` is the page's heading: the menu entry that opens it ("Companies" opens a page headed "Companies"). */
export function CustomersFrame({
  active,
  actions,
  title = t('title'),
  children,
}: {
  active: CustomerTab;
  actions: ReactNode;
  title?: string;
  children: ReactNode;
}) {
  const location = useAdminLocation();
  const counts = useCustomerCounts(location.id);
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const open = (tab: string | null) => {
    if (tab === 'company') return navigate(`/l/${location.id}/companies`);
    // Between members and nonmembers the search, filters and sort stay; their statuses differ, so the status goes.
    const next = active === 'company' ? new URLSearchParams() : new URLSearchParams(params);
    next.delete('status');
    if (tab === 'nonmember') next.set('type', 'nonmember');
    else next.delete('type');
    const search = next.toString();
    navigate(`/l/${location.id}/customers${search ? `?${search}` : ''}`);
  };

  return (
    <>
      <PageHeader title={title} actions={actions} />
      {/* one row on a phone too: narrower tabs, and a sideways scroll rather than a wrapped third tab */}
      <Tabs value={active} onChange={open} styles={{ tab: { paddingInline: 'var(--mantine-spacing-xs)', flexShrink: 0 } }}>
        <Tabs.List aria-label={t('tabsLabel')} style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {tabs.map((tab) => (
            <Tabs.Tab
              key={tab}
              value={tab}
              rightSection={
                counts.data && (
                  <Badge
                    variant={tab === active ? 'filled' : 'light'}
                    color={tab === active ? undefined : 'gray'}
                    size="sm"
                    circle={counts.data[countOf[tab]] < 10}
                  >
                    {formatNumber(counts.data[countOf[tab]])}
                  </Badge>
                )
              }
              data-testid={`tab-${tab}`}
            >
              {t(`tab.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab} value={tab} pt="md">
            {tab === active && children}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
