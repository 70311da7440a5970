// What a profile change takes on a live session: nothing, one update with only what changed, or a new
// session (model; voice once the assistant has spoken). Waiters are answered by the next confirmation.
import { describe, expect, it } from 'vitest';
import type { ProfileDocument } from '../../../src-preload/contract';
import { LiveProfile } from '../../../src-main/core/realtime/live-profile';
import { pttProfile } from '../../support/realtime/profiles';

const withVoice = (voice: string): ProfileDocument => ({
  ...pttProfile,
  session: {
    ...pttProfile.session,
    audio: { ...pttProfile.session.audio, output: { ...pttProfile.session.audio?.output, voice } },
  },
});

describe('LiveProfile', () => {
  it('asks for nothing when nothing the server holds changed', () => {
    const live = new LiveProfile(pttProfile, 'p1', () => 'gpt-realtime');
    expect(live.change({ ...pttProfile, name: 'renamed' }, undefined, false)).toEqual({ kind: 'none' });
    expect(live.id).toBe('p1');
  });

  it('asks for an update with only what changed', () => {
    const live = new LiveProfile(pttProfile, 'p1', () => 'gpt-realtime');
    const next = { ...pttProfile, session: { ...pttProfile.session, instructions: 'Be terse.' } };
    expect(live.change(next, 'p2', false)).toEqual({
      kind: 'update',
      patch: { type: 'realtime', instructions: 'Be terse.' },
    });
    expect(live.id).toBe('p2');
  });

  it('changes the voice live only until the assistant has spoken', () => {
    expect(
      new LiveProfile(pttProfile, undefined, () => 'm').change(withVoice('cedar'), undefined, false).kind,
    ).toBe('update');
    expect(
      new LiveProfile(pttProfile, undefined, () => 'm').change(withVoice('cedar'), undefined, true),
    ).toEqual({
      kind: 'new-session',
      reason: 'voice changed to cedar after the assistant has spoken',
    });
  });

  it("needs a new session for another model, the settings' default read fresh for an empty one", () => {
    let defaultModel = 'gpt-realtime';
    const live = new LiveProfile({ ...pttProfile, model: '' }, undefined, () => defaultModel);
    expect(live.target().model).toBe('gpt-realtime');
    defaultModel = 'gpt-realtime-mini';
    expect(live.target().model).toBe('gpt-realtime-mini');
    expect(live.change({ ...pttProfile, model: 'gpt-realtime' }, undefined, false)).toEqual({
      kind: 'new-session',
      reason: 'model changed to gpt-realtime',
    });
  });

  it('reads the audio formats from the session, PCM by default', () => {
    const live = new LiveProfile({ ...pttProfile, session: { type: 'realtime' } }, undefined, () => 'm');
    expect([live.inputFormat(), live.outputFormat()]).toEqual(['audio/pcm', 'audio/pcm']);
    const g711: ProfileDocument = {
      ...pttProfile,
      session: {
        type: 'realtime',
        audio: { input: { format: { type: 'audio/pcmu' } }, output: { format: { type: 'audio/pcma' } } },
      },
    };
    live.change(g711, undefined, false);
    expect([live.inputFormat(), live.outputFormat()]).toEqual(['audio/pcmu', 'audio/pcma']);
  });

  it('answers every waiter at the next confirmation, and only those', async () => {
    const live = new LiveProfile(pttProfile, undefined, () => 'm');
    const order: string[] = [];
    const first = live.whenConfirmed().then(() => order.push('a'));
    const second = live.whenConfirmed().then(() => order.push('b'));
    live.confirmed();
    await Promise.all([first, second]);
    let late = false;
    void live.whenConfirmed().then(() => (late = true));
    await Promise.resolve();
    expect(order).toEqual(['a', 'b']);
    expect(late).toBe(false);
  });
});
