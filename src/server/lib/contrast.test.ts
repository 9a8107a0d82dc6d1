// The brand's contrast rule (lib/schema.ts): white text on the accent colour reaches WCAG AA, or the colour is darkened.
import { describe, expect, it } from 'vitest';
import { contrastRatio, DEFAULT_ACCENT, hexColorSchema, mixColor, readableAccent, relativeLuminance } from './schema.js';

describe('the contrast rule of the brand', () => {
  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('keeps a dark enough colour as it is', () => {
    expect(readableAccent('#1971c2')).toBe('#1971c2');
    expect(readableAccent('#000000')).toBe('#000000');
    expect(readableAccent('#0B5A3C')).toBe('#0b5a3c');
  });

  it('darkens a light colour until white text on it reaches 4.5:1, keeping its hue', () => {
    for (const light of ['#ffd43b', '#ffffff', '#40c057', '#ff922b', '#74c0fc']) {
      const readable = readableAccent(light);
      expect(readable).not.toBe(light);
      expect(contrastRatio(readable, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      // one step less dark would not have been enough: the darkening stops as soon as the rule holds
      expect(contrastRatio(mixColor(readable, 0.03), '#ffffff')).toBeLessThan(4.6);
    }
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(readableAccent('#ff922b').slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });

  it('the default accent passes', () => {
    expect(contrastRatio(DEFAULT_ACCENT, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('accepts only #rrggbb colours', () => {
    expect(hexColorSchema.parse(' #1C7ED6 ')).toBe('#1c7ed6');
    for (const bad of ['1c7ed6', '#fff', '#1c7ed6ff', 'red', 'url(x)']) expect(hexColorSchema.safeParse(bad).success).toBe(false);
  });
});
