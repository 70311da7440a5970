// A broken conversation file costs only itself: listing, searching, reading and exporting go on, the file is
// moved aside once with a notice, and recording keeps working. Through the real core and dispatcher, since
// the defect was an `internal` answer from listConversations.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import type { Notice, TranscriptItem } from '../../src-preload/contract';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let core: Core | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

const item = (conversationId: string, id: string, text: string): TranscriptItem => ({
  id,
  conversationId,
  role: 'user',
  text,
  final: true,
  at: '2026-05-01T10:00:00.000Z',
});

function start() {
  core = createCore({ shell: 'headless', version: '0.0.0-test', storage: confStoreFactory(tempDir()) });
  const notices: Notice[] = [];
  core.events.on('notice', (n) => notices.push(n));
  const call = (name: string, payload?: unknown) => (core as Core).dispatcher.dispatch(name, payload);
  return { core, notices, call, historyDir: join(tempDir(), 'history') };
}

describe('a corrupt conversation file', () => {
  // Each is what a crash, a disk error or a hand edit can leave; the first is the reported one.
  const broken: Record<string, string> = {
    'a start line without its fields': '{"k":"start"}\n{"k":"item","item":{}}\n',
    'a start line with mistyped fields':
      '{"k":"start","conversationId":7,"profileName":null,"startedAt":[]}\n',
    'lines that are JSON but not objects': 'null\n42\n"start"\n[1,2]\n',
    'binary noise': '\u0000\u0001\uffff\u00ff\n\u0007garbage\n',
    'a start line naming another conversation':
      '{"k":"start","conversationId":"someone-else","profileName":"P","startedAt":"2026-01-01T00:00:00Z"}\n',
  };

  for (const [what, content] of Object.entries(broken)) {
    it(`is skipped and moved aside once, never internal: ${what}`, async () => {
      const { core, notices, call, historyDir } = start();
      core.events.emit('transcript', item('good', 'u1', 'Where is my umbrella?'));
      writeFileSync(join(historyDir, 'bad.jsonl'), content);

      const listed = await call('listConversations', {});
      expect(listed).toEqual({ ok: true, value: [expect.objectContaining({ id: 'good' })] });
      expect(await call('listConversations', { query: 'umbrella' })).toEqual({
        ok: true,
        value: [expect.objectContaining({ id: 'good', snippet: 'Where is my umbrella?' })],
      });
      expect(await call('getConversation', { id: 'bad' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });

      const files = readdirSync(historyDir);
      const aside = files.find((f) => f.startsWith('bad.jsonl.corrupt-'));
      expect(aside, files.join(', ')).toBeDefined();
      expect(readFileSync(join(historyDir, aside ?? ''), 'utf8')).toBe(content);
      expect(notices).toEqual([
        {
          level: 'warning',
          message: expect.stringMatching(/conversation file bad\.jsonl could not be read .*moved to/),
        },
      ]);

      // Recording and listing go on.
      core.events.emit('transcript', item('next', 'u2', 'And my keys?'));
      const after = await call('listConversations', {});
      expect(after.ok && after.value).toEqual([
        expect.objectContaining({ id: 'good' }),
        expect.objectContaining({ id: 'next' }),
      ]);
      expect(notices).toHaveLength(1);
    });
  }

  it('a file that cannot be read at all (a directory in its place) is skipped and reported once', async () => {
    const { core, notices, call, historyDir } = start();
    core.events.emit('transcript', item('good', 'u1', 'Hello'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(historyDir, 'odd.jsonl'));
    for (const query of [undefined, 'hello', undefined]) {
      const listed = await core.dispatcher.dispatch('listConversations', { query });
      expect(listed.ok && listed.value.map((c) => c.id)).toEqual(['good']);
    }
    expect(await call('getConversation', { id: 'odd' })).toMatchObject({ ok: false });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/odd\.jsonl could not be read/);
  });
});
