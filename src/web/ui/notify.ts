// Short notifications answering a change or a failure.
import { notifications } from '@mantine/notifications';
import { type ErrorTexts, errorMessage } from '../lib/error-messages';

export function notifySuccess(message: string) {
  notifications.show({ message, color: 'green' });
}

export function notifyError(error: unknown) {
  notifications.show({ message: errorMessage(error), color: 'red' });
}

/**
 * A failure handler with the screen's own words by reason or status (see errorMessage). A separate function, not a
 * second parameter of notifyError: that one is passed as `onError`, whose second argument is the mutation's variables.
 */
export function notifyErrorWith(texts: ErrorTexts): (error: unknown) => void {
  return (error) => notifications.show({ message: errorMessage(error, texts), color: 'red' });
}
