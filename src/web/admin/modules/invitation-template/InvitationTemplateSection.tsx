// "Invitation email" in Settings: the location's subject and body (plain text with Liquid variables), a preview
// rendered by the server, "Send me a test", Save (a template that does not parse is refused with its line) and
// "Reset to default".
import { Alert, Badge, Box, Button, Grid, Group, Input, Paper, Stack, Tabs, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useRef, useState } from 'react';
import { z } from 'zod';
import { ApiError } from '../../../lib/api';
import type { Location } from '../../../lib/types';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { FormError } from '../../../ui/FormError';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { QueryView } from '../../../ui/QueryView';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import {
  useInvitationTemplate,
  usePreviewTemplate,
  useResetTemplate,
  useSaveTemplate,
  useSendTestTemplate,
  type InvitationTemplate,
  type TemplateInput,
  type TemplatePreview,
} from './api';
import { t } from './messages';

type Field = 'subject' | 'body';
const VARIABLES = ['first_name', 'last_name', 'location_name', 'organization_name', 'inviter_name', 'activation_url'] as const;
const isKnownVariable = (variable: string): variable is (typeof VARIABLES)[number] => (VARIABLES as readonly string[]).includes(variable);
const variableMeaning = (variable: string) => (isKnownVariable(variable) ? t(`variable.${variable}`) : undefined);

const templateSchema = z.object({
  subject: z
    .string()
    .trim()
    .min(1, { error: () => tAdmin('required') })
    .max(300, { error: () => t('subjectTooLong') }),
  body: z
    .string()
    .trim()
    .min(1, { error: () => tAdmin('required') })
    .max(20_000, { error: () => t('bodyTooLong') }),
});

function insertLabel(variable: string): string {
  const meaning = variableMeaning(variable);
  return meaning ? t('insert', { variable, meaning }) : t('insertUnknown', { variable });
}

export function InvitationTemplateSection({ location }: { location: Location }) {
  const template = useInvitationTemplate(location.id);
  return (
    <Stack component="section" gap="sm" aria-labelledby="invitation-template-title" data-testid="invitation-template">
      <Title order={2} size="h3" id="invitation-template-title">
        {t('title')}
      </Title>
      <Text c="dimmed" size="sm" maw={720}>
        {t('help')}
      </Text>
      <QueryView query={template} rows={6}>
        {(data) => <TemplateEditor key={location.id} location={location} template={data} />}
      </QueryView>
    </Stack>
  );
}

/**
 * The server's diagnostics of a template that does not parse or render, by field ("Line 3: tag if not closed"). The one
 * place the admin shows the server's words: they come from the Liquid parser about the operator's own text, name its
 * line and tag, and no catalogue can hold them; without them the editor could only say "Check this field".
 */
function templateProblems(error: ApiError): Partial<Record<Field, string>> {
  return Object.fromEntries(
    error.details.filter((detail) => detail.path === 'subject' || detail.path === 'body').map((detail) => [detail.path, detail.message]),
  );
}

/** Puts the server's field errors (details[].path "subject"/"body") under the fields; true when it did. */
function showFieldErrors(form: UseFormReturnType<TemplateInput>, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const problems = templateProblems(error);
  if (Object.keys(problems).length === 0) return false;
  form.setErrors(problems);
  return true;
}

