// One calm step of the portal's email checks: "we sent a code" with the 6-digit field (which submits itself),
// a button, and "Send a new code". Errors of the code go under the field.
import { Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { errorMessage, tError } from '../lib/error-messages';
import { CodeInput } from '../ui/CodeInput';
import { FormError } from '../ui/FormError';
import { notifySuccess } from '../ui/notify';
import { useServerForm } from '../ui/use-server-form';
import { tPortal } from './messages';

const codeSchema = z.object({ code: z.string().regex(/^\d{6}$/, { error: () => tPortal('code.invalid') }) });

interface CodeConfirmProps {
  intro: string;
  submitLabel: string;
  /** Checks the code; throw to show the server's message under the field. */
  submit: (code: string) => Promise<unknown>;
  resendLabel: string;
  resentMessage: string;
  resend: () => Promise<unknown>;
  backLabel?: string;
  onBack?: () => void;
}

export function CodeConfirm({ intro, submitLabel, submit, resendLabel, resentMessage, resend, backLabel, onBack }: CodeConfirmProps) {
  const { form, onSubmit, submitting, error } = useServerForm({
    schema: codeSchema,
    initialValues: { code: '' },
    submit: ({ code }) => submit(code),
    // A wrong or expired code (401), a malformed one (400) or too many tries (429): say it where the eyes are.
    fieldForError: (caught) => ([400, 401, 429].includes(caught.status) ? 'code' : undefined),
    errorTexts: () => ({ 401: tError('codeWrong') }),
    fieldTexts: { code: tPortal('code.invalid') },
  });
  const again = useMutation({
    mutationFn: resend,
    onSuccess: () => {
      form.setValues({ code: '' });
      form.clearErrors();
      notifySuccess(resentMessage);
    },
    onError: (caught) => form.setFieldError('code', errorMessage(caught)),
  });
  const busy = submitting || again.isPending;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Text>{intro}</Text>
        <CodeInput
          label={tPortal('code.label')}
          description={tPortal('code.help')}
          autoFocus
          value={form.values.code}
          error={form.errors.code}
          onChange={(code) => form.setFieldValue('code', code)}
          onComplete={() => onSubmit()}
          disabled={again.isPending}
        />
        <FormError message={error} />
        <Button type="submit" size="lg" fullWidth loading={submitting} disabled={again.isPending}>
          {submitLabel}
        </Button>
        <Stack gap={4}>
          <Button variant="subtle" size="md" fullWidth onClick={() => again.mutate()} loading={again.isPending} disabled={submitting}>
            {resendLabel}
          </Button>
          {onBack && backLabel && (
            <Button variant="subtle" size="md" fullWidth onClick={onBack} disabled={busy}>
              {backLabel}
            </Button>
          )}
        </Stack>
      </Stack>
    </form>
  );
}
