// Cancelling a booking as an administrator: says first what comes back by the notice rule (everything at least the
// notice ahead, nothing later), lets the administrator refund or not, then confirms and says what was refunded.
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Location } from '../../../lib/types';
import { FormError } from '../../../ui/FormError';
import { errorMessage } from '../../../lib/error-messages';
import { notifySuccess } from '../../../ui/notify';
import { type Booking, useCancelBooking } from './api';
import { isPaid, refundable, refundText, whenText } from './labels';
import { t } from './messages';

interface CancelBookingModalProps {
  location: Location;
  /** The booking to cancel; the modal is closed without one. */
  booking: Booking | null;
  resourceName: string;
  customerName: string;
  onClose: () => void;
  onCanceled?: () => void;
}

export function CancelBookingModal({ location, booking, resourceName, customerName, onClose, onCanceled }: CancelBookingModalProps) {
  return (
    <Modal opened={booking !== null} onClose={onClose} title={t('cancel.title')} centered size="lg">
      {booking && (
        <CancelBody
          key={booking.id}
          location={location}
          booking={booking}
          resourceName={resourceName}
          customerName={customerName}
          onClose={onClose}
          onCanceled={onCanceled}
        />
      )}
    </Modal>
  );
}

function CancelBody({ location, booking, resourceName, customerName, onClose, onCanceled }: CancelBookingModalProps & { booking: Booking }) {
  const cancel = useCancelBooking(location.id);
  const hours = location.cancellationNoticeHours;
  // Read once when the dialog opens: the rule the administrator reads is the one applied.
  const [inTime] = useState(() => Date.parse(booking.startsAt) - Date.now() >= hours * 3_600_000);
  const [refund, setRefund] = useState(inTime);
  const paid = isPaid(booking);
  const what = refundText(refundable(booking), location.currency);

  const confirm = () => {
    if (cancel.isPending) return;
    cancel.mutateAsync({ bookingId: booking.id, refund: paid && refund }).then(
      ({ refunded }) => {
        const given = refundText(refunded, location.currency);
        const expired = refunded.expiredNotReturned > 0 ? ` ${t('cancel.expired', { count: refunded.expiredNotReturned })}` : '';
        notifySuccess((given ? t('cancel.doneRefunded', { what: given }) : t('cancel.done')) + expired);
        onCanceled?.();
        onClose();
      },
      // Shown in the dialog (cancel.error).
      () => undefined,
    );
  };

  return (
    <Stack data-testid="cancel-booking">
      <Text fw={500}>{t('cancel.what', { resource: resourceName, when: whenText(booking, location.timeZone), name: customerName })}</Text>
      {paid ? (
        <>
          <Text size="sm">{inTime ? t('cancel.inTime', { hours, what }) : t('cancel.late', { hours, what })}</Text>
          <Checkbox label={t('cancel.refund', { what })} checked={refund} onChange={(event) => setRefund(event.currentTarget.checked)} />
          <Alert color={refund ? 'green' : 'gray'} variant="light" p="xs" data-testid="refund-summary">
            {refund ? t('cancel.willRefund', { what }) : t('cancel.noRefund')}
          </Alert>
        </>
      ) : (
        <Text size="sm">{t('cancel.nothingPaid')}</Text>
      )}
      <Text size="sm" c="dimmed">
        {t('cancel.email', { name: customerName })}
      </Text>
      <FormError message={cancel.isError ? errorMessage(cancel.error, { invalid_state: t('cancel.alreadyCanceled') }) : null} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={cancel.isPending}>
          {t('cancel.keep')}
        </Button>
        <Button color="red" onClick={confirm} loading={cancel.isPending}>
          {t('cancel.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
