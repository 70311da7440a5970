// Runs electron-builder itself (the `dir` target: the unpacked app, no installer) with electron-builder.yml,
// offline: `electronDist` points at a stand-in "Electron distribution" whose binary is only the fuse
// sentinel and wire, so packaging, asar, asarUnpack, the afterPack hook and its fuses all run for real.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDynamicInfo } from '../../scripts/packaging/elf-runpath';
import { requireBuiltApp } from '../support/built-app';
import { root } from '../support/packaging';

const asar = createRequire(import.meta.url)('@electron/asar') as {
  listPackage(archive: string, options?: object): string[];
  extractFile(archive: string, file: string): Buffer;
};

const work = mkdtempSync(join(tmpdir(), 'va-package-'));
const appDir = join(work, 'dist', 'linux-unpacked');
const resources = join(appDir, 'resources');
const unpacked = join(resources, 'app.asar.unpacked');
let archive: string[] = [];

beforeAll(() => {
  requireBuiltApp(root);
  const electronDist = join(work, 'electron');
  mkdirSync(electronDist);
  const wire = Buffer.concat([
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
    Buffer.from([1, 9]),
    Buffer.from('101100011'),
  ]);
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.alloc(64), wire, Buffer.alloc(64)]), {
    mode: 0o755,
  });
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      `--config.electronDist=${electronDist}`,
      `--config.directories.output=${join(work, 'dist')}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } },
  );
  if (run.status !== 0) throw new Error(`electron-builder failed:\n${run.stdout}\n${run.stderr}`);
  archive = asar
    .listPackage(join(resources, 'app.asar'), { isPack: false })
    .map((p) => p.replace(/\\/g, '/'));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged app (electron-builder --dir)', () => {
  it('packs the addons npm built, not rebuilt ones: naudiodon.node differs only in its RUNPATH bytes', () => {
    const built = readFileSync(join(root, 'node_modules/naudiodon2/build/Release/naudiodon.node'));
    const packed = readFileSync(join(unpacked, 'node_modules/naudiodon2/build/Release/naudiodon.node'));
    expect(packed.length).toBe(built.length);
    const changed = [...built.keys()].filter((i) => built[i] !== packed[i]);
    expect(changed.length).toBeGreaterThan(0); // the RUNPATH was rewritten…
    expect(Math.max(...changed) - Math.min(...changed)).toBeLessThan(200); // …and nothing else
  });

  it('app.asar holds the bundles, the tray images and package.json, and no sources or source maps', () => {
    for (const file of [
      '/out/main/index.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/package.json',
    ]) {
      expect(archive).toContain(file);
    }
    for (const state of ['idle', 'listening', 'speaking'])
      expect(archive).toContain(`/resources/tray/${state}.png`);
    // The echo canceller's FFT ships; AEC3's WebAssembly (the benchmark's baseline only) does not.
    expect(archive).toContain('/node_modules/fft.js/lib/fft.js');
    expect(archive.some((p) => p.includes('webrtcaec3'))).toBe(false);
    expect(
      archive.filter(
        (p) => /^\/(src-|test\/|scripts\/)|\.map$|\.ts$/.test(p) && !p.startsWith('/node_modules'),
      ),
    ).toEqual([]);
    expect(archive.some((p) => p.startsWith('/node_modules/electron/'))).toBe(false);
  });

  it('naudiodon.node and libportaudio sit side by side outside the asar, with RUNPATH $ORIGIN', () => {
    const release = join(unpacked, 'node_modules/naudiodon2/build/Release');
    expect(existsSync(join(release, 'naudiodon.node'))).toBe(true);
    expect(existsSync(join(release, 'libportaudio.so.2'))).toBe(true);
    expect(readDynamicInfo(join(release, 'naudiodon.node')).runpath).toBe('$ORIGIN');
    // Sources and other platforms' PortAudio builds stay out.
    expect(
      archive.filter(
        (p) => p.startsWith('/node_modules/naudiodon2/') && /portaudio\/|\/src\/|obj\.target/.test(p),
      ),
    ).toEqual([]);
  });

  it('uiohook-napi: only this platform’s prebuild, unpacked', () => {
    const prebuilds = archive.filter(
      (p) => p.startsWith('/node_modules/uiohook-napi/prebuilds/') && p.endsWith('.node'),
    );
    expect(prebuilds).toEqual([
      `/node_modules/uiohook-napi/prebuilds/${process.platform}-${process.arch}/uiohook-napi.node`,
    ]);
    expect(existsSync(join(unpacked, prebuilds[0]!))).toBe(true);
  });

  it('the key hook probe entry ships beside the main bundle, self-contained (utilityProcess.fork runs it)', () => {
    expect(archive).toEqual(expect.arrayContaining(['/out/main/index.js', '/out/main/uiohook-probe.js']));
    const probe = asar.extractFile(join(resources, 'app.asar'), 'out/main/uiohook-probe.js').toString();
    // uiohook-napi resolves from app.asar/node_modules as it does for the main bundle; no shared app chunk.
    expect(probe).toMatch(/createRequire\(import\.meta\.url\)\(["']uiohook-napi["']\)/);
    expect(probe).not.toMatch(/from\s*["']\.\.?\//);
  });

  it('no segfault-handler NAN addon: only the no-op package that replaces it', () => {
    const handler = archive.filter((p) => p.includes('segfault-handler'));
    expect(handler.filter((p) => /\.(node|cc|gyp)$|\/build\//.test(p))).toEqual([]);
    const pkg = JSON.parse(
      asar.extractFile(join(resources, 'app.asar'), 'node_modules/segfault-handler/package.json').toString(),
    );
    expect(pkg.version).toBe('1.3.0-noop');
    const allNative = archive.filter((p) => p.endsWith('.node'));
    // sharp's N-API addon (images for a turn) comes from its per-platform package, named with its version.
    const sharp = new RegExp(
      `^/node_modules/@img/sharp-${process.platform}-${process.arch}/lib/sharp-.*\\.node$`,
    );
    expect(allNative.filter((p) => sharp.test(p))).toHaveLength(1);
    expect(allNative.filter((p) => !sharp.test(p)).sort()).toEqual(
      [
        '/node_modules/naudiodon2/build/Release/naudiodon.node',
        `/node_modules/uiohook-napi/prebuilds/${process.platform}-${process.arch}/uiohook-napi.node`,
      ].sort(),
    );
  });

  it('the binary’s fuses: no run-as-node, NODE_OPTIONS or inspect; cookies encrypted; app only from asar', async () => {
    const wire = (await getCurrentFuseWire(join(appDir, 'voice-assistant'))) as unknown as Record<
      number,
      number
    >;
    const fuse = (option: FuseV1Options) => String.fromCharCode(wire[option]!);
    expect(fuse(FuseV1Options.RunAsNode)).toBe('0');
    expect(fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(fuse(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(fuse(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(fuse(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
  });

  it('package.json in the asar points Electron at the ESM main bundle', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const packed = JSON.parse(asar.extractFile(join(resources, 'app.asar'), 'package.json').toString());
    expect(packed).toMatchObject({ main: pkg.main, type: 'module', version: pkg.version });
  });

  it('carries the update feed electron-updater reads: the project’s GitHub releases (issue 19)', () => {
    const feed = yaml.load(readFileSync(join(resources, 'app-update.yml'), 'utf8'));
    expect(feed).toEqual({
      provider: 'github',
      owner: expect.any(String),
      repo: 'voice-assistant',
      releaseType: 'release',
      updaterCacheDirName: 'voice-assistant-updater',
    });
  });
});
