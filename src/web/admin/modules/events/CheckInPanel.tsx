// Check-in at the door: type a ticket's code, or scan its QR code with the camera (getUserMedia, frames decoded with
// jsqr). Without a camera it says so and the typed code still works.
import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { notifySuccess } from '../../../ui/notify';
import { useServerForm } from '../../../ui/use-server-form';
import { useCheckIn } from './api';
import { t } from './messages';

const schema = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: () => t('checkIn.codeRequired') }),
});

export function CheckInPanel({ locationId, eventId }: { locationId: string; eventId: string }) {
  const checkIn = useCheckIn(locationId, eventId);
  const [scanning, setScanning] = useState(false);
  const [noCamera, setNoCamera] = useState(false);
  const { form, onSubmit, submitting, error } = useServerForm({
    schema,
    initialValues: { code: '' },
    submit: async ({ code }) => {
      const done = await checkIn.mutateAsync(code);
      const name = [done.ticket.holder.firstName, done.ticket.holder.lastName].filter(Boolean).join(' ') || done.ticket.holder.email;
      notifySuccess(t('checkIn.done', { name }));
      form.setFieldValue('code', '');
    },
    fieldForError: () => 'code',
    errorTexts: () => ({ 404: t('checkIn.unknown') }),
  });
  const submitRef = useRef<HTMLButtonElement>(null);

  const onScanned = (code: string) => {
    setScanning(false);
    form.setFieldValue('code', code);
    // submit as if typed, so the same checks and words apply
    setTimeout(() => submitRef.current?.click(), 0);
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="check-in-title">
      <Title order={2} size="h4" id="check-in-title">
        {t('checkIn.title')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Group align="flex-start" gap="xs" wrap="wrap">
          <TextInput
            label={t('checkIn.code')}
            description={t('checkIn.codeHint')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            w={{ base: '100%', sm: 420 }}
            {...form.getInputProps('code')}
          />
          <Button type="submit" loading={submitting} mt={{ base: 0, sm: 45 }} ref={submitRef}>
            {t('checkIn.submit')}
          </Button>
          <Button variant="default" mt={{ base: 0, sm: 45 }} onClick={() => (scanning ? setScanning(false) : setScanning(true))}>
            {scanning ? t('checkIn.stopScan') : t('checkIn.scan')}
          </Button>
        </Group>
      </form>
      {error && !form.errors.code && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      {noCamera && (
        <Alert color="yellow" role="status">
          {t('checkIn.noCamera')}
        </Alert>
      )}
      {scanning && (
        <Scanner
          onCode={onScanned}
          onNoCamera={() => {
            setScanning(false);
            setNoCamera(true);
          }}
        />
      )}
    </Stack>
  );
}

/** The camera's video, decoded a few times a second until a QR code is read. */
function Scanner({ onCode, onNoCamera }: { onCode: (code: string) => void; onNoCamera: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const done = useRef({ onCode, onNoCamera });
  done.current = { onCode, onNoCamera };
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const tick = () => {
      const v = video.current;
      if (stopped || !v) return;
      if (v.readyState >= 2 && v.videoWidth > 0) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        if (context) {
          context.drawImage(v, 0, 0);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
          if (found?.data) {
            done.current.onCode(found.data);
            return;
          }
        }
      }
      timer = window.setTimeout(tick, 200);
    };
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) return done.current.onNoCamera();
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch {
        return done.current.onNoCamera();
      }
      if (stopped || !video.current) return;
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      tick();
    })();
    return () => {
      stopped = true;
      if (timer) window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return (
    <Stack gap={4}>
      <Text size="sm">{t('checkIn.scanning')}</Text>
      <video ref={video} aria-label={t('checkIn.video')} muted playsInline style={{ width: '100%', maxWidth: 420, borderRadius: 8, background: '#000' }} />
    </Stack>
  );
}
