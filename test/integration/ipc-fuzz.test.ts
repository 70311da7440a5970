// Issue 17: 10,000 IPC payloads across every command of the contract, through the real main-side
// dispatcher into the real core (and a smaller share through the WebSocket transport). Random values,
// values shaped by the command's own schema, and mutations of those. Every invalid payload must get a typed
// error envelope (never `internal`), and no payload that fails its command's schema may reach core: the core's
// handlers are wrapped, and a call whose request fails the schema is recorded as a violation.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import {
  commandNames,
  commands,
  contractErrorSchema,
  isCommandName,
  profileIdSchema,
  profilePatchSchema,
  type CommandName,
} from '../../src-preload/contract';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { CommandError } from '../../src-main/core/ipc/command-error';
import type * as Dispatcher from '../../src-main/core/ipc/dispatcher';
import type { CommandHandlers } from '../../src-main/core/ipc/dispatcher';
import { startContractSocketServer, type ContractSocketServer } from '../../src-main/core/ipc/ws-server';
import { nullAudio } from '../../src-main/core/realtime/null-audio';
import { applyMutations, mutationArbitrary } from '../support/ipc-fuzz/mutate';
import { schemaArbitrary } from '../support/ipc-fuzz/schema-arbitrary';

// The core builds its dispatcher from its handlers; the fuzzer wraps those handlers on the way in. Nothing
// else about the dispatcher or the core changes.
const probe = vi.hoisted(() => ({ wrap: (handlers: unknown) => handlers }));
vi.mock('../../src-main/core/ipc/dispatcher', async (importOriginal) => {
  const real = await importOriginal<typeof Dispatcher>();
  return {
    ...real,
    createDispatcher: (handlers: CommandHandlers, log?: (message: string, error: unknown) => void) =>
      real.createDispatcher(probe.wrap(handlers) as CommandHandlers, log),
  };
});

const RUNS = 10_000;
const WS_RUNS = 1_000;
const SEED = 1_700_017;

/** Commands whose handlers reach the network or audio devices: answered `unavailable` once validated. */
const OUTWARD = new Set<string>([
  'talkStart',
  'talkEnd',
  'sendText',
  'retryResponse',
  'testApiKey',
  'listAudioDevices',
  'playTestSound',
  'setMicTest',
]);

const reached = new Map<string, number>();
const violations: string[] = [];
/** A short, never-throwing description of any value (BigInts, null-prototype objects, cycles). */
const preview = (value: unknown): string => {
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? 'undefined'
    ).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(value);
  }
};
probe.wrap = (handlers) =>
  Object.fromEntries(
    Object.entries(handlers as Record<string, (request: unknown) => unknown>).map(([name, handler]) => [
      name,
      (request: unknown) => {
        reached.set(name, (reached.get(name) ?? 0) + 1);
        if (!commands[name as CommandName].request.safeParse(request).success)
          violations.push(`${name} reached core with ${preview(request)}`);
        if (OUTWARD.has(name)) throw new CommandError('unavailable', `${name} stays out of the fuzz`);
        return handler(request);
      },
    ]),
  );

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: contractErrorSchema }).strict(),
]);

interface Counts {
  payloads: number;
  invalid: number;
  unknownCommand: number;
  valid: number;
  validOk: number;
  byCode: Record<string, number>;
  /** Commands that were sent at least one invalid payload (and refused it). */
  refused: Set<string>;
  failures: string[];
}
const counts = (): Counts => ({
  payloads: 0,
  invalid: 0,
  unknownCommand: 0,
  valid: 0,
  validOk: 0,
  byCode: {},
  refused: new Set(),
  failures: [],
});

/** One call: `name` and `payload` as a transport received them, `envelope` what came back. */
function judge(tally: Counts, name: string, payload: unknown, envelope: unknown, reachedBefore: number) {
  tally.payloads++;
  const fail = (why: string) => tally.failures.push(`${name}(${preview(payload)}): ${why}`);
  const shape = envelopeSchema.safeParse(envelope);
  if (!shape.success) return fail(`not an envelope: ${preview(envelope)}`);
  const result = shape.data;
  if (!result.ok) tally.byCode[result.error.code] = (tally.byCode[result.error.code] ?? 0) + 1;
  const reachedNow = (reached.get(name) ?? 0) - reachedBefore;
  if (!isCommandName(name)) {
    tally.unknownCommand++;
    if (result.ok || result.error.code !== 'unknown_command') fail('an unknown command was not refused');
    return;
  }
  if (!commands[name].request.safeParse(payload).success) {
    tally.invalid++;
    tally.refused.add(name);
    if (result.ok || result.error.code !== 'invalid_request')
      fail(`invalid payload answered ${preview(result)}`);
    if (reachedNow !== 0) fail('invalid payload reached core');
    return;
  }
  tally.valid++;
  if (result.ok) tally.validOk++;
  if (reachedNow !== 1) fail(`valid payload reached core ${reachedNow} times`);
  if (!result.ok && result.error.code === 'internal') fail(`internal error: ${result.error.message}`);
}

const summary = (label: string, tally: Counts) =>
  `${label}: ${tally.payloads} payloads (${tally.invalid} invalid, ${tally.unknownCommand} unknown commands, ` +
  `${tally.valid} valid of which ${tally.validOk} ok), ${tally.failures.length + violations.length} failures; ` +
  `answers by code ${JSON.stringify(tally.byCode)}`;

let core: Core;
let builtInIds: string[];
const coreLog: string[] = [];

beforeAll(async () => {
  core = createCore({
    shell: 'headless',
    version: '0.0.0-fuzz',
    audio: nullAudio,
    // What made a handler fail, for the report of an `internal` answer.
    log: (message, error) => coreLog.push(`${message}: ${(error as Error)?.stack ?? String(error)}`),
  });
  const listed = await core.dispatcher.dispatch('listProfiles', undefined);
  builtInIds = listed.ok ? listed.value.profiles.map((p) => p.id) : [];
});
afterAll(async () => {
  await core?.dispose();
});

