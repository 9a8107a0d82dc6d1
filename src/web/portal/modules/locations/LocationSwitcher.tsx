// The current location in the portal's top bar: its name alone for a person of one location; for a person of several,
// a button with the name that opens the list of their locations to pick the one the portal shows. A long name is cut at
// the end, the whole name in its title and accessible name; `compact` is the phone's header, where it is a second line
// under the brand.
import { Box, CheckIcon, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { tPortal } from '../../messages';
import { t } from './messages';
import type { CurrentLocation } from './current-location';

export function LocationSwitcher({ location, compact = false }: { location: CurrentLocation; compact?: boolean }) {
  const { current, choices, switchTo } = location;
  if (!current) return null;
  if (choices.length < 2) {
    return (
      <Text size="sm" fw={500} truncate="end" miw={0} maw="100%" title={current.locationName} data-testid="current-location">
        {current.locationName}
      </Text>
    );
  }
  return (
    <Menu position="bottom-start" width={280} shadow="md" withinPortal={false}>
      <Menu.Target>
        <UnstyledButton
          aria-label={t('current', { location: current.locationName })}
          data-testid="current-location"
          title={current.locationName}
          miw={0}
          maw="100%"
          h={compact ? 32 : 44}
          px={compact ? 'xs' : 'sm'}
          style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-default-border)' }}
        >
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={500} truncate="end">
              {current.locationName}
            </Text>
            <Chevron />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('menu')}</Menu.Label>
        <Menu.RadioGroup value={current.locationId} onChange={switchTo}>
          {choices.map((membership) => (
            <Menu.RadioItem
              key={membership.locationId}
              value={membership.locationId}
              closeMenuOnClick
              py="sm"
              checkIcon={<CheckIcon size={14} color="var(--mantine-primary-color-filled)" />}
            >
              <Stack gap={0}>
                <Text size="md" fw={membership.locationId === current.locationId ? 700 : 500} style={{ overflowWrap: 'anywhere' }}>
                  {membership.locationName}
                </Text>
                <Text size="xs" c="dimmed">
                  {tPortal(`type.${membership.type}`)}
                </Text>
              </Stack>
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
      </Menu.Dropdown>
    </Menu>
  );
}

function Chevron() {
  return (
    <Box component="svg" viewBox="0 0 16 16" w={14} h={14} aria-hidden style={{ flexShrink: 0 }}>
      <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </Box>
  );
}
