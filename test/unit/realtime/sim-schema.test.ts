// The simulator refuses what the real server refuses: unknown keys anywhere in a client event (not only in
// `session`), both output modalities at once. A lenient simulator would let engine mistakes through.
import { describe, expect, it } from 'vitest';
import { validateClientEvent } from '../../realtime-sim/schema';

const userText = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] };

describe('simulator client-event schemas', () => {
  it.each([
    ['response.create', { type: 'response.create', event_id: 'e1' }],
    [
      'response.create with GA params',
      { type: 'response.create', response: { output_modalities: ['text'] } },
    ],
    [
      'session.update',
      { type: 'session.update', session: { type: 'realtime', output_modalities: ['audio'] } },
    ],
    ['conversation.item.create', { type: 'conversation.item.create', item: userText }],
    [
      'function_call_output',
      {
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: 'call_1', output: '{}' },
      },
    ],
    ['input_audio_buffer.commit', { type: 'input_audio_buffer.commit' }],
    [
      'conversation.item.truncate',
      { type: 'conversation.item.truncate', item_id: 'item_1', content_index: 0, audio_end_ms: 10 },
    ],
  ])('accepts %s', (_name, event) => {
    expect(validateClientEvent(event)).toEqual([]);
  });

  it.each([
    ['a beta key inside response', { type: 'response.create', response: { modalities: ['text'] } }],
    ['an unknown top-level key', { type: 'input_audio_buffer.commit', audio: 'AAAA' }],
    ['an extra key on an item', { type: 'conversation.item.create', item: { ...userText, voice: 'alloy' } }],
    [
      'an extra key on a content part',
      {
        type: 'conversation.item.create',
        item: { ...userText, content: [{ type: 'input_text', text: 'hi', lang: 'en' }] },
      },
    ],
    [
      'an extra key on a function_call_output',
      {
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: 'call_1', output: '{}', name: 'x' },
      },
    ],
    [
      'both output modalities in session.update',
      { type: 'session.update', session: { type: 'realtime', output_modalities: ['text', 'audio'] } },
    ],
    [
      'both output modalities in response.create',
      { type: 'response.create', response: { output_modalities: ['text', 'audio'] } },
    ],
  ])('refuses %s', (_name, event) => {
    expect(validateClientEvent(event)).not.toEqual([]);
  });
});
