// /perks: the perks the person may see at the location the portal shows, each with its offer link and "Apply" (an
// optional message, then the confirmation with the perk's own words), and their applications with status and note.
import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../lib/error-messages';
import { formatDate } from '../../../lib/format';
import { FormError } from '../../../ui/FormError';
import { QueryView } from '../../../ui/QueryView';
import { usePortalLocation } from '../../portal-context';
import { type MyApplication, type Perk, useApply, useMyApplications, usePerks } from './api';
import { t } from './messages';

export function PerksPage() {
  const { current } = usePortalLocation();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      {current ? <Perks key={current.locationId} locationId={current.locationId} /> : <Text>{t('noLocation')}</Text>}
    </Stack>
  );
}

const statusColor: Record<MyApplication['status'], string> = { new: 'blue', approved: 'green', declined: 'gray' };

function Perks({ locationId }: { locationId: string }) {
  const perks = usePerks(locationId);
  const mine = useMyApplications(locationId);
  const [applying, setApplying] = useState<Perk | null>(null);
  const [sent, setSent] = useState<{ application: MyApplication; perk: Perk } | null>(null);
  const appliedTo = new Set((mine.data?.items ?? []).map((application) => application.benefitId));
  return (
    <>
      {sent && (
        <Alert
          color="green"
          title={t('sentTitle', { number: sent.application.number })}
          role="status"
          withCloseButton
          closeButtonLabel={t('close')}
          onClose={() => setSent(null)}
          data-testid="applied-notice"
        >
          <Stack gap={4}>
            {sent.perk.confirmationText && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {sent.perk.confirmationText}
              </Text>
            )}
            <Text size="sm">{t('sentBody')}</Text>
          </Stack>
        </Alert>
      )}
      <QueryView query={perks} rows={4}>
        {({ items }) =>
          items.length === 0 ? (
            <Stack gap={4}>
              <Text fw={600}>{t('empty')}</Text>
              <Text c="dimmed">{t('emptyHelp')}</Text>
            </Stack>
          ) : (
            <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('title')}>
              {items.map((perk) => {
                const usedOnce = perk.allowance === 'once' && appliedTo.has(perk.id);
                return (
                  <Card component="li" key={perk.id} withBorder radius="md" padding="md" data-testid="perk">
                    <Stack gap={6}>
                      <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
                        {perk.title}
                      </Text>
                      {perk.provider && (
                        <Text size="sm" c="dimmed">
                          {t('by', { provider: perk.provider })}
                        </Text>
                      )}
                      {perk.description && (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {perk.description}
                        </Text>
                      )}
                      {perk.allowance === 'once' && (
                        <Text size="xs" c="dimmed">
                          {t('once')}
                        </Text>
                      )}
                      <Stack gap="xs" mt={4}>
                        {perk.ctaUrl && (
                          <Button
                            component="a"
                            href={perk.ctaUrl}
                            target="_blank"
                            rel="noopener noreferrer nofollow"
                            variant="default"
                            size="md"
                            fullWidth
                            aria-label={t('openLabel', { title: perk.title })}
                          >
                            {t('open')}
                          </Button>
                        )}
                        {!perk.applications ? (
                          <Text size="sm" c="dimmed">
                            {t('closed')}
                          </Text>
                        ) : usedOnce ? (
                          <Badge variant="light" color="green" size="lg" tt="none">
                            {t('applied')}
                          </Badge>
                        ) : (
                          <Button size="md" fullWidth onClick={() => setApplying(perk)} aria-label={t('applyFor', { title: perk.title })}>
                            {t('apply')}
                          </Button>
                        )}
                      </Stack>
                    </Stack>
                  </Card>
                );
              })}
            </Stack>
          )
        }
      </QueryView>
      <Stack gap="sm" component="section" aria-labelledby="my-applications">
        <Title order={2} size="h4" id="my-applications">
          {t('mine')}
        </Title>
        <QueryView query={mine} rows={2}>
          {({ items }) =>
            items.length === 0 ? (
              <Text c="dimmed">{t('mineEmpty')}</Text>
            ) : (
              <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {items.map((application) => (
                  <Card component="li" key={application.id} withBorder radius="md" padding="md" data-testid="my-application">
                    <Stack gap={4}>
                      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                        <Text fw={600} miw={0} style={{ overflowWrap: 'anywhere' }}>
                          {t('number', { number: application.number })} {application.benefitTitle}
                        </Text>
                        <Badge variant="light" color={statusColor[application.status]} tt="none" style={{ flexShrink: 0 }}>
                          {t(`status.${application.status}`)}
                        </Badge>
                      </Group>
                      <Text size="sm" c="dimmed">
                        {t('appliedOn', { date: formatDate(application.createdAt) })}
                      </Text>
                      {application.note && <Text size="sm">{t('note', { note: application.note })}</Text>}
                    </Stack>
                  </Card>
                ))}
              </Stack>
            )
          }
        </QueryView>
      </Stack>
      {applying && (
        <ApplyModal
          key={applying.id}
          locationId={locationId}
          perk={applying}
          onClose={() => setApplying(null)}
          onSent={(application) => {
            setSent({ application, perk: applying });
            setApplying(null);
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </>
  );
}

function ApplyModal({ locationId, perk, onClose, onSent }: { locationId: string; perk: Perk; onClose: () => void; onSent: (a: MyApplication) => void }) {
  const apply = useApply(locationId);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    setError(null);
    apply.mutate(
      { perkId: perk.id, message: message.trim() },
      { onSuccess: ({ application }) => onSent(application), onError: (caught) => setError(errorMessage(caught)) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('applyFor', { title: perk.title })} fullScreen={false} centered>
      <Stack gap="sm">
        <Textarea
          label={t('message')}
          description={t('messageHint')}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={2000}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          data-autofocus
        />
        <FormError message={error} />
        <Button size="md" fullWidth loading={apply.isPending} onClick={submit}>
          {t('send')}
        </Button>
        <Button size="md" fullWidth variant="default" onClick={onClose}>
          {t('cancel')}
        </Button>
      </Stack>
    </Modal>
  );
}
