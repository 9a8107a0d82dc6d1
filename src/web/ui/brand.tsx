// The operator's brand in the web apps: the accent colour becomes Mantine's primary colour (checked for contrast by
// the same rule as the emails, server/lib/schema.ts), and the logo with the name heads the frames.
import { Group, Image, Text, type MantineColorsTuple } from '@mantine/core';
import { useEffect, useSyncExternalStore } from 'react';
import { mixColor, readableAccent } from '../../server/lib/schema';

let accent: string | null = null;
const listeners = new Set<() => void>();

function setAccent(next: string | null) {
  if (next === accent) return;
  accent = next;
  for (const l of listeners) l();
}

/** The accent colour chosen by the frame on screen (null: Atrium's blue), for mount's theme. */
export function useAccent(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => accent,
  );
}

/** Makes this organization's accent colour the app's primary colour while the calling frame is shown. */
export function useBrandAccent(hex: string | null | undefined): void {
  useEffect(() => {
    setAccent(hex ?? null);
    return () => setAccent(null);
  }, [hex]);
}

/**
 * Mantine's ten shades of the accent: light tints of the colour itself for backgrounds (0 to 5), and from 6 up the
 * colour darkened until white text on it (and it as text on white) reaches WCAG AA, so filled buttons, links and
 * the active navigation pass whatever colour the operator chose.
 */
export function accentShades(hex: string): MantineColorsTuple {
  const readable = readableAccent(hex);
  return [
    mixColor(hex, 0.92),
    mixColor(hex, 0.84),
    mixColor(hex, 0.7),
    mixColor(hex, 0.55),
    mixColor(hex, 0.4),
    mixColor(hex, 0.2),
    readable,
    readable,
    readable,
    mixColor(readable, -0.2),
  ];
}

export interface BrandLike {
  name: string;
  logoUrl: string | null;
}

/** The logo (when there is one) and the name, as a frame's title; a long name is cut at the end with the full name kept. */
export function BrandMark({ brand, size = 'lg', logoHeight = 32 }: { brand: BrandLike; size?: string; logoHeight?: number }) {
  return (
    <Group gap="xs" wrap="nowrap" miw={0}>
      {brand.logoUrl && <Image src={brand.logoUrl} alt="" h={logoHeight} w="auto" maw={logoHeight * 4} fit="contain" style={{ flexShrink: 0 }} />}
      <Text fw={700} size={size} truncate="end" title={brand.name} data-testid="brand-name">
        {brand.name}
      </Text>
    </Group>
  );
}
