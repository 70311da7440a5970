// The transcript feed against a real transcript: server events become items, cut items stop growing, and a
// new session is told the conversation once.
import { describe, expect, it } from 'vitest';
import { Transcript } from '../../../src-main/core/realtime/transcript';
import { TranscriptFeed } from '../../../src-main/core/realtime/transcript-feed';
import { RecordingWire, serverEvent } from '../../support/realtime/part-fakes';

function feed() {
  const transcript = new Transcript(() => {});
  const cut = new Set<string>();
  return { transcript, cut, feed: new TranscriptFeed(transcript, (id) => cut.has(id)) };
}

const added = (id: string) =>
  serverEvent('response.output_item.added', { item: { id, type: 'message', role: 'assistant' } });
const delta = (id: string, text: string) =>
  serverEvent('response.output_audio_transcript.delta', { item_id: id, delta: text });

describe('TranscriptFeed', () => {
  it("fills the user's committed turn from its transcription", () => {
    const { transcript, feed: f } = feed();
    const id = f.userTurn('srv_user');
    f.handle(
      serverEvent('conversation.item.input_audio_transcription.delta', { item_id: 'srv_user', delta: 'hel' }),
    );
    expect(transcript.get(id)).toMatchObject({ role: 'user', text: 'hel', final: false });
    f.handle(
      serverEvent('conversation.item.input_audio_transcription.completed', {
        item_id: 'srv_user',
        transcript: 'hello',
      }),
    );
    expect(transcript.get(id)).toMatchObject({ text: 'hello', final: true });
  });

  it("streams the reply's items and joins their text", () => {
    const { transcript, feed: f } = feed();
    f.handle(added('srv_a'));
    f.handle(delta('srv_a', 'Ten '));
    f.handle(delta('srv_a', 'past four.'));
    f.handle(serverEvent('response.output_text.delta', { item_id: 'srv_b', delta: 'unannounced' }));
    f.handle(added('srv_b'));
    f.handle(serverEvent('response.output_text.done', { item_id: 'srv_b', text: 'Anything else?' }));
    expect(f.replyItemFor('srv_a')).toBe(transcript.idFor('srv_a'));
    expect(f.replyText()).toBe('Ten past four.\nAnything else?');
    f.finishReply();
    expect(transcript.list().map((i) => [i.text, i.final])).toEqual([
      ['Ten past four.', true],
      ['Anything else?', true],
    ]);
  });

  it('ignores the transcript deltas of an item cut by barge-in, and shows only what was heard', () => {
    const { transcript, cut, feed: f } = feed();
    f.handle(added('srv_a'));
    f.handle(delta('srv_a', 'one two three four'));
    const id = f.replyItemFor('srv_a');
    f.showCut({ transcriptId: id, heardMs: 500, receivedMs: 1000 });
    cut.add('srv_a');
    f.handle(delta('srv_a', ' five six'));
    f.handle(
      serverEvent('response.output_audio_transcript.done', { item_id: 'srv_a', transcript: 'all of it' }),
    );
    expect(transcript.get(id)).toMatchObject({ text: 'one two', interrupted: true, final: true });
  });

  it('leaves function calls and other events to the reply part', () => {
    const { feed: f } = feed();
    expect(f.handle(serverEvent('response.output_item.done', { item: { type: 'function_call' } }))).toBe(
      false,
    );
    expect(f.handle(serverEvent('response.done', { response: {} }))).toBe(false);
    expect(f.handle(serverEvent('response.output_item.done', { item: { id: 'x', type: 'message' } }))).toBe(
      true,
    );
  });

  it('tells a new session the conversation once, skipping the item sent again as audio', () => {
    const { transcript, feed: f } = feed();
    transcript.add('user', { text: 'first', final: true });
    const owed = transcript.add('user', { text: 'second', final: true });
    f.newSession(true);
    const wire = new RecordingWire();
    f.replayTo(wire, owed.id);
    f.replayTo(wire, owed.id);
    expect(wire.sent).toHaveLength(1);
    expect(JSON.stringify(wire.sent)).toContain('first');
  });

  it('tells nothing after a reset that drops the context, and forgets the old server ids', () => {
    const { transcript, feed: f } = feed();
    const id = f.userTurn('srv_user');
    transcript.update(id, { text: 'hi' });
    f.newSession(false);
    const wire = new RecordingWire();
    f.replayTo(wire, undefined);
    expect(wire.sent).toEqual([]);
    f.handle(
      serverEvent('conversation.item.input_audio_transcription.delta', { item_id: 'srv_user', delta: '!' }),
    );
    expect(transcript.get(id)?.text).toBe('hi');
  });
});
