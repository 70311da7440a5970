// Playback against a hand-driven speaker and a recording wire: one speaker per format, the truncate rule of
// barge-in, a speaker that will not open.
import { describe, expect, it, vi } from 'vitest';
import type { WireFormat } from '../../../src-main/core/audio/types';
import { Playback } from '../../../src-main/core/realtime/playback';
import { ManualSpeaker, RecordingWire, settle } from '../../support/realtime/part-fakes';

/** `ms` of PCM16 at 24 kHz. */
const pcmMs = (ms: number) => Buffer.alloc(ms * 48);

function playback(createSink: (format: WireFormat) => ManualSpeaker | Promise<ManualSpeaker>) {
  const wire = new RecordingWire();
  const hooks = { warn: vi.fn(), onChange: vi.fn() };
  const opened = vi.fn(createSink);
  return { wire, hooks, opened, playback: new Playback(opened, wire, hooks) };
}

/** A playback whose speaker opens fine, with `ms` of one reply item already written. */
async function playing(ms: number) {
  const speaker = new ManualSpeaker();
  const p = playback(() => speaker);
  p.playback.play('item_1', pcmMs(ms), 'audio/pcm', () => 'transcript_1');
  await settle();
  return { ...p, speaker };
}

describe('Playback', () => {
  it('opens the speaker once and writes deltas in order, also those that came while it opened', async () => {
    const speaker = new ManualSpeaker();
    const { opened, playback: p } = playback(() => speaker);
    for (const ms of [10, 20, 30]) p.play('item_1', pcmMs(ms), 'audio/pcm', () => 't');
    await settle();
    p.play('item_1', pcmMs(40), 'audio/pcm', () => 't');
    expect(opened).toHaveBeenCalledOnce();
    expect(speaker.written.map((b) => b.length / 48)).toEqual([10, 20, 30, 40]);
    expect(p.hasSpoken()).toBe(true);
  });

  it('truncates at floor(min(played, received)) when the user heard less', async () => {
    const { wire, speaker, playback: p } = await playing(1000);
    speaker.played = 400.7;
    p.endOfReply();
    expect(p.truncate(p.silence(), false)).toEqual({
      transcriptId: 'transcript_1',
      heardMs: 400.7,
      receivedMs: 1000,
    });
    expect(wire.of('conversation.item.truncate')).toEqual([
      { type: 'conversation.item.truncate', item_id: 'item_1', content_index: 0, audio_end_ms: 400 },
    ]);
    expect(p.isCut('item_1')).toBe(true);
    expect(p.truncate(0, false)).toBeUndefined(); // once per item
    expect(wire.sent).toHaveLength(1);
  });

  it('never truncates past what was received, even when the speaker reports more', async () => {
    const { wire, speaker, playback: p } = await playing(1000);
    speaker.played = 1500;
    // The reply is still being generated: the server holds more than we received, so it is cut at 1000.
    p.truncate(p.silence(), true);
    expect(wire.of('conversation.item.truncate')[0]?.audio_end_ms).toBe(1000);
  });

  it('does not truncate when everything was heard and the reply is done', async () => {
    const { wire, speaker, playback: p } = await playing(1000);
    speaker.played = 1000;
    p.endOfReply();
    expect(p.truncate(p.silence(), false)).toBeUndefined();
    expect(wire.sent).toEqual([]);
    expect(p.isCut('item_1')).toBe(false);
  });

  it('a speaker that fails to open warns once per reply; the next reply tries again', async () => {
    const { hooks, opened, playback: p } = playback(() => Promise.reject(new Error('no device')));
    p.play('item_1', pcmMs(10), 'audio/pcm', () => 't1');
    p.play('item_1', pcmMs(10), 'audio/pcm', () => 't1');
    await settle();
    p.play('item_1', pcmMs(10), 'audio/pcm', () => 't1');
    await settle();
    expect(opened).toHaveBeenCalledOnce();
    expect(hooks.warn).toHaveBeenCalledOnce();
    expect(hooks.warn.mock.calls[0]?.[0]).toMatch(/speaker: no device; the reply is shown as text only/);
    p.forgetReply();
    p.play('item_2', pcmMs(10), 'audio/pcm', () => 't2');
    await settle();
    expect(opened).toHaveBeenCalledTimes(2);
    expect(hooks.warn).toHaveBeenCalledTimes(2);
  });

  it('starts counting played audio from zero for each new item', async () => {
    const { speaker, playback: p } = await playing(100);
    speaker.played = 100;
    p.play('item_2', pcmMs(100), 'audio/pcm', () => 'transcript_2');
    expect(speaker.played).toBe(0);
    expect(p.currentTranscriptId()).toBe('transcript_2');
  });

  it('opens a speaker in the new format when the profile changes it', async () => {
    const made: ManualSpeaker[] = [];
    const { playback: p } = playback(
      (format) => made[made.push(Object.assign(new ManualSpeaker(), { format })) - 1]!,
    );
    p.play('item_1', pcmMs(10), 'audio/pcm', () => 't1');
    await settle();
    p.play('item_2', Buffer.alloc(80), 'audio/pcmu', () => 't2');
    await settle();
    expect(made.map((s) => [s.format, s.written.length])).toEqual([
      ['audio/pcm', 1],
      ['audio/pcmu', 1],
    ]);
  });

  it('reports played out at once when nothing plays, else once the speaker drains', async () => {
    const { speaker, playback: p } = await playing(100);
    const then = vi.fn();
    p.whenPlayed(then);
    await settle();
    expect(then).not.toHaveBeenCalled();
    speaker.finish();
    await settle();
    expect(then).toHaveBeenCalledOnce();
    p.whenPlayed(then);
    expect(then).toHaveBeenCalledTimes(2);
  });

  it('a new server session has not heard the assistant', async () => {
    const { playback: p } = await playing(100);
    p.newSession();
    expect(p.hasSpoken()).toBe(false);
    expect(p.currentTranscriptId()).toBeUndefined();
  });
});
