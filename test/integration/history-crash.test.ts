// A process killed mid-turn loses at most the delta it was writing: the final items and the streamed text
// up to the last reported delta are all there when the history is reopened.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHistoryService } from '../../src-main/core/history/history-service';
import { createEventBus } from '../../src-main/core/ipc/event-bus';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const child = fileURLToPath(new URL('../support/history-writer-child.ts', import.meta.url));

describe('history survives a killed process', () => {
  it('keeps final items and every streamed delta reported before SIGKILL', async () => {
    const directory = tempDir();
    const proc = spawn(process.execPath, ['--import', 'tsx', child, directory], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let reported = 0;
    await new Promise<void>((resolve, reject) => {
      proc.on('error', reject);
      proc.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      proc.stdout.on('data', (chunk: Buffer) => {
        const counts = chunk.toString().trim().split('\n').map(Number);
        reported = Math.max(reported, ...counts);
        if (reported >= 30) {
          proc.removeAllListeners('exit');
          proc.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => proc.once('exit', resolve));
    expect(proc.signalCode).toBe('SIGKILL');

    const history = createHistoryService({
      directory,
      events: createEventBus(),
      profileName: () => 'unused',
    });
    const { summary, items } = history.get('c-crash');
    expect(summary).toMatchObject({
      title: 'Tell me a long story.',
      profileName: 'Crash test',
      messageCount: 2,
    });
    expect(items[0]).toMatchObject({ id: 'u1', final: true, text: 'Tell me a long story.' });
    const streamed = items[1];
    expect(streamed).toMatchObject({ id: 'a1', role: 'assistant', final: false });
    const words = (streamed?.text ?? '').trim().split(' ');
    // Every delta the child reported is on disk, in order, with nothing torn in between.
    expect(words.length).toBeGreaterThanOrEqual(reported);
    expect(words).toEqual(words.map((_, i) => `w${i}`));
    // Streaming was stored as small appends, not a full copy of the text per delta.
    const lines = readFileSync(join(directory, 'c-crash.jsonl'), 'utf8').trim().split('\n');
    expect(lines.filter((l) => l.includes('"k":"append"')).length).toBeGreaterThanOrEqual(reported - 2);
    history.dispose();
  });
});
