import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { AppError } from '../errors.js';
import { markdownAlt, processImage, sniffImageFormat } from './upload.service.js';

const image = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3a7' } });
const problemOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error.details.fields?.file;
  }
};

// EXIF's GPS pointer tag (0x8825) as it sits in a little-endian ("II") TIFF header.
const GPS_TAG = Buffer.from([0x25, 0x88]);

describe('processImage', () => {
  it('keeps the format and makes narrower copies only below the original width', async () => {
    const result = await processImage(await image(1000, 500).png().toBuffer());
    assert.equal(result.format, 'png');
    assert.deepEqual([result.width, result.height], [1000, 500]);
    assert.deepEqual(
      result.variants.map((v) => v.width),
      [640],
    );
    assert.equal((await sharp(result.variants[0]!.data).metadata()).width, 640);
  });

  it('strips EXIF, GPS position included', async () => {
    const withGps = await image(64, 48)
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Hemmelig fotograf' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 40/1 0/1' } })
      .toBuffer();
    const exif = (await sharp(withGps).metadata()).exif;
    assert.ok(exif?.includes(GPS_TAG) && exif.includes('Hemmelig'), 'the test image carries a GPS position');
    const result = await processImage(withGps);
    assert.equal((await sharp(result.full).metadata()).exif, undefined);
    assert.ok(!result.full.includes('Hemmelig'));
  });

  it('refuses text dressed as an image, SVG, and formats outside the four', async () => {
    assert.equal(await problemOf(processImage(Buffer.from('ikke et billede, bare tekst'))), 'not_an_image');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    assert.equal(await problemOf(processImage(svg)), 'not_an_image');
    assert.equal(await problemOf(processImage(await image(10, 10).tiff().toBuffer())), 'not_an_image');
    assert.equal(await problemOf(processImage(await image(10, 10).avif().toBuffer())), 'not_an_image');
  });

  it('refuses a file whose first bytes lie about the rest', async () => {
    const png = await image(10, 10).png().toBuffer();
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), png]);
    assert.equal(await problemOf(processImage(fake)), 'not_an_image');
  });

  it('refuses more than 40 megapixels before decoding them', async () => {
    const huge = await image(8000, 6000).png({ compressionLevel: 9 }).toBuffer();
    assert.equal(await problemOf(processImage(huge)), 'too_many_pixels');
  });

  it('refuses an empty file and one over 10 MB', async () => {
    assert.equal(await problemOf(processImage(Buffer.alloc(0))), 'required');
    assert.equal(await problemOf(processImage(Buffer.alloc(10 * 1024 * 1024 + 1))), 'too_large');
  });

  it('reads the format from the first bytes', async () => {
    assert.equal(sniffImageFormat(await image(4, 4).webp().toBuffer()), 'webp');
    assert.equal(sniffImageFormat(await image(4, 4).gif().toBuffer()), 'gif');
    assert.equal(sniffImageFormat(Buffer.from('<svg')), undefined);
  });

  it('escapes alt text for Markdown', () => {
    assert.equal(markdownAlt(' Kort [1]\nover\\byen '), 'Kort \\[1\\] over\\\\byen');
  });
});
