// Mantine form validated by a zod schema, whose submit calls the server once at a time and puts its errors under the fields.
import { schemaResolver, useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../lib/api';
import { type ErrorTexts, errorMessage, fieldErrorMessage } from '../lib/error-messages';

type FieldTexts<Values> = Partial<Record<keyof Values, string>>;

interface ServerFormOptions<Values extends Record<string, unknown>, Output> {
  schema: z.ZodType<Output, Values>;
  initialValues: NoInfer<Values>;
  submit: (values: Output) => Promise<unknown>;
  /** The field that should show an error without field details (say a 401 under "code"); otherwise it shows above the button. */
  fieldForError?: (error: ApiError) => keyof Values | undefined;
  /** Maps a server detail path to a form field when their names differ. */
  fieldForPath?: (path: string) => string;
  /** This form's words for a failure, by reason or status, ahead of the shared catalogue (lib/error-messages.ts). */
  errorTexts?: (error: ApiError, values: Output) => ErrorTexts;
  /** This form's words under a field the server refused, or a function of the failure when they depend on its reason; otherwise a generic hint. */
  fieldTexts?: FieldTexts<Values> | ((error: ApiError, values: Output) => FieldTexts<Values>);
}

export function useServerForm<Values extends Record<string, unknown>, Output>(options: ServerFormOptions<Values, Output>) {
  const { schema, initialValues, submit, fieldForError, fieldForPath = (path: string) => path, errorTexts, fieldTexts } = options;
  const form = useForm<Values>({ initialValues, validate: schemaResolver(schema, { sync: true }) });
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // A ref, not state: a second Enter or an auto-submit in the same tick must see the first one running.
  const busy = useRef(false);

  const onSubmit = form.onSubmit(async (values) => {
    if (busy.current) return;
    busy.current = true;
    setSubmitting(true);
    setError(null);
    let parsed: Output | undefined;
    try {
      parsed = schema.parse(values);
      await submit(parsed);
    } catch (caught) {
      const texts = typeof fieldTexts !== 'function' ? fieldTexts : caught instanceof ApiError && parsed !== undefined ? fieldTexts(caught, parsed) : undefined;
      const fieldErrors = Object.fromEntries(
        (caught instanceof ApiError ? caught.details : [])
          .map((detail) => fieldForPath(detail.path))
          .filter((field) => field in values)
          .map((field) => [field, fieldErrorMessage(texts?.[field as keyof Values])] as const),
      );
      const field = caught instanceof ApiError ? fieldForError?.(caught) : undefined;
      const message = errorMessage(caught, caught instanceof ApiError && errorTexts && parsed !== undefined ? errorTexts(caught, parsed) : {});
      if (Object.keys(fieldErrors).length > 0) form.setErrors(fieldErrors);
      else if (field !== undefined) form.setFieldError(field as never, message);
      else setError(message);
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  });

  return { form, onSubmit, submitting, error };
}
