/** WCAG 2 contrast between colours, and the accent colour's companions for light and dark pages. Pure. */

export type Rgb = readonly [number, number, number];

const HEX = /^#([0-9a-f]{6})$/;

/** `#rrggbb` (also `#rgb`, any case, spaces around) as lowercase `#rrggbb`, or undefined. */
export function normaliseHex(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  const short = /^#?([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(t);
  if (short) return `#${short[1]!.repeat(2)}${short[2]!.repeat(2)}${short[3]!.repeat(2)}`;
  const long = /^#?([0-9a-f]{6})$/.exec(t);
  return long ? `#${long[1]}` : undefined;
}

export function parseHex(hex: string): Rgb {
  const m = HEX.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2 relative luminance. */
export function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(parseHex(a)), luminance(parseHex(b))].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG AA for normal text. */
export const AA = 4.5;

/** `a` moved toward `b` by `t` (0 to 1). */
export const mix = (a: string, b: string, t: number): string => {
  const [x, y] = [parseHex(a), parseHex(b)];
  return toHex([0, 1, 2].map((i) => x[i]! + (y[i]! - x[i]!) * t) as unknown as Rgb);
};

/** The theme's fixed colours the accent meets (public/style.css). */
export const THEME = {
  light: { paper: '#ffffff', tint: '#f3f4f1', accentInk: '#ffffff' },
  dark: { paper: '#141618', tint: '#1f2225', accentInk: '#0b1a21' },
} as const;

export interface AccentPalette {
  light: { accent: string; hover: string };
  dark: { accent: string; hover: string };
}

/**
 * Why an accent colour cannot be used, or undefined when it can: in light mode it is the links'
 * colour on white and the background of white button text, so white on it must reach AA.
 */
export function accentProblem(hex: string): 'low_contrast' | undefined {
  return contrastRatio(hex, THEME.light.accentInk) >= AA ? undefined : 'low_contrast';
}

/**
 * The accent as light and dark pages use it. Dark pages take a lighter mix of the same hue, the
 * least light one that is readable as link text on the dark paper and tint and under the dark button text.
 */
export function accentPalette(hex: string): AccentPalette {
  const readableOnDark = (c: string) =>
    contrastRatio(c, THEME.dark.paper) >= AA && contrastRatio(c, THEME.dark.tint) >= AA && contrastRatio(c, THEME.dark.accentInk) >= AA;
  let dark = '#ffffff';
  for (let step = 0; step <= 20; step++) {
    const candidate = mix(hex, '#ffffff', step / 20);
    if (readableOnDark(candidate)) {
      dark = candidate;
      break;
    }
  }
  return {
    light: { accent: hex, hover: mix(hex, '#000000', 0.2) },
    dark: { accent: dark, hover: mix(dark, '#ffffff', 0.3) },
  };
}
