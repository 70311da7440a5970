// Store files on disk: migration from v1, corrupt and hand-broken files moved aside, newer files left alone.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfilesService } from '../../src-main/core/profiles/profiles-service';
import { builtinProfiles } from '../../src-main/core/profiles/builtin-profiles';
import { createSettingsService, defaultSettings } from '../../src-main/core/settings/settings-service';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import { recordingBus } from '../support/core-harness';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const now = () => new Date('2026-03-04T05:06:07.890Z');

const openProfiles = () => {
  const bus = recordingBus();
  const service = createProfilesService({
    storage: confStoreFactory(tempDir()),
    events: bus.events,
    notify: bus.notify,
    now,
  });
  return { service, ...bus };
};
const openSettings = () => {
  const bus = recordingBus();
  return { service: createSettingsService(confStoreFactory(tempDir()), bus.events, bus.notify), ...bus };
};

describe('profiles file migration', () => {
  it('upgrades a v1 file (beta sessions keyed by id) to v2 GA profiles, keeping the active one', () => {
    copyFileSync(
      new URL('../fixtures/profiles/profiles-v1.json', import.meta.url),
      join(tempDir(), 'profiles.json'),
    );
    const { service, notices } = openProfiles();
    const { profiles, activeId } = service.state();
    expect(activeId).toBe('kitchen');
    expect(profiles.map((p) => p.id)).toEqual(['kitchen', 'notes', ...builtinProfiles.map((b) => b.id)]);
    expect(service.get('kitchen')).toEqual({
      id: 'kitchen',
      name: 'Kitchen helper',
      model: 'gpt-4o-realtime-preview',
      builtIn: false,
      updatedAt: '2026-03-04T05:06:07.890Z',
      session: {
        type: 'realtime',
        output_modalities: ['audio'],
        instructions: 'Help me cook.',
        audio: {
          input: {
            format: { type: 'audio/pcm', rate: 24_000 },
            transcription: { model: 'whisper-1' },
            turn_detection: { type: 'server_vad', threshold: 0.6 },
          },
          output: { format: { type: 'audio/pcmu' }, voice: 'verse' },
        },
      },
    });
    expect(service.get('notes').session).toEqual({
      type: 'realtime',
      output_modalities: ['text'],
      instructions: 'Take notes.',
      audio: { input: { turn_detection: null } },
    });
    const message = notices.map((n) => n.message).join('\n');
    expect(message).toMatch(/"Broken" could not be upgraded \(session\.audio\.output\.speed/);
    expect(message).toMatch(/Kitchen helper": temperature \(0\.7\) was dropped/);

    const onDisk = JSON.parse(readFileSync(join(tempDir(), 'profiles.json'), 'utf8'));
    expect(onDisk.__internal__.migrations.version).toBe('2.0.0');
    expect(onDisk).not.toHaveProperty('activeProfile');
    // Reopening does not migrate again.
    expect(openProfiles().notices).toEqual([]);
  });
});

describe('corrupt files', () => {
  it('moves an unparsable settings file aside with a timestamp and restores defaults', () => {
    writeFileSync(join(tempDir(), 'settings.json'), '{"theme": "dark",');
    const { service, notices, named } = openSettings();
    expect(service.get()).toEqual(defaultSettings);
    const files = readdirSync(tempDir());
    const aside = files.find((f) => f.startsWith('settings.corrupt-'));
    expect(aside).toMatch(/^settings\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
    expect(readFileSync(join(tempDir(), aside ?? ''), 'utf8')).toBe('{"theme": "dark",');
    expect(notices).toEqual([
      {
        level: 'warning',
        message: expect.stringMatching(/settings file could not be used \(it is not valid JSON\)/),
      },
    ]);
    expect(named('notice')).toHaveLength(1);
    // The restored store works and persists.
    service.update({ theme: 'dark' });
    expect(openSettings().service.get().theme).toBe('dark');
  });

  it('moves a hand-broken profiles file aside (valid JSON, invalid content)', () => {
    writeFileSync(
      join(tempDir(), 'profiles.json'),
      JSON.stringify({
        profiles: [{ ...builtinProfiles[0], session: { type: 'realtime', voice: 'x' } }],
        activeId: 'builtin-voice-assistant',
        __internal__: { migrations: { version: '2.0.0' } },
      }),
    );
    const { service, notices } = openProfiles();
    expect(service.state().profiles).toEqual(builtinProfiles);
    expect(notices[0]?.message).toMatch(
      /profiles file could not be used \(profiles\.0\.session: Unrecognized key: "voice"\)/,
    );
    expect(readdirSync(tempDir()).some((f) => f.startsWith('profiles.corrupt-'))).toBe(true);
  });

  it('fills settings added since the file was written, and keeps hand edits that are valid', () => {
    writeFileSync(
      join(tempDir(), 'settings.json'),
      JSON.stringify({ theme: 'light', hotkeys: { pushToTalk: 'F9' } }),
    );
    const { service, notices } = openSettings();
    expect(service.get()).toEqual({
      ...defaultSettings,
      theme: 'light',
      hotkeys: { ...defaultSettings.hotkeys, pushToTalk: 'F9' },
    });
    expect(notices).toEqual([]);
  });
});

describe('a file written by a newer version', () => {
  it('is used read-only: never overwritten, changes refused with a notice', async () => {
    const newer = {
      profiles: [
        { ...builtinProfiles[1], id: 'future', builtIn: false },
        { ...builtinProfiles[0], id: 'other', builtIn: false },
      ],
      activeId: 'future',
      __internal__: { migrations: { version: '3.1.0' } },
    };
    const path = join(tempDir(), 'profiles.json');
    writeFileSync(path, JSON.stringify(newer));
    const { service, notices } = openProfiles();
    expect(service.readOnly).toBe(true);
    expect(service.state().activeId).toBe('future');
    expect(notices[0]?.message).toMatch(/written by a newer version of the app \(3\.1\.0\); it is read-only/);
    expect(() => service.create({ name: 'x', model: '', session: { type: 'realtime' } })).toThrow(
      /read-only/,
    );
    // Switching would write the file: refused too.
    await expect(service.setActive('other')).rejects.toThrow(/read-only/);
    expect(service.state().activeId).toBe('future');
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(newer));
  });

  it('falls back to defaults in memory when the newer content is not understood, still not writing', () => {
    const path = join(tempDir(), 'settings.json');
    const content = JSON.stringify({ theme: 'neon', __internal__: { migrations: { version: '9.0.0' } } });
    writeFileSync(path, content);
    const { service } = openSettings();
    expect(service.get()).toEqual(defaultSettings);
    expect(() => service.update({ theme: 'dark' })).toThrow(/read-only/);
    expect(readFileSync(path, 'utf8')).toBe(content);
  });
});
