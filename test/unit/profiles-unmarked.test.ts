// A v2 profiles file without its version marker (a hand edit, a restored backup) is read as the v2 file it
// is, not "upgraded" from v1: its profiles keep their ids and their GA settings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfilesService } from '../../src-main/core/profiles/profiles-service';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import { recordingBus } from '../support/core-harness';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const open = () => {
  const bus = recordingBus();
  const service = createProfilesService({
    storage: confStoreFactory(tempDir()),
    events: bus.events,
    notify: bus.notify,
  });
  return { service, notices: bus.notices };
};

describe('a profiles file that lost its version marker', () => {
  it('keeps every profile as it was', async () => {
    const { service } = open();
    const mine = service.create({
      name: 'Mine',
      model: '',
      session: { type: 'realtime', instructions: 'x', audio: { output: { voice: 'marin' } } },
    });
    await service.setActive(mine.id);
    const before = service.state();
    const path = join(tempDir(), 'profiles.json');
    const { __internal__: _marker, ...unmarked } = JSON.parse(readFileSync(path, 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(path, JSON.stringify(unmarked));

    const reopened = open();
    expect(reopened.service.state()).toEqual(before);
    expect(reopened.notices).toEqual([]);
  });
});