/** A command name: mostly real, sometimes unknown or a prototype member. */
const nameArbitrary = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...commandNames) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'then') },
);

function payloadArbitrary(name: string, json: boolean): fc.Arbitrary<unknown> {
  const schema = isCommandName(name) ? commands[name].request : z.unknown();
  // Ids from the real store now and then, so that commands get past "not found" into the core's own checks;
  // updateProfile's patch is checked by the core (for its field-error paths), so it is generated from the
  // patch schema the core applies.
  const replace = new Map<z.ZodType, fc.Arbitrary<unknown>>([
    [profileIdSchema, fc.oneof(fc.constantFrom(...builtInIds), schemaArbitrary(profileIdSchema, new Map()))],
  ]);
  const shaped = schemaArbitrary(schema, replace);
  const patched =
    name === 'updateProfile'
      ? fc.record({ id: replace.get(profileIdSchema)!, patch: schemaArbitrary(profilePatchSchema) })
      : shaped;
  const random = json
    ? fc.jsonValue({ maxDepth: 3 })
    : fc.anything({
        maxDepth: 3,
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withNullPrototype: true,
        withSparseArray: true,
        withBoxedValues: true,
      });
  return fc.oneof(
    { weight: 3, arbitrary: patched },
    {
      weight: 4,
      arbitrary: fc.tuple(patched, mutationArbitrary({ json })).map(([v, m]) => applyMutations(v, m)),
    },
    { weight: 3, arbitrary: random },
  );
}

const callArbitrary = (json: boolean) =>
  nameArbitrary.chain((name) => payloadArbitrary(name, json).map((payload) => ({ name, payload })));

describe('IPC fuzzing', () => {
  it(`${RUNS} payloads through the main-side dispatcher into the real core`, async () => {
    const tally = counts();
    await fc.assert(
      fc.asyncProperty(callArbitrary(false), async ({ name, payload }) => {
        const before = reached.get(name) ?? 0;
        const envelope = await core.dispatcher.dispatch(name, payload);
        judge(tally, name, payload, envelope, before);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(summary('fuzz ipc', tally));
    // Why the core answered `internal`, when it did: the first lines of the first few distinct causes.
    if (tally.failures.length)
      console.log(
        [...new Set(coreLog.map((l) => l.split('\n').slice(0, 8).join('\n')))].slice(0, 3).join('\n'),
      );
    expect(tally.failures.slice(0, 10)).toEqual([]);
    expect(violations.slice(0, 10)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Across all commands: each was refused an invalid payload and reached with a valid one.
    expect(commandNames.filter((name) => !reached.get(name))).toEqual([]);
    expect(commandNames.filter((name) => !tally.refused.has(name))).toEqual([]);
    expect(tally.invalid + tally.unknownCommand + tally.valid).toBe(RUNS);
  }, 600_000);

  it('regression (seed 1700017): a budget below a nano-dollar does not turn later commands into internal errors', async () => {
    // Found by the run above: a budget limit that rounds to 0 nano-dollars made its used fraction 0/0 = NaN,
    // which the usage event's schema refuses, so every command that announced usage afterwards (setBudgets,
    // getUsage, createProfile, newConversation…) answered `internal`.
    const fresh = createCore({ shell: 'headless', version: '0.0.0-fuzz', audio: nullAudio });
    try {
      const tiny = { dailyUsd: 1.6698201349617725e-148, monthlyUsd: 3.4410159894930516e-84 };
      const set = await fresh.dispatcher.dispatch('setBudgets', tiny);
      expect(set.ok || set.error.code).not.toBe('internal');
      expect(await fresh.dispatcher.dispatch('getUsage', undefined)).toMatchObject({ ok: true });
      expect(await fresh.dispatcher.dispatch('newConversation', undefined)).toMatchObject({ ok: true });
    } finally {
      await fresh.dispose();
    }
  });

  describe('through the WebSocket transport', () => {
    let server: ContractSocketServer;
    let socket: WebSocket;
    beforeAll(async () => {
      server = await startContractSocketServer({ dispatcher: core.dispatcher, events: core.events });
      socket = new WebSocket(`ws://127.0.0.1:${server.port}/?token=${server.token}`);
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    });
    afterAll(async () => {
      socket?.close();
      await server?.close();
    });

    const results = new Map<number, (result: unknown) => void>();
    let nextId = 1;
    const call = (name: string, payload: unknown): Promise<unknown> => {
      const id = nextId++;
      return new Promise((resolve) => {
        results.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, command: name, payload }));
      });
    };

    it(`${WS_RUNS} payloads as the renderer's socket sends them`, async () => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; id?: number; result?: unknown };
        if (message.type === 'result') results.get(message.id!)?.(message.result);
      });
      const tally = counts();
      await fc.assert(
        fc.asyncProperty(callArbitrary(true), async ({ name, payload }) => {
          // What the server receives is the JSON form (undefined fields dropped, NaN as null).
          const sent = (JSON.parse(JSON.stringify({ payload })) as { payload?: unknown }).payload;
          const before = reached.get(name) ?? 0;
          judge(tally, name, sent, await call(name, sent), before);
        }),
        { numRuns: WS_RUNS, seed: SEED, endOnFailure: true },
      );
      console.log(summary('fuzz ipc over ws', tally));
      expect(tally.failures.slice(0, 10)).toEqual([]);
      expect(violations.slice(0, 10)).toEqual([]);
      expect(socket.readyState).toBe(WebSocket.OPEN);
    }, 300_000);
  });
});
