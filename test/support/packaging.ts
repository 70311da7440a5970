// Loads electron-builder.yml and related packaging files the way electron-builder's own dependencies read
// them. js-yaml and plist come with electron-builder but ship no types, hence the narrow typed require.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const plist = require('plist') as { parse(xml: string): unknown };

export const root = join(import.meta.dirname, '../..');

export type BuilderConfig = Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  mac: Record<string, unknown> & { extendInfo: Record<string, string>; entitlements: string };
  linux: Record<string, unknown>;
  win: Record<string, unknown>;
  afterPack: string;
};

export const loadBuilderConfig = (): BuilderConfig =>
  yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

export const parsePlist = (path: string): unknown => plist.parse(readFileSync(join(root, path), 'utf8'));

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(join(root, path));
  if (png.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${path} is not a PNG`);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
