// "Invite multiple users" (/admin/l/:locationId/customers/invite-multiple): paste rows copied from a spreadsheet,
// preview each row's status, send the ready ones as a background job and follow its progress to a summary.
import { Alert, Anchor, Badge, Button, Group, Paper, Progress, SegmentedControl, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../lib/api';
import { type ErrorTexts, tError } from '../../../lib/error-messages';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { TableHead } from '../../../ui/TableHead';
import { useAdminLocation } from '../../admin-context';
import { CompanySelect } from '../companies/CompanySelect';
import { isFinished, useBulkJob, usePreviewBulk, useStartBulk, type BulkInput, type BulkPreview, type BulkRow } from './api';
import { t } from './messages';

type Mode = 'individual' | 'company';
type RowFilter = 'all' | BulkRow['status'];
const COLUMNS = ['line', 'firstName', 'lastName', 'email', 'phone', 'company', 'status', 'reason'] as const;
/** The server's limit of a paste (invitations/paste.ts), named in the words that refuse a longer one. */
const MAX_ROWS = 10_000;

/** Rows shown at once: a 10,000-row paste is summed up by its counts; its problem rows come first. */
const SHOWN_ROWS = 500;
const statusOrder: Record<BulkRow['status'], number> = { invalid: 0, skipped: 1, ready: 2 };
const statusColor: Record<BulkRow['status'], string> = { invalid: 'red', skipped: 'gray', ready: 'green' };

/** Why a row is skipped or invalid, in words from its code; the cells quoted are cut as the server cuts them. */
function rowReason(row: BulkRow): string {
  switch (row.code) {
    case undefined:
      return row.reason ?? '';
    case 'invalid_email':
      return t('mass.row.invalid_email', { email: row.email.slice(0, 80) });
    case 'duplicate_email':
      return row.duplicateOf === undefined ? (row.reason ?? '') : t('mass.row.duplicate_email', { line: row.duplicateOf });
    case 'invalid_phone':
      return t('mass.row.invalid_phone', { phone: row.phone.slice(0, 40) });
    case 'unknown_company':
      return t('mass.row.unknown_company', { company: row.company.slice(0, 100) });
    default:
      return t(`mass.row.${row.code}`);
  }
}

/**
 * Why the server refused a whole paste (400 on "text"), told from the paste itself by the server's own rules (its
 * sentence is English only): too many lines or rows, only a header, or nothing at all.
 */
function pasteRefusal(text: string): string {
  const lines = text.replace(/[\r\n]+$/, '').split(/\r\n|\r|\n/);
  if (lines.length > MAX_ROWS + 1) return t('mass.pasteTooManyLines', { max: MAX_ROWS, lines: MAX_ROWS + 1 });
  const filled = lines.filter((line) => line.trim() !== '');
  if (filled.length === 0) return t('mass.pasteEmpty');
  // Every person's row has an email; a first line without "@" is the header.
  const rows = filled[0].includes('@') ? filled.length : filled.length - 1;
  if (rows > MAX_ROWS) return t('mass.pasteTooManyRows', { max: MAX_ROWS, count: rows });
  if (rows === 0) return t('mass.pasteOnlyHeader');
  return tError('status.400');
}

/** The words for a failed send: too many jobs at once (429), a company deleted meanwhile or a refused paste (400). */
function startErrorTexts(error: unknown, text: string): ErrorTexts {
  const companyGone = isApiError(error, 400) && error.details.some((detail) => detail.path === 'companyId');
  return { 429: t('mass.tooManyJobs'), 400: companyGone ? t('companyGone') : pasteRefusal(text) };
}

/** An object URL for a CSV text (a byte-order mark first, so spreadsheets keep the accents), released when the text changes or the page closes. */
function useCsvUrl(csv: string | null): string | null {
  const url = useMemo(() => (csv ? URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' })) : null), [csv]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

export function MassInvitePage() {
  const location = useAdminLocation();
  const [paste, setPaste] = useState('');
  const [mode, setMode] = useState<Mode>('individual');
  const narrow = useMediaQuery('(max-width: 30em)');
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ text?: string; companyId?: string }>({});
  const [checked, setChecked] = useState<{ input: BulkInput; preview: BulkPreview } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const input: BulkInput = { text: paste, companyId: mode === 'company' ? companyId : null };
  const stale = checked !== null && (checked.input.text !== input.text || checked.input.companyId !== input.companyId);

  const preview = usePreviewBulk(location.id);
  const start = useStartBulk(location.id);
  const send = (body: BulkInput) => start.mutate(body, { onSuccess: ({ jobId: id }) => setJobId(id) });
  // The job refreshes the customer lists and counts itself once it ends.
  const job = useBulkJob(location.id, jobId);

  const onPreview = () => {
    if (preview.isPending) return;
    const found = {
      text: paste.trim() ? undefined : t('mass.pasteRequired'),
      companyId: mode === 'company' && !companyId ? t('mass.companyRequired') : undefined,
    };
    setErrors(found);
    if (found.text || found.companyId) return;
    preview.mutate(input, {
      onSuccess: (result) => setChecked({ input, preview: result }),
      onError: (caught) => {
        setChecked(null);
        if (isApiError(caught, 400) && caught.details.some((detail) => detail.path === 'companyId')) setErrors({ companyId: t('companyGone') });
      },
    });
  };

  const reset = () => {
    setPaste('');
    setChecked(null);
    setJobId(null);
    preview.reset();
    start.reset();
  };

  const locked = start.isPending;
  const wholePasteError = preview.isError && isApiError(preview.error, 400) && !errors.companyId;

  return (
    <Stack gap="lg" maw={1100}>
      <Anchor component={Link} to={`/l/${location.id}/customers`} size="sm">
        {t('mass.back')}
      </Anchor>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('mass.title')}
        </Title>
        <Text c="dimmed">{t('mass.intro')}</Text>
      </Stack>

      {/* Once sending, the page follows the job alone; "Invite more people" brings the form back. */}
      {jobId === null && (
        <>
          <Paper withBorder p="md" radius="md">
            <Stack gap="md">
              <div role="radiogroup" aria-labelledby="mass-invite-mode">
                <Text id="mass-invite-mode" size="sm" fw={500} mb={4}>
                  {t('mass.mode')}
                </Text>
                {/* on a phone the two choices are stacked: side by side they are wider than the screen */}
                <SegmentedControl
                  orientation={narrow ? 'vertical' : 'horizontal'}
                  fullWidth={narrow}
                  value={mode}
                  onChange={(value) => setMode(value as Mode)}
                  disabled={locked}
                  data={[
                    { value: 'individual', label: t('mass.mode.individual') },
                    { value: 'company', label: t('mass.mode.company') },
                  ]}
                />
                <Text size="xs" c="dimmed" mt={4}>
                  {t(`mass.modeHelp.${mode}`)}
                </Text>
              </div>
              {mode === 'company' && (
                <CompanySelect
                  locationId={location.id}
                  label={t('mass.company')}
                  placeholder={t('mass.companyPlaceholder')}
                  withAsterisk
                  value={companyId}
                  onChange={(next) => {
                    setCompanyId(next);
                    setErrors((previous) => ({ ...previous, companyId: undefined }));
                  }}
                  error={errors.companyId}
                  disabled={locked}
                  w={{ base: '100%', sm: 360 }}
                />
              )}
              <Textarea
                label={t('mass.paste')}
                description={t('mass.pasteHelp')}
                withAsterisk
                autosize
                minRows={8}
                maxRows={18}
                spellCheck={false}
                readOnly={locked}
                value={paste}
                onChange={(event) => {
                  setPaste(event.currentTarget.value);
                  if (errors.text) setErrors((previous) => ({ ...previous, text: undefined }));
                }}
                error={errors.text}
                styles={{
                  input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)', whiteSpace: 'pre', overflowX: 'auto' },
                }}
              />
              {wholePasteError && (
                <Alert color="red" role="alert" title={t('mass.pasteRefused')}>
                  {pasteRefusal(preview.variables?.text ?? paste)}
                </Alert>
              )}
              {preview.isError && !isApiError(preview.error, 400) && <ErrorAlert error={preview.error} onRetry={onPreview} retrying={preview.isPending} />}
              {!locked && (
                <Group>
                  <Button variant={checked && !stale ? 'default' : 'filled'} onClick={onPreview} loading={preview.isPending}>
                    {checked ? t('mass.previewAgain') : t('mass.preview')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>

          {checked && (
            <PreviewSection
              preview={checked.preview}
              stale={stale}
              locked={locked}
              sending={start.isPending}
              sendError={start.isError ? start.error : null}
              sendErrorTexts={start.isError ? startErrorTexts(start.error, start.variables?.text ?? '') : undefined}
              onSend={() => !start.isPending && send(checked.input)}
            />
          )}
        </>
      )}

      {jobId !== null && (
        <JobSection
          location={location}
          job={job.data}
          error={job.isError && !job.data ? job.error : null}
          notInvitedCsv={checked?.preview.invalidCsv ?? null}
          onRetryPoll={() => void job.refetch()}
          onSendAgain={() => checked && !start.isPending && send(checked.input)}
          onReset={reset}
        />
      )}
    </Stack>
  );
}

interface PreviewSectionProps {
  preview: BulkPreview;
  stale: boolean;
  locked: boolean;
  sending: boolean;
  sendError: unknown;
  sendErrorTexts?: ErrorTexts;
  onSend: () => void;
}

function PreviewSection({ preview, stale, locked, sending, sendError, sendErrorTexts, onSend }: PreviewSectionProps) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const invalidUrl = useCsvUrl(preview.counts.invalid > 0 ? preview.invalidCsv : null);
  const rows = useMemo(
    () =>
      preview.rows.filter((row) => filter === 'all' || row.status === filter).sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || a.line - b.line),
    [preview.rows, filter],
  );
  const { ready, skipped, invalid } = preview.counts;

  return (
    <Stack component="section" gap="md" aria-labelledby="mass-invite-preview">
      <Group justify="space-between" align="center" wrap="wrap">
        <Group gap="sm" align="center">
          <Title order={2} size="h3" id="mass-invite-preview">
            {t('mass.previewTitle')}
          </Title>
          <Group gap={6} data-testid="preview-counts">
            <Badge color="green" variant="light" size="lg" tt="none">
              {t('mass.count.ready', { count: ready })}
            </Badge>
            <Badge color="gray" variant="light" size="lg" tt="none">
              {t('mass.count.skipped', { count: skipped })}
            </Badge>
            <Badge color="red" variant="light" size="lg" tt="none">
              {t('mass.count.invalid', { count: invalid })}
            </Badge>
          </Group>
        </Group>
        {invalidUrl && (
          <Anchor href={invalidUrl} download={t('mass.invalidFile')} size="sm">
            {t('mass.downloadInvalid')}
          </Anchor>
        )}
      </Group>

      <Group justify="space-between" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('mass.show')}
          value={filter}
          onChange={(value) => setFilter(value as RowFilter)}
          data={[
            { value: 'all', label: t('mass.filter.all', { count: preview.rows.length }) },
            { value: 'invalid', label: t('mass.filter.invalid', { count: invalid }) },
            { value: 'skipped', label: t('mass.filter.skipped', { count: skipped }) },
            { value: 'ready', label: t('mass.filter.ready', { count: ready }) },
          ]}
        />
        {!locked && (
          <Button onClick={onSend} loading={sending} disabled={ready === 0 || stale}>
            {t('mass.send', { count: ready })}
          </Button>
        )}
      </Group>
      {stale && !locked && (
        <Alert color="yellow" variant="light">
          {t('mass.changed')}
        </Alert>
      )}
      {ready === 0 && !stale && (
        <Text size="sm" c="dimmed">
          {t('mass.nothingToSend')}
        </Text>
      )}
      {sendError !== null && <ErrorAlert error={sendError} texts={sendErrorTexts} onRetry={onSend} retrying={sending} />}

      <Table.ScrollContainer minWidth={900} style={{ opacity: stale ? 0.5 : 1 }}>
        <Table verticalSpacing="xs" striped data-testid="preview-rows">
          <TableHead columns={COLUMNS.map((column) => t(`mass.column.${column}`))} />
          <Table.Tbody>
            {rows.slice(0, SHOWN_ROWS).map((row) => (
              <Table.Tr key={row.line}>
                <Table.Td c="dimmed">{row.line}</Table.Td>
                <Table.Td>{row.firstName}</Table.Td>
                <Table.Td>{row.lastName}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.email}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.phone}</Table.Td>
                <Table.Td>{row.company}</Table.Td>
                <Table.Td>
                  <Badge color={statusColor[row.status]} variant="light" tt="none">
                    {t(`mass.status.${row.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{rowReason(row)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length > SHOWN_ROWS && (
        <Text size="sm" c="dimmed">
          {t('mass.shownOf', { shown: SHOWN_ROWS, total: rows.length })}
        </Text>
      )}
    </Stack>
  );
}

interface JobSectionProps {
  location: Location;
  job: ReturnType<typeof useBulkJob>['data'];
  error: unknown;
  notInvitedCsv: string | null;
  onRetryPoll: () => void;
  onSendAgain: () => void;
  onReset: () => void;
}

function JobSection({ location, job, error, notInvitedCsv, onRetryPoll, onSendAgain, onReset }: JobSectionProps) {
  const notInvited = job?.invalid ?? 0;
  const notInvitedUrl = useCsvUrl(job?.status === 'done' && notInvited > 0 ? notInvitedCsv : null);
  const percent = job ? (job.total === 0 ? 100 : Math.round((job.processed / job.total) * 100)) : 0;
  // green says "every row was invited", and only that; anything short of it is a warning
  const everyoneInvited = job?.status === 'done' && job.invited === job.total;
  const doneColor = everyoneInvited ? 'green' : 'yellow';

  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby="mass-invite-progress">
      <Stack gap="sm">
        <Title order={2} size="h3" id="mass-invite-progress">
          {job?.status === 'done' ? t('mass.doneTitle') : t('mass.progressTitle')}
        </Title>
        {error !== null && <ErrorAlert error={error} onRetry={onRetryPoll} />}
        <Progress
          value={percent}
          size="xl"
          radius="md"
          aria-label={t('mass.progressLabel')}
          color={job?.status === 'failed' ? 'red' : job?.status === 'done' ? doneColor : undefined}
          animated={!isFinished(job)}
        />
        {/* the counts once: while sending here, when done in the summary below */}
        {job?.status !== 'done' && (
          <Text size="sm" aria-live="polite" data-testid="job-progress">
            {job
              ? t('mass.progress', { processed: job.processed, total: job.total, invited: job.invited, skipped: job.skipped, invalid: job.invalid })
              : t('mass.starting')}
          </Text>
        )}
        {job?.status === 'done' && (
          <Alert color={doneColor} variant="light" role="status" data-testid="job-result" data-outcome={everyoneInvited ? 'all-invited' : 'not-all-invited'}>
            <Stack gap="xs">
              <Text size="sm" fw={600} data-testid="job-summary">
                {everyoneInvited
                  ? t('mass.allInvited', { invited: job.invited })
                  : t('mass.summary', { invited: job.invited, skipped: job.skipped, notInvited })}
              </Text>
              {notInvitedUrl && (
                <Anchor href={notInvitedUrl} download={t('mass.notInvitedFile')} size="sm">
                  {t('mass.downloadNotInvited')}
                </Anchor>
              )}
            </Stack>
          </Alert>
        )}
        {job?.status === 'failed' && (
          <Alert color="red" title={t('mass.failedTitle')} role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('mass.failedHelp')}</Text>
              <Button size="xs" variant="white" color="red" onClick={onSendAgain}>
                {t('mass.sendAgain')}
              </Button>
            </Stack>
          </Alert>
        )}
        {isFinished(job) && (
          <Group>
            <Button component={Link} to={`/l/${location.id}/customers`}>
              {t('mass.seeMembers')}
            </Button>
            <Button variant="default" onClick={onReset}>
              {t('mass.inviteMore')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
