// electron-builder.yml checked against electron-builder's own JSON schema (with the validator options
// electron-builder uses), plus the facts the config relies on: icons at the sizes each platform needs,
// the macOS entitlements, and native addons unpacked from the asar without a rebuild.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, parsePlist, pngSize, root } from '../support/packaging';

const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
// app-builder-lib/out/util/config/schemaValidator.js compiles scheme.json with exactly these options.
const validate = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false }).compile(
  schema,
);
const config = loadBuilderConfig();

describe('electron-builder.yml', () => {
  it('matches electron-builder 26’s configuration schema', () => {
    const valid = validate(structuredClone(config));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check is not vacuous: a misspelt option is rejected', () => {
    const broken = structuredClone(config);
    (broken.mac as Record<string, unknown>).hardenedRunTime = true;
    expect(validate(broken)).toBe(false);
  });

  it('builds AppImage + deb, NSIS, and dmg + zip', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Voice Assistant');
  });

  it('a desktop entry with a main category', () => {
    expect(config.linux.category).toBe('Utility');
    const entry = (config.linux.desktop as { entry: Record<string, string> }).entry;
    expect(entry.Categories).toMatch(/^Utility;/);
    // The desktop-entry spec: "Audio" and "Video" are only valid together with the "AudioVideo" main category.
    const categories = (entry.Categories ?? '').split(';').filter(Boolean);
    if (categories.includes('Audio') || categories.includes('Video'))
      expect(categories).toContain('AudioVideo');
  });

  it('does not rebuild native modules (both are N-API) and unpacks them from the asar', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/naudiodon2/build/Release/**',
        'node_modules/uiohook-napi/prebuilds/**',
      ]),
    );
    // N-API addons export napi_register_module_v1 and never link against V8's C++ API (mangled _ZN2v8…),
    // which is what ties a NAN addon to one Node/Electron ABI.
    for (const addon of [
      'node_modules/naudiodon2/build/Release/naudiodon.node',
      `node_modules/uiohook-napi/prebuilds/${process.platform}-${process.arch}/uiohook-napi.node`,
    ]) {
      const binary = readFileSync(join(root, addon)).toString('latin1');
      expect(binary, addon).toContain('napi_register_module_v1');
      expect(binary, addon).not.toContain('_ZN2v8');
    }
  });

  it('macOS: hardened runtime, microphone entitlement and usage description', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    const entitlements = parsePlist(config.mac.entitlements) as Record<string, unknown>;
    expect(entitlements).toEqual({
      'com.apple.security.cs.allow-jit': true,
      'com.apple.security.device.audio-input': true,
    });
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
  });

  it('the afterPack hook exists', () => {
    expect(existsSync(join(root, config.afterPack))).toBe(true);
  });
});

describe('icons', () => {
  it('Linux icon set: a PNG per size, named by size', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(`resources/icons/${size}x${size}.png`)).toEqual({ width: size, height: size });
    }
    expect(config.linux.icon).toBe('resources/icons');
  });

  it('Windows .ico holds a 256 px image (NSIS and electron-builder require it)', () => {
    const ico = readFileSync(join(root, config.win.icon as string));
    expect(ico.readUInt16LE(2)).toBe(1); // type 1 = icon
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('macOS .icns holds the 16…1024 px entries', () => {
    const icns = readFileSync(join(root, config.mac.icon as string));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.toString('latin1', at, at + 4));
    expect(types).toEqual(expect.arrayContaining(['icp4', 'ic07', 'ic08', 'ic09', 'ic10']));
  });

  it('tray images for every state, coloured and macOS template, at 1x and 2x', () => {
    for (const state of ['idle', 'listening', 'speaking']) {
      for (const name of [state, `${state}Template`]) {
        expect(pngSize(`resources/tray/${name}.png`)).toEqual({ width: 16, height: 16 });
        expect(pngSize(`resources/tray/${name}@2x.png`)).toEqual({ width: 32, height: 32 });
      }
    }
    expect(config.files).toContain('resources/tray/*.png');
  });
});
