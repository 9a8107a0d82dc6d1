// A form-wide error from the server, shown just above the submit button.
import { Alert } from '@mantine/core';

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" p="xs">
      {message}
    </Alert>
  );
}
