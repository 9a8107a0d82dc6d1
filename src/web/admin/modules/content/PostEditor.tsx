// Write a post or page, or edit one: title, address (pages), Markdown text beside the preview the server renders, who
// sees it, pinned (posts), and publish now, schedule or keep as a draft.
import { Alert, Button, Checkbox, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef } from 'react';
import { z } from 'zod';
import { errorMessage } from '../../../lib/error-messages';
import { formatDateTime } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { instantAt, hhmm, minutesOf, todayAt, wallOf } from '../../../lib/wall-time';
import { FormError } from '../../../ui/FormError';
import { notifySuccess } from '../../../ui/notify';
import { PostHtml } from '../../../ui/PostHtml';
import { useServerForm } from '../../../ui/use-server-form';
import { tAdmin } from '../../messages';
import { type Post, type PostInput, type PostKind, usePreview, useSavePost } from './api';
import { t } from './messages';

export const VISIBILITIES = ['administrators', 'location_members', 'network_members', 'public'] as const;
const PUBLISHING = ['now', 'schedule', 'draft', 'keep'] as const;
type Publishing = (typeof PUBLISHING)[number];

/** A page address from its title: "Wi-Fi & printers" gives "wi-fi-printers". */
export function slugOf(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

function editorSchema(kind: PostKind, zone: string) {
  return z
    .object({
      title: z
        .string()
        .trim()
        .min(1, { error: () => tAdmin('required') })
        .max(200, { error: () => t('titleTooLong') }),
      slug: z.string().trim(),
      body: z.string().max(100_000, { error: () => t('bodyTooLong') }),
      visibility: z.enum(VISIBILITIES),
      pinned: z.boolean(),
      publishing: z.enum(PUBLISHING),
      date: z.string(),
      time: z.string(),
    })
    .superRefine((values, context) => {
      if (kind === 'page' && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(values.slug))
        context.addIssue({ code: 'custom', path: ['slug'], message: values.slug ? t('slugInvalid') : tAdmin('required') });
      if (values.publishing === 'schedule' && (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || Number.isNaN(minutesOf(values.time))))
        context.addIssue({ code: 'custom', path: ['date'], message: t('dateInvalid') });
    })
    .transform((values): PostInput => {
      const publishedAt =
        values.publishing === 'now'
          ? 'now'
          : values.publishing === 'draft'
            ? null
            : values.publishing === 'schedule'
              ? instantAt(values.date, minutesOf(values.time), zone)
              : undefined;
      return {
        kind,
        title: values.title,
        body: values.body,
        visibility: values.visibility,
        pinned: kind === 'post' && values.pinned,
        ...(publishedAt !== undefined && { publishedAt }),
        ...(kind === 'page' && { slug: values.slug }),
      };
    });
}

interface PostEditorProps {
  location: Location;
  kind: PostKind;
  /** Editing this post or page; without it the editor writes a new one. */
  post?: Post;
  onDone: () => void;
}

export function PostEditor({ location, kind, post, onDone }: PostEditorProps) {
  const zone = location.timeZone;
  const save = useSavePost(location.id, post?.id);
  const schema = useMemo(() => editorSchema(kind, zone), [kind, zone]);
  const scheduled = post?.status === 'scheduled' && post.publishedAt ? wallOf(post.publishedAt, zone) : null;
  const slugTouched = useRef(Boolean(post));
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: {
      title: post?.title ?? '',
      slug: post?.slug ?? '',
      body: post?.body ?? '',
      visibility: post?.visibility ?? ('location_members' as (typeof VISIBILITIES)[number]),
      pinned: post?.pinned ?? false,
      publishing: (!post ? 'now' : post.status === 'published' ? 'keep' : post.status === 'scheduled' ? 'schedule' : 'draft') as Publishing,
      date: scheduled?.day ?? todayAt(zone),
      time: scheduled ? hhmm(scheduled.minutes) : '09:00',
    },
    submit: async (values) => {
      const saved = (await save.mutateAsync(values)).post;
      const when = saved.publishedAt ? formatDateTime(saved.publishedAt, zone) : '';
      notifySuccess(t(`saved.${saved.status}`, { title: saved.title, when }));
      onDone();
    },
    fieldTexts: (failure) => ({ slug: failure.reason === 'slug_taken' ? errorMessage(failure) : undefined }),
  });
  const [body] = useDebouncedValue(form.values.body, 300);
  const preview = usePreview(location.id, body);
  const choices: Publishing[] = post?.status === 'published' ? ['keep', 'schedule', 'draft'] : ['now', 'schedule', 'draft'];

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('field.title')}
          withAsterisk
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('title')}
          onChange={(event) => {
            form.setFieldValue('title', event.currentTarget.value);
            if (kind === 'page' && !slugTouched.current) form.setFieldValue('slug', slugOf(event.currentTarget.value));
          }}
        />
        {kind === 'page' && (
          <TextInput
            label={t('field.slug')}
            description={t('field.slugHint', { slug: form.values.slug || '…' })}
            withAsterisk
            autoComplete="off"
            {...form.getInputProps('slug')}
            onChange={(event) => {
              slugTouched.current = true;
              form.setFieldValue('slug', event.currentTarget.value);
            }}
          />
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Textarea
            label={t('field.body')}
            description={t('field.bodyHint')}
            autosize
            minRows={10}
            maxRows={24}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('body')}
          />
          <Stack gap={4}>
            <Text fw={500} fz="sm">
              {t('preview')}
            </Text>
            <Paper withBorder p="sm" mih={200} aria-live="polite" data-testid="post-preview">
              {preview.isError ? (
                <Alert color="yellow" variant="light">
                  {t('previewFailed')}
                </Alert>
              ) : body.trim() === '' ? (
                <Text c="dimmed" fz="sm">
                  {t('previewEmpty')}
                </Text>
              ) : (
                <PostHtml html={preview.data?.bodyHtml ?? ''} />
              )}
            </Paper>
          </Stack>
        </SimpleGrid>
        <Select
          label={t('field.visibility')}
          data={VISIBILITIES.map((visibility) => ({ value: visibility, label: t(`visibility.${visibility}`) }))}
          allowDeselect={false}
          {...form.getInputProps('visibility')}
        />
        {kind === 'post' && <Checkbox label={t('field.pinned')} {...form.getInputProps('pinned', { type: 'checkbox' })} />}
        <Stack gap={4}>
          <Text fw={500} fz="sm" id="publishing-label">
            {t('field.publishing')}
          </Text>
          <SegmentedControl
            aria-labelledby="publishing-label"
            data={choices.map((choice) => ({ value: choice, label: t(`publish.${choice}`) }))}
            {...form.getInputProps('publishing')}
          />
        </Stack>
        {form.values.publishing === 'schedule' && (
          <Stack gap={4}>
            <Group grow align="flex-start">
              <TextInput type="date" label={t('field.date')} {...form.getInputProps('date')} />
              <TextInput type="time" label={t('field.time')} {...form.getInputProps('time')} />
            </Group>
            <Text fz="xs" c="dimmed">
              {t('field.zoneHint', { zone })}
            </Text>
          </Stack>
        )}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            {form.values.publishing === 'now' ? t('publish.now') : form.values.publishing === 'draft' ? t('publish.draft') : t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
