// Mantine form validated by a zod schema, whose submit calls the server once at a time and puts its errors under the fields.
import { schemaResolver, useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiError, errorMessage } from '../lib/api';

interface ServerFormOptions<Values extends Record<string, unknown>, Output> {
  schema: z.ZodType<Output, Values>;
  initialValues: NoInfer<Values>;
  submit: (values: Output) => Promise<unknown>;
  /** The field that should show an error without field details (say a 401 under "code"); otherwise it shows above the button. */
  fieldForError?: (error: ApiError) => keyof Values | undefined;
  /** Maps a server detail path to a form field when their names differ. */
  fieldForPath?: (path: string) => string;
}

export function useServerForm<Values extends Record<string, unknown>, Output>(options: ServerFormOptions<Values, Output>) {
  const { schema, initialValues, submit, fieldForError, fieldForPath = (path: string) => path } = options;
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
    try {
      await submit(schema.parse(values));
    } catch (caught) {
      const fieldErrors = Object.fromEntries(
        (caught instanceof ApiError ? caught.details : [])
          .map((detail) => [fieldForPath(detail.path), detail.message] as const)
          .filter(([field]) => field in values),
      );
      const field = caught instanceof ApiError ? fieldForError?.(caught) : undefined;
      if (Object.keys(fieldErrors).length > 0) form.setErrors(fieldErrors);
      else if (field !== undefined) form.setFieldError(field as never, errorMessage(caught));
      else setError(errorMessage(caught));
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  });

  return { form, onSubmit, submitting, error };
}
