import { Group, Radio, Stack, Text } from '@mantine/core';

/** One choice of a radio group as a large card (a way to pay, say): the whole card is the touch target. */
export function ChoiceCard({ value, label, hint, disabled }: { value: string; label: string; hint?: string; disabled?: boolean }) {
  return (
    <Radio.Card value={value} p="md" radius="md" disabled={disabled} style={disabled ? { opacity: 0.6, cursor: 'not-allowed' } : undefined}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={2} disabled={disabled} />
        <Stack gap={0} miw={0}>
          <Text fw={600}>{label}</Text>
          {hint && (
            <Text size="sm" c="dimmed">
              {hint}
            </Text>
          )}
        </Stack>
      </Group>
    </Radio.Card>
  );
}
