// Short notifications answering a change or a failure.
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../lib/error-messages';

export function notifySuccess(message: string) {
  notifications.show({ message, color: 'green' });
}

export function notifyError(error: unknown) {
  notifications.show({ message: errorMessage(error), color: 'red' });
}
