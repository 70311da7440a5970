// Entries of the event-log panel: one per event, audio payloads replaced by their size.
import { describe, expect, it } from 'vitest';
import { appendAudio } from '../../../src-main/core/realtime/client-events';
import { logEntry } from '../../../src-main/core/realtime/event-log';
import { serverEvent } from '../../support/realtime/part-fakes';

describe('logEntry', () => {
  it('names the direction and type, and shows audio as its size', () => {
    const entry = logEntry('client', appendAudio({ data: Buffer.alloc(480), durationMs: 10 }));
    expect(entry).toMatchObject({
      direction: 'client',
      type: 'input_audio_buffer.append',
      event: { type: 'input_audio_buffer.append', audio: '<480 bytes>' },
    });
    expect(Date.parse(entry.at)).not.toBeNaN();
    const delta = serverEvent('response.output_audio.delta', { delta: Buffer.alloc(7).toString('base64') });
    expect(logEntry('server', delta).event).toMatchObject({ delta: '<7 bytes>' });
  });

  it('keeps every other event as it is', () => {
    const done = serverEvent('response.done', { response: { status: 'completed' } });
    expect(logEntry('server', done).event).toBe(done);
  });
});
