// Benefits (/admin/l/:locationId/benefits): the perks with a drawer editor, and the Applications inbox (#n, applicant,
// message) where an administrator approves or declines with an optional note, emailed to the applicant.
import { Badge, Button, Card, Drawer, Group, Modal, SegmentedControl, Stack, Table, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/error-messages';
import { formatDateTime, formatNumber } from '../../../lib/format';
import type { Location } from '../../../lib/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FormError } from '../../../ui/FormError';
import { LoadingSkeleton } from '../../../ui/LoadingSkeleton';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { TableHead } from '../../../ui/TableHead';
import { useAdminLocation } from '../../admin-context';
import { type Application, type ApplicationStatus, type Benefit, useApplications, useBenefits, useDecide } from './api';
import { BenefitForm } from './BenefitForm';
import { t } from './messages';

const COLUMNS = ['title', 'visibility', 'applications', 'allowance', 'actions'] as const;

export function BenefitsPage() {
  const location = useAdminLocation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'applications' ? 'applications' : 'perks';
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader title={t('title')} actions={tab === 'perks' && <Button onClick={() => setAdding(true)}>{t('add')}</Button>} />
      <Tabs value={tab} onChange={(value) => setParams(value === 'applications' ? { tab: 'applications' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List aria-label={t('tabs.label')} mb="md">
          <Tabs.Tab value="perks">{t('tabs.perks')}</Tabs.Tab>
          <Tabs.Tab value="applications">{t('tabs.applications')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="perks">
          <Perks location={location} onAdd={() => setAdding(true)} />
        </Tabs.Panel>
        <Tabs.Panel value="applications">
          <Inbox location={location} />
        </Tabs.Panel>
      </Tabs>
      <Drawer opened={adding} onClose={() => setAdding(false)} title={t('add')} position="right" size="lg">
        <BenefitForm locationId={location.id} onDone={() => setAdding(false)} />
      </Drawer>
    </>
  );
}

function Perks({ location, onAdd }: { location: Location; onAdd: () => void }) {
  const benefits = useBenefits(location.id);
  const [editing, setEditing] = useState<Benefit | null>(null);
  if (benefits.isPending) return <LoadingSkeleton rows={4} />;
  if (benefits.isError) return <ErrorAlert error={benefits.error} onRetry={() => void benefits.refetch()} retrying={benefits.isFetching} />;
  const items = benefits.data.items;
  if (items.length === 0) {
    return (
      <Stack gap="xs" py="xl" align="flex-start">
        <Text fw={600}>{t('empty')}</Text>
        <Text c="dimmed">{t('emptyHelp')}</Text>
        <Button mt="xs" onClick={onAdd}>
          {t('add')}
        </Button>
      </Stack>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" data-testid="benefits-table">
          <TableHead columns={COLUMNS.map((column) => t(`column.${column}`))} />
          <Table.Tbody>
            {items.map((benefit) => (
              <Table.Tr key={benefit.id}>
                <Table.Td>
                  <Text fw={500} fz="sm">
                    {benefit.title}
                  </Text>
                  {benefit.provider && (
                    <Text fz="xs" c="dimmed">
                      {benefit.provider}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`visibility.${benefit.visibility}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={benefit.applications ? 'green' : 'gray'} tt="none">
                    {benefit.applications ? t('open') : t('closed')}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`allowance.${benefit.allowance}`)}</Table.Td>
                <Table.Td>
                  <Button variant="default" size="xs" onClick={() => setEditing(benefit)} aria-label={t('editTitle', { title: benefit.title })}>
                    {t('edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('editTitle', { title: editing.title }) : ''}
        position="right"
        size="lg"
      >
        {editing && <BenefitForm key={editing.id} locationId={location.id} benefit={editing} onDone={() => setEditing(null)} />}
      </Drawer>
    </>
  );
}

const FILTERS = ['new', 'approved', 'declined', 'all'] as const;
const statusColor: Record<ApplicationStatus, string> = { new: 'blue', approved: 'green', declined: 'gray' };

function Inbox({ location }: { location: Location }) {
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('new');
  const applications = useApplications(location.id, filter === 'all' ? null : filter);
  const [deciding, setDeciding] = useState<{ application: Application; status: 'approved' | 'declined' } | null>(null);
  const items = applications.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label={t('filter.label')}
        value={filter}
        onChange={(value) => setFilter(value as (typeof FILTERS)[number])}
        data={FILTERS.map((value) => ({ value, label: t(`filter.${value}`) }))}
        w="fit-content"
      />
      {applications.isPending ? (
        <LoadingSkeleton rows={4} />
      ) : applications.isError && items.length === 0 ? (
        <ErrorAlert error={applications.error} onRetry={() => void applications.refetch()} retrying={applications.isFetching} />
      ) : items.length === 0 ? (
        <Stack gap="xs" py="xl">
          <Text fw={600}>{t('noApplications')}</Text>
          <Text c="dimmed">{t('noApplicationsHelp')}</Text>
        </Stack>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="applications">
          {items.map((application) => (
            <Card component="li" key={application.id} withBorder radius="md" padding="md" data-testid="application">
              <Stack gap={6}>
                {/* on a phone the date goes under the perk rather than squeezing its name into a narrow column */}
                <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
                  <Group gap="sm" wrap="wrap">
                    <Text fw={700}>{t('number', { number: application.number })}</Text>
                    <Text fw={500}>{application.benefitTitle}</Text>
                    <Badge variant="light" color={statusColor[application.status]} tt="none">
                      {t(`status.${application.status}`)}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('appliedOn', { date: formatDateTime(application.createdAt, location.timeZone) })}
                  </Text>
                </Group>
                <Text size="sm">
                  {`${application.applicant.firstName} ${application.applicant.lastName}`.trim()} · {application.applicant.email}
                </Text>
                <Text size="sm" c={application.message ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
                  {application.message || t('noMessage')}
                </Text>
                {application.note && (
                  <Text size="sm" c="dimmed">
                    {t('noteLabel')} {application.note}
                  </Text>
                )}
                {application.status === 'new' ? (
                  <Group gap="sm" mt={4}>
                    <Button size="xs" onClick={() => setDeciding({ application, status: 'approved' })}>
                      {t('approve')}
                    </Button>
                    <Button size="xs" variant="default" color="red" c="red.9" onClick={() => setDeciding({ application, status: 'declined' })}>
                      {t('decline')}
                    </Button>
                  </Group>
                ) : (
                  application.decidedAt && (
                    <Text size="xs" c="dimmed">
                      {t('decidedOn', { date: formatDateTime(application.decidedAt, location.timeZone) })}
                    </Text>
                  )
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {applications.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void applications.fetchNextPage()} loading={applications.isFetchingNextPage}>
            {t('loadMore')}
          </Button>
        </Group>
      )}
      {deciding && (
        <DecideModal
          key={`${deciding.application.id}-${deciding.status}`}
          locationId={location.id}
          application={deciding.application}
          status={deciding.status}
          onClose={() => setDeciding(null)}
        />
      )}
    </Stack>
  );
}

function DecideModal({
  locationId,
  application,
  status,
  onClose,
}: {
  locationId: string;
  application: Application;
  status: 'approved' | 'declined';
  onClose: () => void;
}) {
  const decide = useDecide(locationId);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const name = `${application.applicant.firstName} ${application.applicant.lastName}`.trim();
  const submit = () => {
    setError(null);
    decide.mutate(
      { applicationId: application.id, decision: { status, note: note.trim() || undefined } },
      {
        onSuccess: () => {
          notifySuccess(t(status === 'approved' ? 'approved' : 'declined', { number: formatNumber(application.number) }));
          onClose();
        },
        onError: (caught) => setError(isApiError(caught, 409) ? t('alreadyDecided') : errorMessage(caught)),
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t(status === 'approved' ? 'approveTitle' : 'declineTitle', { number: application.number })}>
      <Stack gap="sm">
        <Text size="sm">{t('decideIntro', { name, perk: application.benefitTitle })}</Text>
        <Textarea
          label={t('field.note')}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-autofocus
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('closeButton')}
          </Button>
          <Button color={status === 'approved' ? undefined : 'red'} loading={decide.isPending} onClick={submit}>
            {t(status === 'approved' ? 'approve' : 'decline')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
