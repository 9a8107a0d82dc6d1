// An action on one item that asks first: the item waiting for a ConfirmModal, and the mutation its button runs.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { notifyError } from './notify';

/**
 * `ask(item)` opens the confirmation; confirming runs `action(item)`, then `onDone(item)` (refresh, notify), and
 * closes it. A failure is notified and leaves the confirmation open. `modal` goes to the ConfirmModal as it is.
 */
export function useConfirmedAction<T>(action: (item: T) => Promise<unknown>, onDone: (item: T) => Promise<void> | void) {
  const [item, setItem] = useState<T | null>(null);
  const mutation = useMutation({
    mutationFn: action,
    onSuccess: async (_, done) => {
      await onDone(done);
      setItem(null);
    },
    onError: notifyError,
  });
  return {
    /** The item waiting for confirmation, or null. */
    item,
    ask: (next: T) => setItem(() => next),
    modal: {
      opened: item !== null,
      loading: mutation.isPending,
      onClose: () => setItem(null),
      onConfirm: () => {
        if (item !== null && !mutation.isPending) mutation.mutate(item);
      },
    },
  };
}
