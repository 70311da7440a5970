// The diagnostic log on real files: pino JSON lines through pino-roll, rotation, the tail across files,
// lines from before the file opened, and no secret in any file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppLog } from '../../../src-main/core/diagnostics/app-log';
import { logFileParts, logFiles } from '../../../src-main/core/diagnostics/log-tail';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();
const allText = (folder: string) =>
  readdirSync(folder)
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .join('');

describe('the app log', () => {
  it('writes JSON lines, with what was logged before the file opened first', async () => {
    const log = createAppLog();
    log.info('early', { n: 1 });
    const file = join(tempDir(), 'logs', 'main.log');
    await log.open(file);
    log.warn('later', { n: 2 });
    log.error('failed', new Error('disk on fire'));
    expect(log.location()).toEqual({
      file: join(tempDir(), 'logs', 'main.1.log'),
      folder: join(tempDir(), 'logs'),
    });
    const lines = readFileSync(log.location()!.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['info', 'early'],
      ['warn', 'later'],
      ['error', 'failed'],
    ]);
    expect(lines[2].error).toMatchObject({ type: 'Error', message: 'disk on fire' });
    expect(lines[0]).toMatchObject({ n: 1, pid: process.pid });
    await log.close();
  });

  it('never writes a registered secret or a key-shaped string, in any file', async () => {
    const log = createAppLog({ fileSize: '2k', filesKept: 3 });
    const key = 'sk-test-0123456789abcdefghij';
    log.addSecret(key);
    const folder = join(tempDir(), 'logs');
    await log.open(join(folder, 'main.log'));
    for (let i = 0; i < 50; i++) {
      log.info('said', { text: `my key is ${key}`, authorization: `Bearer ${key}` });
      log.error(`connect ${i} failed for ${key}`, new Error(`401: ${key}`));
    }
    await log.close();
    const text = allText(folder);
    expect(text).not.toContain(key);
    expect(text).not.toContain('0123456789abcdefghij');
    expect(text).toContain('[redacted]');
  });

  it('rotates by size, keeps a bounded number of files, and the tail reads across them', async () => {
    const log = createAppLog({ fileSize: '2k', filesKept: 2 });
    const folder = join(tempDir(), 'logs');
    const file = join(folder, 'main.log');
    await log.open(file);
    for (let i = 0; i < 200; i++) log.info(`line ${i}`, { padding: 'x'.repeat(40) });
    // pino-roll deletes old files in the background after a rotation.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const files = await logFiles(file);
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
    const tail = await log.tail(30);
    expect(tail).toHaveLength(30);
    expect(tail.at(-1)).toMatch(/INFO {2}line 199 \{"padding":"x+"\}$/);
    expect(tail[0]).toMatch(/line 170 /);
    // The newest line is in one of the two newest files (a write that crossed the size opened a new, empty one).
    expect(
      files
        .slice(0, 2)
        .map((f) => readFileSync(f, 'utf8'))
        .join(''),
    ).toContain('"line 199"');
    await log.close();
  });

  it('a second run appends to the newest file of the first', async () => {
    const file = join(tempDir(), 'main.log');
    const first = createAppLog();
    await first.open(file);
    first.info('run one');
    await first.close();
    const second = createAppLog();
    await second.open(file);
    second.info('run two');
    expect((await second.tail(10)).map((l) => l.replace(/^\S+ INFO +/, ''))).toEqual(['run one', 'run two']);
    await second.close();
  });

  it('without a file, the tail is what this run logged', async () => {
    const log = createAppLog();
    log.info('one');
    log.warn('two', { x: 1 });
    expect(log.location()).toBeUndefined();
    const tail = await log.tail(200);
    expect(tail).toHaveLength(2);
    expect(tail[1]).toMatch(/^\S+Z WARN {2}two \{"x":1\}$/);
  });

  it('names files the way pino-roll does', () => {
    expect(logFileParts('/l/main.log')).toEqual({ base: '/l/main', extension: 'log' });
    expect(logFileParts('/l/run')).toEqual({ base: '/l/run', extension: 'log' });
    expect(logFileParts('/l/app.prod.txt')).toEqual({ base: '/l/app.prod', extension: 'txt' });
  });
});

describe('a record field named like one of pino’s', () => {
  it('is kept beside it, never in its place', async () => {
    const log = createAppLog();
    log.warn('odd', { level: 'warning', msg: 'mine', time: 1, pid: 2 });
    const [line] = await log.tail(1);
    expect(line).toMatch(/^\S+Z WARN {2}odd \{/);
    expect(JSON.parse(line!.slice(line!.indexOf('{')))).toEqual({
      level_: 'warning',
      msg_: 'mine',
      time_: 1,
      pid_: 2,
    });
  });
});
