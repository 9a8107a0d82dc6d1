// Confirmation for a destructive action: says what will happen, confirms with a red button that shows progress.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { tUi } from './messages';
import { useKept } from './use-kept';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  loading?: boolean;
}

export function ConfirmModal({ opened, title, children, confirmLabel, onConfirm, onClose, loading }: ConfirmModalProps) {
  const keptTitle = useKept(title);
  return (
    <Modal opened={opened} onClose={loading ? () => undefined : onClose} title={keptTitle} centered>
      <Stack>
        <Text>{children}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={loading}>
            {tUi('confirm.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
