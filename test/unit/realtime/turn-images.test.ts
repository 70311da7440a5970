// The turn-images part against a recording wire: which event of a turn carries the waiting images out.
import { describe, expect, it } from 'vitest';
import type { PreparedImage } from '../../../src-main/core/images/prepare-image';
import { appendAudio, commitAudio, userText, type Wire } from '../../../src-main/core/realtime/client-events';
import type { ClientEvent } from '../../../src-main/core/realtime/protocol';
import { maxImagesPerTurn, TurnImages } from '../../../src-main/core/realtime/turn-images';

const image: PreparedImage = {
  mime: 'image/png',
  data: Buffer.from([1, 2, 3]),
  width: 1,
  height: 1,
  sourceWidth: 1,
  sourceHeight: 1,
};

function setUp(session: unknown = { audio: { input: { turn_detection: null } } }) {
  const sent: ClientEvent[] = [];
  const raw: Wire = { send: (e) => void sent.push(e), isConfirmed: () => true };
  const images = new TurnImages(() => session);
  return { images, wire: images.wrap(raw), sent };
}

const chunk = { data: Buffer.alloc(480), durationMs: 10 };
const summary = (events: ClientEvent[]) =>
  events.map((e) =>
    e.type === 'conversation.item.create' && e.item.type === 'message'
      ? `item(${(e.item.content ?? []).map((c) => c.type).join('+')})`
      : e.type,
  );

describe('TurnImages', () => {
  it('push-to-talk: the images go as one message right before the commit, not with the audio', () => {
    const { images, wire, sent } = setUp();
    images.attach(image);
    images.attach(image, 'high');
    wire.send(appendAudio(chunk));
    wire.send(commitAudio());
    wire.send(commitAudio()); // a later turn: nothing waits any more
    expect(summary(sent)).toEqual([
      'input_audio_buffer.append',
      'item(input_image+input_image)',
      'input_audio_buffer.commit',
      'input_audio_buffer.commit',
    ]);
    expect(images.pending()).toEqual([]);
  });

  it("server turn detection: the images go before the turn's first audio", () => {
    const { images, wire, sent } = setUp({ audio: { input: { turn_detection: { type: 'server_vad' } } } });
    images.attach(image);
    wire.send(appendAudio(chunk));
    wire.send(appendAudio(chunk));
    expect(summary(sent)).toEqual([
      'item(input_image)',
      'input_audio_buffer.append',
      'input_audio_buffer.append',
    ]);
  });

  it('a typed message carries them in its own message; other messages are left alone', () => {
    const { images, wire, sent } = setUp();
    const other: ClientEvent = {
      type: 'conversation.item.create',
      item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi' }] },
    };
    images.attach(image, 'low');
    wire.send(other);
    wire.send(userText('look'));
    expect(summary(sent)).toEqual(['item(output_text)', 'item(input_text+input_image)']);
  });

  it('nothing attached: events pass unchanged; remove and the per-turn cap', () => {
    const { images, wire, sent } = setUp();
    wire.send(commitAudio());
    expect(summary(sent)).toEqual(['input_audio_buffer.commit']);
    const first = images.attach(image);
    expect(images.remove('img_missing')).toBe(false);
    expect(images.remove(first.id)).toBe(true);
    for (let i = 0; i < maxImagesPerTurn; i++) images.attach(image);
    expect(() => images.attach(image)).toThrow(/at most 4 images/);
    expect(images.remove()).toBe(true);
    expect(images.pending()).toEqual([]);
  });
});
