// The afterPack RUNPATH rewrite on the real naudiodon.node: only the RUNPATH string changes, and the copy
// then loads the libportaudio.so.2 beside it instead of the one in the build directory.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDynamicInfo, rewriteRunpath } from '../../scripts/packaging/elf-runpath';
import { fixPortAudioRunpath, naudiodonReleaseDir } from '../../scripts/packaging/after-pack-hook';
import { root } from '../support/packaging';

const release = join(root, 'node_modules/naudiodon2/build/Release');
const dirs: string[] = [];
const copyAddon = () => {
  const dir = mkdtempSync(join(tmpdir(), 'va-runpath-'));
  dirs.push(dir);
  for (const file of ['naudiodon.node', 'libportaudio.so.2'])
    copyFileSync(join(release, file), join(dir, file));
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Loads the addon in a fresh Node and reports which libportaudio the dynamic loader mapped. */
const loadedPortAudio = (addon: string): string[] => {
  const script = `process.dlopen({ exports: {} }, ${JSON.stringify(addon)});
    const maps = require('node:fs').readFileSync('/proc/self/maps', 'utf8').split('\\n');
    console.log(JSON.stringify([...new Set(maps.filter((l) => l.includes('libportaudio')).map((l) => l.split(/\\s+/).pop()))]));`;
  // naudiodon prints nothing on load, but PortAudio might: the report is the last line.
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split('\n');
  return JSON.parse(out.at(-1)!) as string[];
};

describe('RUNPATH of naudiodon.node', () => {
  it('node-gyp left an absolute RUNPATH to the build directory (why the rewrite exists)', () => {
    const info = readDynamicInfo(join(release, 'naudiodon.node'));
    expect(info.needed).toContain('libportaudio.so.2');
    expect(info.runpath).toBe(release);
  });

  it('unpatched, a copy elsewhere still loads the build directory’s libportaudio', () => {
    const dir = copyAddon();
    expect(loadedPortAudio(join(dir, 'naudiodon.node'))).toEqual([join(release, 'libportaudio.so.2')]);
  });

  it('rewritten to $ORIGIN, the copy loads the libportaudio beside it; nothing else in the file changes', () => {
    const dir = copyAddon();
    const addon = join(dir, 'naudiodon.node');
    const before = readFileSync(addon);
    expect(rewriteRunpath(addon, '$ORIGIN')).toBe(release);
    const after = readFileSync(addon);
    expect(after.length).toBe(before.length);
    const changed = [...before.keys()].filter((i) => before[i] !== after[i]);
    // Only bytes inside the old string (now "$ORIGIN" and NUL padding) differ.
    expect(changed.length).toBeLessThanOrEqual(release.length);
    expect(Math.max(...changed) - Math.min(...changed)).toBeLessThan(release.length);
    expect(readDynamicInfo(addon)).toMatchObject({
      runpath: '$ORIGIN',
      needed: readDynamicInfo(join(release, 'naudiodon.node')).needed,
    });
    expect(loadedPortAudio(addon)).toEqual([join(dir, 'libportaudio.so.2')]);
  });

  it('refuses a RUNPATH longer than the one it replaces', () => {
    const dir = copyAddon();
    expect(() => rewriteRunpath(join(dir, 'naudiodon.node'), `/${'x'.repeat(release.length)}`)).toThrow(
      /longer/,
    );
  });

  it('the afterPack step finds the unpacked addon, requires libportaudio beside it, and is idempotent', () => {
    const resources = mkdtempSync(join(tmpdir(), 'va-resources-'));
    dirs.push(resources);
    const target = naudiodonReleaseDir(resources);
    execFileSync('mkdir', ['-p', target]);
    copyFileSync(join(release, 'naudiodon.node'), join(target, 'naudiodon.node'));
    expect(() => fixPortAudioRunpath(resources)).toThrow(/libportaudio\.so\.2 must sit beside/);
    copyFileSync(join(release, 'libportaudio.so.2'), join(target, 'libportaudio.so.2'));
    fixPortAudioRunpath(resources);
    fixPortAudioRunpath(resources);
    expect(readDynamicInfo(join(target, 'naudiodon.node')).runpath).toBe('$ORIGIN');
  });
});
