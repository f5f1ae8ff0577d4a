/**
 * The demo posts' featured images: abstract compositions drawn as SVG in the site's accent colour
 * and turned into JPEG with sharp when the demo loads (nothing binary is checked in). Each comes
 * with alt text that says what it shows: shapes, not a photo pretending to be one.
 */

export const DEMO_IMAGE_WIDTH = 1600;
export const DEMO_IMAGE_HEIGHT = 900;

export interface DemoImage {
  svg: string;
  alt: string;
}

/** `#rrggbb` mixed toward white (amount > 0) or black (amount < 0); amount in -1…1. */
export function mix(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const target = amount >= 0 ? 255 : 0;
  const share = Math.abs(amount);
  return `#${channels
    .map((c) =>
      Math.round(c + (target - c) * share)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const W = DEMO_IMAGE_WIDTH;
const H = DEMO_IMAGE_HEIGHT;

const frame = (defs: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`;

const gradient = (id: string, from: string, to: string, x2 = 1, y2 = 1) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="${x2}" y2="${y2}"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`;

type Composition = (accent: string) => DemoImage;

const COMPOSITIONS: Composition[] = [
  (a) => ({
    svg: frame(
      gradient('g', mix(a, 0.15), mix(a, -0.45)),
      `<rect width="${W}" height="${H}" fill="url(#g)"/>` +
        `<circle cx="560" cy="430" r="300" fill="#fff" fill-opacity=".18"/>` +
        `<circle cx="860" cy="470" r="300" fill="#fff" fill-opacity=".18"/>` +
        `<circle cx="710" cy="260" r="300" fill="#fff" fill-opacity=".18"/>`,
    ),
    alt: 'Abstrakt illustration: tre lyse, gennemsigtige cirkler, der overlapper hinanden, på en baggrund, der går fra mellemblå til mørkeblå.',
  }),
  (a) => ({
    svg: frame(
      gradient('g', mix(a, -0.3), mix(a, 0.25), 1, 0),
      `<rect width="${W}" height="${H}" fill="url(#g)"/>` +
        [0, 1, 2, 3, 4, 5, 6]
          .map(
            (i) =>
              `<path d="M${i * 300 - 400} ${H} L${i * 300 + 200} 0 L${i * 300 + 330} 0 L${i * 300 - 270} ${H}Z" fill="#fff" fill-opacity="${0.06 + (i % 3) * 0.06}"/>`,
          )
          .join(''),
    ),
    alt: 'Abstrakt illustration: skrå, lyse bånd i forskellige styrker hen over en blå baggrund, der bliver lysere mod højre.',
  }),
  (a) => ({
    svg: frame(
      '',
      `<rect width="${W}" height="${H}" fill="${mix(a, 0.9)}"/>` +
        [620, 500, 380, 260, 140]
          .map((r, i) => `<circle cx="${W - 260}" cy="${H - 160}" r="${r}" fill="${mix(a, 0.7 - i * 0.17)}"/>`)
          .join(''),
    ),
    alt: 'Abstrakt illustration: koncentriske cirkler i blå nuancer, der bliver mørkere ind mod midten, fra nederste højre hjørne af et lyst felt.',
  }),
  (a) => ({
    svg: frame(
      '',
      `<rect width="${W}" height="${H}" fill="${mix(a, 0.88)}"/>` +
        [380, 520, 300, 640, 460, 720, 560]
          .map(
            (h, i) =>
              `<rect x="${170 + i * 190}" y="${H - 90 - h}" width="120" height="${h}" rx="10" fill="${mix(a, i === 5 ? -0.2 : 0.45 - (i % 3) * 0.15)}"/>`,
          )
          .join('') +
        `<rect x="120" y="${H - 90}" width="${W - 240}" height="6" fill="${mix(a, -0.4)}"/>`,
    ),
    alt: 'Abstrakt illustration: syv lodrette søjler i forskellige højder og blå nuancer, som i et søjlediagram uden tal, på en lys baggrund.',
  }),
  (a) => ({
    svg: frame(
      gradient('g', mix(a, 0.85), mix(a, 0.6), 0, 1),
      `<rect width="${W}" height="${H}" fill="url(#g)"/>` +
        [0, 1, 2, 3]
          .map(
            (i) =>
              `<path d="M0 ${380 + i * 130} C 400 ${260 + i * 130}, 800 ${520 + i * 130}, ${W} ${360 + i * 130} L${W} ${H} L0 ${H}Z" fill="${mix(a, 0.3 - i * 0.25)}"/>`,
          )
          .join(''),
    ),
    alt: 'Abstrakt illustration: fire bølgede lag i blå nuancer, lysest øverst og mørkest nederst, under en lys himmel.',
  }),
  (a) => ({
    svg: frame(
      '',
      `<rect width="${W}" height="${H}" fill="${mix(a, -0.35)}"/>` +
        Array.from({ length: 9 }, (_, row) =>
          Array.from({ length: 15 }, (__, col) => {
            const big = (row * 7 + col * 3) % 11 === 0;
            return `<circle cx="${100 + col * 100}" cy="${50 + row * 100}" r="${big ? 30 : 9}" fill="${big ? mix(a, 0.6) : '#fff'}" fill-opacity="${big ? 1 : 0.35}"/>`;
          }).join(''),
        ).join(''),
    ),
    alt: 'Abstrakt illustration: et jævnt gitter af små lyse prikker på mørkeblå baggrund, hvor enkelte prikker er større og lyseblå.',
  }),
];

/** The `index`-th demo image (they repeat after six), in the accent colour `accent` (#rrggbb). */
export function demoImage(index: number, accent: string): DemoImage {
  return COMPOSITIONS[index % COMPOSITIONS.length]!(accent);
}
