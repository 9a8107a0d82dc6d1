// Reception of a location (admin): pairing codes and the paired tablets, with their query keys.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { deviceSchema, pairingCodeAnswer } from '../../../../server/modules/reception/schema';
import { api } from '../../../lib/api';

export type Device = z.infer<typeof deviceSchema>;
export type PairingCode = z.infer<typeof pairingCodeAnswer>;

export const receptionKeys = {
  devices: (locationId: string) => ['locations', locationId, 'reception', 'devices'] as const,
};

const base = (locationId: string) => `/locations/${encodeURIComponent(locationId)}/reception`;

/** The paired tablets; read every few seconds while a code is shown, so the new tablet appears once paired. */
export function useDevices(locationId: string, watching: boolean) {
  return useQuery({
    queryKey: receptionKeys.devices(locationId),
    queryFn: () => api.get<{ items: Device[] }>(`${base(locationId)}/devices`),
    refetchInterval: watching ? 3000 : false,
  });
}

export function useNewPairingCode(locationId: string) {
  return useMutation({ mutationFn: (name: string) => api.post<PairingCode>(`${base(locationId)}/pairing-codes`, name ? { name } : {}) });
}

export function useRevokeDevice(locationId: string) {
  const queryClient = useQueryClient();
  return (device: Device) =>
    api
      .delete(`${base(locationId)}/devices/${encodeURIComponent(device.id)}`)
      .then(() => queryClient.invalidateQueries({ queryKey: receptionKeys.devices(locationId) }));
}
