// Issue 17, finding 1: with pre-configured sessions on, a connect reads the base URL, awaits client_secrets,
// and — when that fails — falls back to a plain connect. If the window moved the base URL meanwhile, the
// fallback must still go to the URL the key was checked against, never to the new host.
import { afterEach, describe, expect, it } from 'vitest';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { rig, waitFor, type Rig } from '../support/realtime/harness';

const key = 'sk-test-key';

describe('the API key and a base URL that changes mid-connect', () => {
  let r: Rig | undefined;
  let other: RealtimeSim | undefined;
  afterEach(async () => {
    await r?.close();
    await other?.close();
    r = other = undefined;
  });

  it('client_secrets fails after the base URL moved: the fallback connects where the key was meant to go', async () => {
    // The host the window points at while client_secrets is pending; it records every Authorization header.
    other = await startRealtimeSim();
    let baseUrl = '';
    const seenBy: string[] = [];
    r = await rig(
      { clientSecretsStatus: 500, clientSecretsDelayMs: 300 },
      {
        baseUrl: () => baseUrl,
        preconfiguredSession: true,
        getApiKey: async (forUrl?: string) => {
          seenBy.push(forUrl ?? '(none)');
          return key;
        },
      },
    );
    baseUrl = r.sim.baseUrl;
    const sim = r.sim;

    r.engine.connect();
    await waitFor(
      () => sim.requests.some((q) => q.path === '/v1/realtime/client_secrets'),
      5_000,
      'client_secrets',
    );
    baseUrl = other.baseUrl; // the window saves another base URL now
    await waitFor(() => r!.engine.getState().status === 'ready', 5_000, 'ready on the first host');

    expect(other.requests).toEqual([]);
    expect(sim.requests.map((q) => [q.kind, q.path, q.authorization])).toEqual([
      ['http', '/v1/realtime/client_secrets', `Bearer ${key}`],
      ['upgrade', '/v1/realtime', `Bearer ${key}`],
    ]);
    expect(r.warnings.some((w) => w.includes('pre-configured session unavailable'))).toBe(true);
    // The key is asked for with the base URL it will be used with, so the key service can check the key's
    // origin against that URL rather than against whatever the setting says a moment later.
    expect(seenBy).toEqual([sim.baseUrl]);
  });
});
