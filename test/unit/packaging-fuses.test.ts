// The fuse settings the afterPack hook applies, flipped by @electron/fuses on a stand-in fuse wire (the
// sentinel and wire layout Electron binaries carry; no Electron binary exists on the test machines).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { productionFuses } from '../../scripts/packaging/fuses';

const dir = mkdtempSync(join(tmpdir(), 'va-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Electron's defaults: RunAsNode, NODE_OPTIONS, inspect and file:// privileges on; the rest off. */
const fakeBinary = (name: string) => {
  const path = join(dir, name);
  const wire = Buffer.concat([
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
    Buffer.from([1, 9]),
    Buffer.from('101100011'),
  ]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(128), wire, Buffer.alloc(128)]));
  return path;
};

const on = (config: Record<number, unknown>, fuse: FuseV1Options) => config[fuse];

describe('production fuses', () => {
  it.each(['linux', 'win32', 'darwin'] as const)(
    '%s: no run-as-node, no NODE_OPTIONS/inspect, cookies encrypted, asar only',
    (platform) => {
      const config = productionFuses(platform) as unknown as Record<number, boolean>;
      expect(on(config, FuseV1Options.RunAsNode)).toBe(false);
      expect(on(config, FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
      expect(on(config, FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
      expect(on(config, FuseV1Options.EnableCookieEncryption)).toBe(true);
      expect(on(config, FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
    },
  );

  it('asar integrity only where Electron checks it (macOS, Windows)', () => {
    const integrity = (platform: NodeJS.Platform) =>
      (productionFuses(platform) as unknown as Record<number, unknown>)[
        FuseV1Options.EnableEmbeddedAsarIntegrityValidation
      ];
    expect(integrity('darwin')).toBe(true);
    expect(integrity('win32')).toBe(true);
    expect(integrity('linux')).toBeUndefined();
  });

  it('@electron/fuses writes exactly that wire', async () => {
    const binary = fakeBinary('linux-electron');
    await flipFuses(binary, productionFuses('linux'));
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse]!);
    expect(state(FuseV1Options.RunAsNode)).toBe('0');
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('0');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    // Untouched: file:// keeps its privileges (the renderer is loaded from file://).
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('1');
  });
});
