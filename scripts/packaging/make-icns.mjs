// @ts-check
// Packs PNGs into an Apple .icns container: a big-endian header ('icns', total length) followed by one
// (type, length, PNG bytes) entry per size. Modern icns entry types hold PNG data directly, so no image
// processing is needed here. Usage: node make-icns.mjs out.icns dir-with-NxN.png
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** icns entry type → the PNG (pixel size) it holds. The @2x types reuse the next size up. */
const entries = /** @type {const} */ ([
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32], // 16@2x
  ['icp6', 64],
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256], // 128@2x
  ['ic09', 512],
  ['ic14', 512], // 256@2x
  ['ic10', 1024], // 512@2x
]);

const [out, dir] = process.argv.slice(2);
if (!out || !dir) throw new Error('usage: make-icns.mjs out.icns icon-dir');

const chunks = entries.map(([type, size]) => {
  const png = readFileSync(join(dir, `${size}x${size}.png`));
  const header = Buffer.alloc(8);
  header.write(type, 0, 'latin1');
  header.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([header, png]);
});
const body = Buffer.concat(chunks);
const header = Buffer.alloc(8);
header.write('icns', 0, 'latin1');
header.writeUInt32BE(body.length + 8, 4);
writeFileSync(out, Buffer.concat([header, body]));