function TemplateEditor({ location, template }: { location: Location; template: InvitationTemplate }) {
  const save = useSaveTemplate(location.id);
  const [custom, setCustom] = useState(template.custom);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const lastField = useRef<Field>('body');

  const { form, onSubmit, submitting, error } = useServerForm({
    schema: templateSchema,
    initialValues: { subject: template.subject, body: template.body },
    submit: async (values) => {
      const saved = await save.mutateAsync(values);
      setCustom(saved.custom);
      form.resetDirty(values);
      notifySuccess(t('saved'));
    },
    fieldTexts: templateProblems,
  });

  /** Validated values for preview and test, or null with the errors shown. */
  const checkedValues = (): TemplateInput | null => {
    if (form.validate().hasErrors) return null;
    return templateSchema.parse(form.getValues());
  };

  const previewMutation = usePreviewTemplate(location.id);
  const showPreview = (values: TemplateInput) => {
    form.clearErrors();
    previewMutation.mutate(values, {
      onSuccess: setPreview,
      onError: (caught) => {
        setPreview(null);
        if (!showFieldErrors(form, caught)) notifyError(caught);
      },
    });
  };

  const test = useSendTestTemplate(location.id);
  const sendTest = (values: TemplateInput) => {
    form.clearErrors();
    test.mutate(values, {
      onSuccess: ({ to }) => notifySuccess(t('testSent', { to })),
      onError: (caught) => {
        if (!showFieldErrors(form, caught)) notifyError(caught);
      },
    });
  };

  const reset = useResetTemplate(location.id);
  const resetToDefault = () =>
    reset.mutate(undefined, {
      onSuccess: (answer) => {
        const values = { subject: answer.subject, body: answer.body };
        form.setValues(values);
        form.resetDirty(values);
        form.clearErrors();
        setCustom(answer.custom);
        setPreview(null);
        setConfirmingReset(false);
        notifySuccess(t('resetDone'));
      },
      onError: notifyError,
    });

  const insert = (variable: string) => {
    const field = lastField.current;
    const token = `{{ ${variable} }}`;
    const element = inputs.current[field];
    const value = form.getValues()[field];
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    form.setFieldValue(field, value.slice(0, start) + token + value.slice(end));
    // Back into the field, the cursor after the inserted variable.
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const busy = submitting || previewMutation.isPending || test.isPending || reset.isPending;
  /** The form's props of a field, plus what inserting a variable at the caret needs: its element and that it was last focused. */
  const fieldProps = (field: Field) => {
    const props = form.getInputProps(field);
    return {
      ...props,
      ref: (element: HTMLInputElement | HTMLTextAreaElement | null) => {
        inputs.current[field] = element;
      },
      onFocus: (event: unknown) => {
        lastField.current = field;
        props.onFocus?.(event);
      },
    };
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Group gap="xs" justify="space-between" mih={28}>
              <Group gap="xs">
                <Badge variant="light" color={custom ? 'blue' : 'gray'} tt="none" data-testid="template-kind">
                  {custom ? t('custom') : t('default')}
                </Badge>
                {form.isDirty() && (
                  <Text size="xs" c="dimmed">
                    {t('unsaved')}
                  </Text>
                )}
              </Group>
              {custom && (
                <Button size="compact-sm" variant="subtle" color="red" disabled={busy} onClick={() => setConfirmingReset(true)}>
                  {t('reset')}
                </Button>
              )}
            </Group>
            <TextInput label={t('subject')} withAsterisk {...fieldProps('subject')} />
            <Textarea
              label={t('body')}
              description={t('bodyHelp')}
              withAsterisk
              autosize
              minRows={10}
              maxRows={24}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } }}
              {...fieldProps('body')}
            />
            <Box>
              <Input.Label labelElement="div" id="template-variables-label">
                {t('variables')}
              </Input.Label>
              <Input.Description mb={6}>{t('variablesHelp')}</Input.Description>
              <Group gap={6} role="group" aria-labelledby="template-variables-label">
                {template.variables.map((variable) => (
                  <Tooltip key={variable} label={variableMeaning(variable) ?? variable} withArrow openDelay={300}>
                    <Button
                      size="compact-sm"
                      variant="light"
                      ff="monospace"
                      fw={400}
                      // Keep the caret where it was in the field that had it.
                      onMouseDown={(event) => event.preventDefault()}
                      onClick={() => insert(variable)}
                      aria-label={insertLabel(variable)}
                    >
                      {`{{ ${variable} }}`}
                    </Button>
                  </Tooltip>
                ))}
              </Group>
            </Box>
            <FormError message={error} />
            <Group gap="sm">
              <Button type="submit" loading={submitting} disabled={busy && !submitting}>
                {t('save')}
              </Button>
              <Button
                variant="default"
                loading={previewMutation.isPending}
                disabled={busy && !previewMutation.isPending}
                onClick={() => {
                  const values = checkedValues();
                  if (values) showPreview(values);
                }}
              >
                {t('preview')}
              </Button>
              <Button
                variant="default"
                loading={test.isPending}
                disabled={busy && !test.isPending}
                onClick={() => {
                  const values = checkedValues();
                  if (values) sendTest(values);
                }}
              >
                {t('sendTest')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <PreviewPanel preview={preview} />
      </Grid.Col>
      <ConfirmModal
        opened={confirmingReset}
        title={t('resetTitle')}
        confirmLabel={t('resetButton')}
        loading={reset.isPending}
        onClose={() => setConfirmingReset(false)}
        onConfirm={resetToDefault}
      >
        {t('resetConfirm', { location: location.name })}
      </ConfirmModal>
    </Grid>
  );
}

function PreviewPanel({ preview }: { preview: TemplatePreview | null }) {
  if (!preview) {
    return (
      <Paper
        radius="md"
        p="xl"
        h="100%"
        mih={200}
        bg="var(--mantine-color-gray-0)"
        style={{ border: '1px dashed var(--mantine-color-gray-4)', display: 'flex', alignItems: 'center', justifyContent: 'center' }}
        data-testid="template-preview-empty"
      >
        <Text size="sm" c="dimmed" ta="center" maw={360}>
          {t('previewEmpty')}
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby="template-preview-subject" data-testid="template-preview">
      <Stack gap="sm">
        <Alert variant="light" color="blue" p="xs">
          {t('previewNote')}
        </Alert>
        <div>
          <Text size="xs" c="dimmed">
            {t('previewSubject')}
          </Text>
          <Title order={3} size="h5" id="template-preview-subject">
            {preview.subject}
          </Title>
        </div>
        <Tabs defaultValue="html">
          <Tabs.List>
            <Tabs.Tab value="html">{t('previewHtml')}</Tabs.Tab>
            <Tabs.Tab value="text">{t('previewText')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="html" pt="sm">
            <Box
              component="iframe"
              title={t('previewFrame', { subject: preview.subject })}
              sandbox=""
              srcDoc={preview.html}
              w="100%"
              h={460}
              style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)', background: 'white' }}
            />
          </Tabs.Panel>
          <Tabs.Panel value="text" pt="sm">
            <Text component="pre" size="sm" ff="monospace" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {preview.text}
            </Text>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}
