// Image preparation on real images made here with sharp: a PNG with alpha, a JPEG carrying an EXIF orientation
// (and a GPS-like comment that must not survive), a page 10,000 px tall, a corrupt file and a 50 MB file.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  dataUrlOf,
  ImageError,
  maxImageSide,
  prepareImage,
  thumbnailOf,
  thumbnailSide,
} from '../../../src-main/core/images/prepare-image';

/** Left half red, right half blue, `width` × `height`, 3 channels. */
function halves(width: number, height: number): Buffer {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw[(y * width + x) * 3 + (x < width / 2 ? 0 : 2)] = 255;
  return raw;
}

/** Noise a photo codec cannot shrink much: JPEG then beats PNG by far. */
function noise(width: number, height: number, channels: 3 | 4): Buffer {
  const raw = Buffer.alloc(width * height * channels);
  let seed = 12345;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    raw[i] = channels === 4 && i % 4 === 3 ? 255 : seed >>> 24;
  }
  return raw;
}

const pixel = async (image: Buffer, x: number, y: number) => {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 3;
  return [data[at], data[at + 1], data[at + 2]];
};

describe('prepareImage', () => {
  it('keeps a small flat PNG with alpha as PNG (smaller than JPEG), its size unchanged', async () => {
    const width = 300;
    const height = 200;
    const raw = Buffer.alloc(width * height * 4);
    for (let i = 0; i < width * height; i++)
      raw.writeUInt32BE(i % width < 150 ? 0x00ff0080 : 0x00000000, i * 4);
    const png = await sharp(raw, { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer();
    const out = await prepareImage(png);
    expect(out.mime).toBe('image/png');
    expect([out.width, out.height, out.sourceWidth, out.sourceHeight]).toEqual([300, 200, 300, 200]);
    const meta = await sharp(out.data).metadata();
    expect(meta.format).toBe('png');
    expect(meta.hasAlpha).toBe(true); // the PNG keeps its transparency
  });

  it('sends a noisy photo-like PNG as JPEG, the smaller, scaled to 1024 px', async () => {
    const png = await sharp(noise(1600, 1200, 4), { raw: { width: 1600, height: 1200, channels: 4 } })
      .png()
      .toBuffer();
    const out = await prepareImage(png);
    expect(out.mime).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([1024, 768]);
    expect(out.data.length).toBeLessThan(png.length);
    expect((await sharp(out.data).metadata()).format).toBe('jpeg');
  });

  it('applies an EXIF orientation and strips the EXIF', async () => {
    // Stored 200 × 100, red left / blue right; orientation 6 means "turn 90° clockwise to display".
    const jpeg = await sharp(halves(200, 100), { raw: { width: 200, height: 100, channels: 3 } })
      .jpeg()
      .withExif({ IFD0: { ImageDescription: 'home address 1 Secret Lane' } })
      .withMetadata({ orientation: 6 }) // sharp writes the Orientation tag itself
      .toBuffer();
    const before = await sharp(jpeg).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes('Secret Lane')).toBe(true);

    const out = await prepareImage(jpeg);
    expect([out.width, out.height, out.sourceWidth, out.sourceHeight]).toEqual([100, 200, 100, 200]);
    const after = await sharp(out.data).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(out.data.includes('Secret Lane')).toBe(false);
    // Turned clockwise, the left (red) half is now on top.
    const [top, bottom] = [await pixel(out.data, 50, 20), await pixel(out.data, 50, 180)];
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
  });

  it('scales a page 10,000 px tall to 1024 px tall, aspect kept', async () => {
    const page = await sharp(halves(1400, 10_000), { raw: { width: 1400, height: 10_000, channels: 3 } })
      .png()
      .toBuffer();
    const started = performance.now();
    const out = await prepareImage(page);
    const ms = performance.now() - started;
    expect(out.height).toBe(maxImageSide);
    expect(out.width).toBe(Math.round((1400 * 1024) / 10_000));
    expect([out.sourceWidth, out.sourceHeight]).toEqual([1400, 10_000]);
    console.log(`prepare 1400x10000 page: ${ms.toFixed(0)} ms, ${out.mime} ${out.data.length} bytes`);
  });

  it('refuses a corrupt file with a clear error', async () => {
    const jpeg = await sharp(halves(400, 300), { raw: { width: 400, height: 300, channels: 3 } })
      .jpeg()
      .toBuffer();
    for (const bad of [jpeg.subarray(0, jpeg.length / 2), Buffer.from('this is not an image')]) {
      const error = await prepareImage(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageError);
      expect((error as ImageError).code).toBe('unreadable');
      expect((error as ImageError).message).toMatch(/^the image could not be read \(.+\)$/);
    }
    await expect(prepareImage(Buffer.alloc(0))).rejects.toMatchObject({ code: 'empty' });
  });

  it('refuses a 50 MB file before decoding it', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024);
    const started = performance.now();
    const error = (await prepareImage(big).catch((e: unknown) => e)) as ImageError;
    expect(error).toBeInstanceOf(ImageError);
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('the image is 50.0 MB; images over 20.0 MB are refused');
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('makes a thumbnail at most 256 px and a data URL', async () => {
    const png = await sharp(halves(800, 600), { raw: { width: 800, height: 600, channels: 3 } })
      .png()
      .toBuffer();
    const out = await prepareImage(png);
    const thumb = await sharp(await thumbnailOf(out)).metadata();
    expect([thumb.width, thumb.height, thumb.format]).toEqual([thumbnailSide, 192, 'jpeg']);
    expect(dataUrlOf(out)).toMatch(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/);
  });
});
