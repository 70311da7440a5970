// Usage and cost through the real core, engine and Realtime simulator: a priced ten-turn conversation (spoken
// and typed turns, a tool call) whose usage varies per response and modality with cache reads from the second
// response on; the budget gate holding a turn's response.create until the user confirms; the server truncating
// the context (the input tokens drop, and the meter says so). Writes the conversation's table to
// test-results/usage-ten-turns.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { usdOf } from '../../src-main/core/usage/cost';
import {
  cachedTokensOf,
  formatUsd,
  inputTokensOf,
  type GaSession,
  type UsageRecord,
  type UsageSnapshot,
} from '../../src-preload/contract';
import { startRealtimeSim, type RealtimeSim, type SimReply } from '../realtime-sim/server';
import { testAudio } from '../support/realtime/test-audio';

let core: Core | undefined;
let sim: RealtimeSim | undefined;
afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = sim = undefined;
});

const until = async (condition: () => boolean, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

async function start(replies: SimReply[], userTranscripts: string[] = [], session?: Partial<GaSession>) {
  sim = await startRealtimeSim({ apiKey: 'sk-sim-usage-1234', replies, userTranscripts });
  const audio = testAudio();
  const c = createCore({
    shell: 'headless',
    version: '0.0.0-test',
    secrets: memorySecrets('sk-sim-usage-1234'),
    audio: audio.factory,
  });
  core = c;
  const call = async (name: string, payload?: unknown) => {
    const envelope = await c.dispatcher.dispatch(name, payload);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.value as Record<string, unknown>;
  };
  await call('updateSettings', { baseUrl: sim.baseUrl });
  if (session) {
    const copy = (await call('duplicateProfile', { id: 'builtin-voice-assistant' })) as { id: string };
    await call('updateProfile', { id: copy.id, patch: { session } });
    await call('setActiveProfile', { id: copy.id });
  }
  const records: UsageRecord[] = [];
  c.usage.onRecord((r) => void records.push(r));
  let turns = 0;
  c.session.engine.on('turnDone', () => void turns++);
  const state = () => c.session.getState();
  /** One spoken turn of `ms`, or a typed one; resolves when answered and played out. */
  const turn = async (what: { speakMs: number } | { text: string }) => {
    const before = turns;
    if ('text' in what) c.session.sendText(what.text);
    else {
      c.session.talkStart();
      await until(() => audio.mic.running, 'the microphone');
      audio.mic.speak(what.speakMs);
      c.session.talkEnd();
    }
    await until(() => turns > before, 'the answer');
    await until(() => state().status === 'ready', 'playback to end');
  };
  return { core: c, sim: sim, records, turn, call, audio, state };
}

const n = (v: number) => v.toLocaleString('en-US');

function table(records: readonly UsageRecord[]): string {
  const rows = [
    '| turn | response | input text (cached) | input audio (cached) | output text | output audio | cost |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  let total = 0;
  for (const r of records.filter((x) => x.kind === 'response')) {
    const t = r.tokens!;
    total += r.costNanoUsd!;
    rows.push(
      `| ${r.turn} | ${r.id} | ${n(t.inputText)} (${n(t.cachedText)}) | ${n(t.inputAudio)} (${n(t.cachedAudio)}) | ` +
        `${n(t.outputText)} | ${n(t.outputAudio)} | $${usdOf(r.costNanoUsd!).toFixed(6)} |`,
    );
  }
  rows.push(`| | **total** | | | | | **$${usdOf(total).toFixed(6)}** |`);
  return rows.join('\n');
}

describe('usage and cost against the simulator', () => {
  it('a priced ten-turn conversation: every response priced, input growing, cached from the 2nd response on', async () => {
    const replies: SimReply[] = [
      { text: 'Oslo is the capital of Norway.', audioMs: 1_400 },
      { text: 'About seven hundred thousand people live there.', audioMs: 2_100 },
      { toolCall: { name: 'get_current_time', arguments: '{"timezone":"Europe/Oslo"}' } },
      { text: 'It is just past noon in Oslo.', audioMs: 1_200 },
      { text: 'Stockholm.', audioMs: 500 },
      { text: 'The krona, and in Norway the krone.', audioMs: 1_600 },
      { text: 'Yes, by train it takes about six hours.', audioMs: 1_900 },
      { text: 'The Oresund bridge links Copenhagen and Malmo.', audioMs: 2_300 },
      { text: 'Fjords are valleys the glaciers carved and the sea flooded.', audioMs: 2_600 },
      { text: 'Midsummer, in late June.', audioMs: 900 },
      { text: 'You are welcome. Enjoy the trip!', audioMs: 1_100 },
    ];
    const heard = [
      'What is the capital of Norway?',
      'How many people live there?',
      'What time is it there?',
      'And the capital of Sweden?',
      'Can I get from Oslo to Stockholm by train?',
      'What is the bridge to Denmark called?',
      'What is a fjord?',
      'When is the big summer holiday?',
      'Thanks!',
    ];
    const t = await start(replies, heard);
    const script: ({ speakMs: number } | { text: string })[] = [
      { speakMs: 1_600 },
      { speakMs: 1_900 },
      { speakMs: 1_500 }, // a tool call, then the answer
      { speakMs: 1_300 },
      { text: 'Which currency do they use in Sweden?' },
      { speakMs: 2_400 },
      { speakMs: 2_100 },
      { speakMs: 1_700 },
      { text: 'When is the big summer holiday?' },
      { speakMs: 800 },
    ];
    for (const step of script) await t.turn(step);

    const responses = t.records.filter((r) => r.kind === 'response');
    expect(responses).toHaveLength(11);
    expect(responses.map((r) => r.turn)).toEqual([1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of responses) {
      expect(r.model).toBe('gpt-realtime');
      expect(r.tokens).not.toBeNull();
      expect(r.costNanoUsd).not.toBeNull();
    }
    const tokens = responses.map((r) => r.tokens!);
    // The whole conversation is input again: it grows with every response.
    for (let i = 1; i < tokens.length; i++)
      expect(inputTokensOf(tokens[i]!)).toBeGreaterThan(inputTokensOf(tokens[i - 1]!));
    // No cache on the first response; cache reads of text and audio from the second on.
    expect(cachedTokensOf(tokens[0]!)).toBe(0);
    for (const t2 of tokens.slice(1)) {
      expect(t2.cachedText).toBeGreaterThan(0);
      expect(t2.cachedAudio).toBeGreaterThan(0);
    }
    // Output varies per response and modality: audio follows the reply's length, a tool call is text only.
    expect(new Set(tokens.map((x) => x.outputAudio)).size).toBeGreaterThan(8);
    expect(tokens[2]).toMatchObject({ outputAudio: 0 });
    expect(tokens[2]!.outputText).toBeGreaterThan(0);
    // Typed turns add text, spoken ones audio.
    expect(tokens[5]!.inputText - tokens[4]!.inputText).toBeGreaterThan(
      tokens[4]!.inputText - tokens[3]!.inputText,
    );
    // The transcriptions of the eight spoken turns are counted too (gpt-4o-mini-transcribe: tokens, no price).
    const transcriptions = t.records.filter((r) => r.kind === 'transcription');
    expect(transcriptions).toHaveLength(8);
    expect(transcriptions.every((r) => r.tokens && r.tokens.inputAudio > 0 && r.costNanoUsd === null)).toBe(
      true,
    );

    const snapshot = (await t.call('getUsage')) as UsageSnapshot;
    const sum = responses.reduce((s, r) => s + r.costNanoUsd!, 0);
    expect(snapshot.conversation.costNanoUsd).toBe(sum);
    expect(snapshot.conversation).toMatchObject({ responses: 11, unknown: 0, unpriced: 8 });
    expect(snapshot.turn.responses).toBe(1);
    expect(snapshot.month.costNanoUsd).toBe(sum);
    // The usage the simulator sent passes the official schema, and the client broke no rule.
    expect(t.sim.simErrors).toEqual([]);
    expect(t.sim.violations).toEqual([]);

    const report = table(t.records);
    mkdirSync('test-results', { recursive: true });
    writeFileSync(join('test-results', 'usage-ten-turns.md'), `${report}\n`);
    console.log(`usage ten turns (gpt-realtime, ${formatUsd(usdOf(sum))}):\n${report}`);
  });

  it('a rate-limited response (zero usage) and its automatic retry: two responses of one turn, the first free', async () => {
    const limited = {
      type: 'tokens',
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached for gpt-realtime. Please try again in 0.1s.',
    };
    const t = await start([{ fail: limited }, { text: 'Here it is.', audioMs: 400 }]);
    await t.turn({ speakMs: 1_000 });
    const responses = t.records.filter((r) => r.kind === 'response');
    expect(responses.map((r) => [r.turn, r.costNanoUsd === 0])).toEqual([
      [1, true],
      [1, false],
    ]);
    expect(responses[0]!.tokens).toEqual(expect.objectContaining({ inputText: 0, outputAudio: 0 }));
    expect(((await t.call('getUsage')) as UsageSnapshot).turn).toMatchObject({ responses: 2, unknown: 0 });
  });

  it('a reached budget holds the turn’s response.create until the user confirms, then it goes', async () => {
    const t = await start([
      { text: 'First.', audioMs: 400 },
      { text: 'Second.', audioMs: 400 },
    ]);
    await t.call('setBudgets', { dailyUsd: 0.0001, monthlyUsd: null });
    await t.turn({ speakMs: 1_000 }); // the first answer crosses the tiny limit
    expect(((await t.call('getUsage')) as UsageSnapshot).budget.state).toBe('blocked');

    const creates = () => t.sim.received.filter((r) => r.event.type === 'response.create').length;
    expect(creates()).toBe(1);
    t.core.session.sendText('And again?');
    await until(() => t.state().message?.startsWith('Daily budget') ?? false, 'the budget notice');
    await new Promise((r) => setTimeout(r, 300));
    expect(creates()).toBe(1);

    const confirmed = (await t.call('confirmOverBudget')) as UsageSnapshot;
    expect(confirmed.budget.state).toBe('confirmed');
    await until(() => creates() === 2, 'the held response.create');
    await until(() => t.records.filter((r) => r.kind === 'response').length === 2, 'the second answer');
    expect(t.state().message).toBeUndefined();
    expect(t.sim.violations).toEqual([]);
  });

  it('the server truncates an overlong context: the input tokens drop and the meter says so', async () => {
    const t = await start([], [], {
      truncation: { type: 'retention_ratio', retention_ratio: 0.5, token_limits: { post_instructions: 120 } },
    });
    for (let i = 0; i < 6; i++) await t.turn({ speakMs: 2_000 });
    // The profile's setting reached the server as GA `truncation`.
    const updates = t.sim.received.filter((r) => r.event.type === 'session.update');
    expect(updates.some((r) => (r.event.session as { truncation?: unknown }).truncation)).toBe(true);
    const inputs = t.records.filter((r) => r.kind === 'response').map((r) => inputTokensOf(r.tokens!));
    const dropped = inputs.findIndex((v, i) => i > 0 && v < inputs[i - 1]!);
    expect(dropped).toBeGreaterThan(0);
    const snapshots: UsageSnapshot[] = [];
    t.core.events.on('usageChanged', (s) => void snapshots.push(s));
    // Keep talking until the next truncation and watch the meter report it.
    for (let i = 0; i < 6 && !snapshots.some((s) => s.last?.truncated); i++) await t.turn({ speakMs: 2_000 });
    expect(snapshots.some((s) => s.last?.truncated)).toBe(true);
    expect(t.sim.violations).toEqual([]);
  });
});
