// The client events the parts send, and the conversation a new session is told.
import { describe, expect, it } from 'vitest';
import { appendAudio, contextItems, truncateItem } from '../../../src-main/core/realtime/client-events';

describe('client events', () => {
  it('truncates at whole milliseconds, never below zero (the server refuses fractions)', () => {
    expect(truncateItem('item_1', 1234.9)).toEqual({
      type: 'conversation.item.truncate',
      item_id: 'item_1',
      content_index: 0,
      audio_end_ms: 1234,
    });
    expect(truncateItem('item_1', -3).audio_end_ms).toBe(0);
  });

  it('appends a chunk as base64 of its wire bytes', () => {
    const data = Buffer.from([0, 1, 2, 250]);
    expect(appendAudio({ data, durationMs: 1 })).toEqual({
      type: 'input_audio_buffer.append',
      audio: data.toString('base64'),
    });
  });

  describe('contextItems', () => {
    const items = [
      { id: 'u1', role: 'user', text: 'what time is it' },
      { id: 't1', role: 'tool', text: 'get_current_time' },
      { id: 'a1', role: 'assistant', text: 'ten past four' },
      { id: 'u2', role: 'user', text: '   ' },
      { id: 'u3', role: 'user', text: 'and in Tokyo?' },
    ];

    it('tells the user and assistant text in order, as input and output text', () => {
      expect(contextItems(items, undefined)).toEqual([
        {
          type: 'conversation.item.create',
          item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'what time is it' }] },
        },
        {
          type: 'conversation.item.create',
          item: {
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: 'ten past four' }],
          },
        },
        {
          type: 'conversation.item.create',
          item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'and in Tokyo?' }] },
        },
      ]);
    });

    it('skips the owed item (it is sent again as audio) and items with no text', () => {
      const told = contextItems(items, 'u3').map((e) => JSON.stringify(e));
      expect(told).toHaveLength(2);
      expect(told.join()).not.toContain('Tokyo');
      expect(told.join()).not.toContain('get_current_time');
    });
  });
});
