// Profiles: built-ins, CRUD rules, field-level errors, import/export, persistence, and live-apply calls.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Profile } from '../../src-preload/contract';
import { CommandError } from '../../src-main/core/ipc/command-error';
import { createProfilesService, type ApplyProfile } from '../../src-main/core/profiles/profiles-service';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import { recordingBus } from '../support/core-harness';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function open(apply?: ApplyProfile) {
  const bus = recordingBus();
  let n = 0;
  const service = createProfilesService({
    storage: confStoreFactory(tempDir()),
    events: bus.events,
    notify: bus.notify,
    ...(apply ? { apply } : {}),
    newId: () => `p${++n}`,
  });
  return { service, ...bus };
}

const doc = {
  name: 'Mine',
  model: '',
  session: { type: 'realtime' as const, instructions: 'Be brief.', audio: { output: { voice: 'ash' } } },
};

const caught = (fn: () => unknown): CommandError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('did not throw');
};
const caughtAsync = async (promise: Promise<unknown>): Promise<CommandError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof CommandError) return error;
  throw new Error(`expected a CommandError, got ${String(error)}`);
};

describe('profiles service', () => {
  it('starts with three built-ins: push-to-talk voice, terse text, hands-free semantic VAD', () => {
    const { service } = open();
    const { profiles, activeId } = service.state();
    expect(profiles.map((p) => p.id)).toEqual([
      'builtin-voice-assistant',
      'builtin-terse-text',
      'builtin-hands-free',
    ]);
    expect(activeId).toBe('builtin-voice-assistant');
    expect(profiles[0]?.session.audio?.input?.turn_detection).toBeNull();
    expect(profiles[1]?.session.output_modalities).toEqual(['text']);
    expect(profiles[2]?.session.audio?.input?.turn_detection).toMatchObject({ type: 'semantic_vad' });
  });

  it('creates, duplicates, updates and renames, persisting every change', () => {
    const { service, named } = open();
    const mine = service.create(doc);
    const copy = service.duplicate('builtin-hands-free');
    expect(copy).toMatchObject({ name: 'Hands-free (semantic VAD) (copy)', builtIn: false });
    expect(service.duplicate('builtin-hands-free').name).toBe('Hands-free (semantic VAD) (copy) 2');
    service.rename(mine.id, '  Renamed ');
    expect(named('profilesChanged')).toHaveLength(4);

    const reopened = open().service;
    expect(reopened.get(mine.id)).toMatchObject({ name: 'Renamed', session: doc.session });
    expect(reopened.get(copy.id).session).toEqual(service.get('builtin-hands-free').session);
  });

  it('applies a partial session edit: given fields replace, null removes, the rest stays', async () => {
    const { service } = open();
    const mine = service.create(doc);
    const updated = await service.update(mine.id, {
      session: { instructions: null, tools: [{ type: 'function', name: 'now' }] },
    });
    expect(updated.session).toEqual({
      type: 'realtime',
      audio: doc.session.audio,
      tools: [{ type: 'function', name: 'now' }],
    });
  });

  it('reports invalid fields at their profile path and writes nothing', async () => {
    const { service } = open();
    const mine = service.create(doc);
    const before = readFileSync(`${tempDir()}/profiles.json`, 'utf8');
    const error = await caughtAsync(
      service.update(mine.id, {
        name: '',
        session: { audio: { output: { speed: 3 } }, tools: [{ type: 'function', name: 'bad name!' }] },
      }),
    );
    expect(error.code).toBe('invalid_request');
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual([
      'name',
      'session.audio.output.speed',
      'session.tools.0.name',
    ]);
    expect(readFileSync(`${tempDir()}/profiles.json`, 'utf8')).toBe(before);
    expect(service.get(mine.id)).toEqual(mine);

    const unknownKey = caught(() =>
      service.create({
        ...doc,
        session: { ...doc.session, temperature: 0.5 } as unknown as Profile['session'],
      }),
    );
    expect(unknownKey.fieldErrors).toHaveProperty(['session']);
    expect(caught(() => service.rename(mine.id, ' ')).fieldErrors).toEqual({
      name: ['a profile needs a name'],
    });
  });

  it('never deletes the active or the last profile; built-ins are read-only', async () => {
    const { service } = open();
    expect(caught(() => service.delete('builtin-voice-assistant')).code).toBe('conflict');
    expect((await caughtAsync(service.update('builtin-terse-text', { name: 'x' }))).code).toBe('conflict');
    service.delete('builtin-terse-text');
    service.delete('builtin-hands-free');
    const last = caught(() => service.delete('builtin-voice-assistant'));
    expect(last.message).toMatch(/last profile/);
    expect(caught(() => service.delete('nope')).code).toBe('not_found');
  });

  it('exports a profile document that imports back as a new profile', () => {
    const { service } = open();
    const mine = service.create(doc);
    const { json, fileName } = service.export(mine.id);
    expect(fileName).toBe('mine.profile.json');
    expect(JSON.parse(json)).toEqual(doc);
    const { profile, notes } = service.import(json);
    expect(profile).toMatchObject({ name: 'Mine 2', session: doc.session, builtIn: false });
    expect(profile.id).not.toBe(mine.id);
    expect(notes).toEqual([]);
  });

  it('imports a beta dict with notes, and answers field errors at GA paths', () => {
    const { service } = open();
    const { profile, notes } = service.import(
      '{"voice": "alloy", "temperature": 1, "modalities": ["audio"]}',
    );
    expect(profile).toMatchObject({ name: 'Imported profile', model: '' });
    expect(profile.session.audio?.output?.voice).toBe('alloy');
    expect(notes.some((n) => n.includes('temperature'))).toBe(true);

    const bad = caught(() => service.import('{"voice": "alloy", "speed": 4, "input_audio_format": "mp3"}'));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual([
      'session.audio.input.format.type',
      'session.audio.output.speed',
    ]);
    expect(caught(() => service.import('not json')).fieldErrors).toHaveProperty('json');
    expect(service.state().profiles).toHaveLength(4);
  });

  it('applies the active profile live on switch and on edit, not for other profiles', async () => {
    const apply = vi.fn<ApplyProfile>(async () => {});
    const { service } = open(apply);
    const mine = service.create(doc);
    await service.update(mine.id, { session: { instructions: 'x' } });
    expect(apply).not.toHaveBeenCalled();
    await service.setActive(mine.id);
    expect(apply).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: mine.id, session: expect.objectContaining({ instructions: 'x' }) }),
    );
    await service.update(mine.id, { session: { instructions: 'y' } });
    expect(apply).toHaveBeenCalledTimes(2);
    expect(apply.mock.calls[1]?.[0].session.instructions).toBe('y');
    await service.activateNext();
    expect(apply.mock.calls[2]?.[0].id).toBe('builtin-voice-assistant');
  });

  it('keeps the saved edit and raises a notice when the live session refuses it', async () => {
    const { service, notices } = open(async () => {
      throw new Error('session.update rejected: unknown_parameter');
    });
    const mine = service.create(doc);
    await service.setActive(mine.id);
    expect(service.state().activeId).toBe(mine.id);
    expect(notices.at(-1)).toMatchObject({
      level: 'warning',
      message: expect.stringContaining('unknown_parameter'),
    });
  });
});
