// One headless run: the real core (createCore) with the shell's audio, the profile from --profile, and
// turns taken from WAV files, a timed microphone, or the global hold-to-talk key.
import { readFileSync } from 'node:fs';
import type { Profile, ProfileDocument, SessionState, TranscriptItem } from '../../../src-preload/contract';
import { createCore, type Core } from '../../core/app/create-core';
import type { TurnResult } from '../../core/realtime/engine';
import { profileDocumentFromText } from '../../core/profiles/import-profile';
import { turnDetectionOf } from '../../core/realtime/session-payload';
import { memorySecrets } from '../../core/secrets/secret-store';
import { alsoToAppLog, createAppLog, type AppLog } from '../../core/diagnostics/app-log';
import type { HeadlessArgs } from './args';
import { headlessAudio } from './audio';
import { startHeadlessMcp } from './mcp';
import { prepareTurnImages } from './images';
import { usageLine, usageTotalLine } from './usage-lines';

export interface HeadlessIo {
  version: string;
  /** One JSON line on stdout. */
  line(value: Record<string, unknown>): void;
  /** One human line on stderr. */
  problem(message: string): void;
}

class RunFailure extends Error {}

export async function runHeadless(args: HeadlessArgs, io: HeadlessIo): Promise<number> {
  if (!args.apiKey) {
    io.problem('no API key: set OPENAI_API_KEY or pass --api-key');
    return 1;
  }
  const audio = headlessAudio({
    wavTurns: args.inputs.length > 0,
    realTime: args.realtime,
    inputDevice: args.inputDevice,
    output: args.output,
    outputDevice: args.outputDevice,
    echo: () => core.echo,
  });
  let hotkeyBackends = {};
  if (args.hotkey) {
    const { createUiohookBackend } = await import('../../core/hotkey/uiohook-backend');
    hotkeyBackends = { uiohook: () => createUiohookBackend() };
  }
  const appLog = args.logFile ? await openLogFile(args.logFile, io) : undefined;
  const core = createCore({
    shell: 'headless',
    version: io.version,
    secrets: memorySecrets(args.apiKey),
    audio: audio.factory,
    hotkeyBackends,
    log: appLog ? alsoToAppLog(() => {}, appLog) : () => {},
    ...(appLog ? { appLog } : {}),
  });
  // One line per response as it ends, and the run's total before exit (before the error line of a failed run).
  core.usage.onRecord((record) => io.line(usageLine(record)));
  const total = () => io.line(usageTotalLine(core.usage.runTotals()));
  try {
    const code = await drive(core, args, io, audio);
    total();
    // Said after a successful run only: a failed run's stderr is its one failure line.
    if (code === 0 && !args.output && !args.outputDevice)
      io.problem('note: no --output or --output-device: the assistant audio was discarded');
    return code;
  } catch (error) {
    const message = error instanceof RunFailure ? error.message : `failed: ${(error as Error).message}`;
    total();
    io.line({ type: 'error', message });
    io.problem(message);
    return 1;
  } finally {
    await core.dispose();
    await appLog?.close();
  }
}

/** --log-file: the run's diagnostic log; stderr says which file it is (pino-roll numbers them). */
async function openLogFile(path: string, io: HeadlessIo): Promise<AppLog> {
  const appLog = createAppLog({ onFileError: (error) => io.problem(`log file: ${error.message}`) });
  await appLog.open(path);
  io.problem(`logging to ${appLog.location()?.file ?? path}`);
  return appLog;
}

async function call(core: Core, name: string, payload?: unknown): Promise<unknown> {
  const result = await core.dispatcher.dispatch(name, payload);
  if (!result.ok) {
    const fields = result.error.fieldErrors
      ? ` (${Object.entries(result.error.fieldErrors)
          .map(([k, v]) => `${k}: ${v.join(', ')}`)
          .join('; ')})`
      : '';
    throw new RunFailure(`${name}: ${result.error.message}${fields}`);
  }
  return result.value;
}

async function drive(
  core: Core,
  args: HeadlessArgs,
  io: HeadlessIo,
  audio: ReturnType<typeof headlessAudio>,
): Promise<number> {
  const settings: Record<string, unknown> = {
    baseUrl: args.baseUrl,
    preconfiguredSession: args.preconfigured,
  };
  if (args.micReady) settings.micReady = args.micReady;
  if (args.prerollMs !== undefined) settings.prerollMs = args.prerollMs;
  if (args.echoCancel) settings.echoCancel = args.echoCancel;
  if (args.hotkey)
    Object.assign(settings, {
      hotkeyBackend: 'uiohook',
      pttMode: 'hold',
      hotkeys: { pushToTalk: args.hotkey },
    });
  await call(core, 'updateSettings', settings);
  await startHeadlessMcp(core, { file: args.mcpConfig, approveTools: args.approveTools }, io).catch(
    (error: Error) => {
      throw new RunFailure(error.message);
    },
  );

  if (args.profile || args.model) {
    let document: ProfileDocument;
    if (args.profile) {
      const parsed = profileDocumentFromText(readFileSync(args.profile, 'utf8'));
      for (const note of parsed.notes) io.line({ type: 'warning', message: `profile: ${note}` });
      document = parsed.document;
    } else {
      const active = (await call(core, 'listProfiles')) as { profiles: ProfileDocument[]; activeId: string };
      const current = active.profiles.find((p) => (p as { id?: string }).id === active.activeId)!;
      document = { name: current.name, model: current.model, session: current.session };
    }
    if (args.model) document = { ...document, model: args.model };
    const created = (await call(core, 'createProfile', document)) as { id: string };
    await call(core, 'setActiveProfile', { id: created.id });
  }
  if (args.handsFree) await useVoiceTurns(core);

  const engine = core.session.engine;
  const turns: TurnResult[] = [];
  let turnWaiter: ((t: TurnResult) => void) | undefined;
  let fatal: ((message: string) => void) | undefined;
  const fatalPromise = new Promise<never>((_, reject) => (fatal = (m) => reject(new RunFailure(m))));
  fatalPromise.catch(() => {});

  engine.on('ready', (session) =>
    io.line({
      type: 'session.ready',
      model: session.model,
      session_id: session.id,
      profile: engine.getState().profileId,
    }),
  );
  engine.on('warning', (message) => io.line({ type: 'warning', message }));
  // --partial: streaming text arrives as appends; each line shows the item's text so far.
  const streaming = new Map<string, { role: TranscriptItem['role']; text: string }>();
  engine.on('transcriptAppend', ({ id, text }) => {
    const item = streaming.get(id);
    if (!item) return;
    item.text += text;
    io.line({ type: 'transcript', role: item.role, text: item.text, final: false });
  });
  engine.on('transcript', (item) => {
    if (args.partial && !item.final) streaming.set(item.id, { role: item.role, text: item.text });
    else streaming.delete(item.id);
    if (!item.final && !args.partial) return;
    if (item.role === 'tool')
      return io.line({
        type: 'transcript',
        role: 'tool',
        text: item.text,
        final: item.final,
        tool: item.tool,
      });
    io.line({
      type: 'transcript',
      role: item.role,
      text: item.text,
      final: item.final,
      ...(item.interrupted ? { interrupted: true } : {}),
    });
  });
  engine.on('turnDone', (turn) => {
    turns.push(turn);
    turnWaiter?.(turn);
  });
  engine.on('state', (state: SessionState) => {
    if (state.status === 'error' && state.message) fatal?.(state.message);
  });

  const nextTurn = () =>
    new Promise<TurnResult>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new RunFailure(`turn timed out after ${args.turnTimeoutMs / 1000} s`)),
        args.turnTimeoutMs,
      );
      turnWaiter = (t) => {
        clearTimeout(timer);
        turnWaiter = undefined;
        resolve(t);
      };
    });

  const finishTurn = async (
    index: number,
    pending: Promise<TurnResult>,
    alsoAnswered: readonly TurnResult['outcome'][] = [],
  ) => {
    const turn = await Promise.race([pending, fatalPromise]);
    await audio.sink()?.drain();
    io.line({
      type: 'turn.done',
      turn: index + 1,
      outcome: turn.outcome,
      text: turn.text,
      ...(turn.message ? { message: turn.message } : {}),
    });
    if (turn.outcome !== 'completed' && !alsoAnswered.includes(turn.outcome))
      throw new RunFailure(`turn ${index + 1} ${turn.outcome}${turn.message ? `: ${turn.message}` : ''}`);
  };

  // Every image is prepared before the first turn: a bad one stops the run before anything is sent.
  const images = await prepareTurnImages(args.images).catch((error: Error) => {
    throw new RunFailure(error.message);
  });
  engine.images.on('sent', (sent) => {
    for (const { mime, width, height, data, detail } of sent)
      io.line({ type: 'image', mime, width, height, bytes: data.length, detail });
  });
  const attachImages = (index: number) => {
    for (const { image, thumbnail } of images[index] ?? [])
      engine.images.attach(image, args.imageDetail, thumbnail);
  };

  if (args.inputs.length) {
    engine.connect();
    for (const [index, path] of args.inputs.entries()) {
      attachImages(index);
      const pending = nextTurn();
      const delivered = audio.wavQueue.next(path);
      core.session.talkStart();
      await Promise.race([delivered, fatalPromise]);
      core.session.talkEnd();
      await finishTurn(index, pending);
    }
    return 0;
  }

  // A microphone that has to be opened first is 'opening' until its device delivers audio: a timed turn
  // counts its seconds from then, as a user waits for the start sound before speaking.
  const listening = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (engine.getState().status === 'opening') return;
        engine.off('state', check);
        resolve();
      };
      engine.on('state', check);
      check();
    });

  if (args.handsFree) {
    engine.on('bargeIn', (cut) => io.line({ type: 'barge-in', ...cut }));
    engine.on('state', ({ status }) => status === 'hearing' && io.problem('hearing you'));
    attachImages(0);
    engine.setListening(true);
    io.problem(
      `listening hands-free: speak when you like (${args.turns} answer${args.turns > 1 ? 's' : ''})`,
    );
    // An answer the user talked over counts as answered: the conversation goes on.
    for (let index = 0; index < args.turns; index++) await finishTurn(index, nextTurn(), ['cancelled']);
    engine.setListening(false);
    return 0;
  }

  if (args.pttSeconds) {
    for (let index = 0; index < args.turns; index++) {
      attachImages(index);
      const pending = nextTurn();
      core.session.talkStart();
      await Promise.race([listening(), fatalPromise, pending]);
      await Promise.race([new Promise((r) => setTimeout(r, args.pttSeconds! * 1000)), fatalPromise]);
      core.session.talkEnd();
      await finishTurn(index, pending);
    }
    return 0;
  }

  // --hotkey: the global key drives talkStart/talkEnd through the core's hotkey service. As the window's start
  // sound does, stderr says when the microphone delivers: from then on what is said is in the turn.
  let shown = '';
  engine.on('state', ({ status }) => {
    if (status === 'listening' && shown !== 'listening') io.problem('listening: speak now');
    shown = status;
  });
  attachImages(0);
  engine.connect();
  io.problem(`hold ${args.hotkey} to talk (${args.turns} turn${args.turns > 1 ? 's' : ''})`);
  for (let index = 0; index < args.turns; index++) await finishTurn(index, nextTurn());
  return 0;
}

/** --hands-free: the active profile's turn detection, or server_vad with its defaults when it has none. */
async function useVoiceTurns(core: Core): Promise<void> {
  const state = (await call(core, 'listProfiles')) as { profiles: Profile[]; activeId: string };
  const active = state.profiles.find((p) => p.id === state.activeId)!;
  if (turnDetectionOf(active.session)) return;
  const input = active.session.audio?.input ?? {};
  const copy = (await call(core, 'createProfile', {
    name: `${active.name} (hands-free)`,
    model: active.model,
    session: {
      ...active.session,
      audio: { ...active.session.audio, input: { ...input, turn_detection: { type: 'server_vad' } } },
    },
  })) as { id: string };
  await call(core, 'setActiveProfile', { id: copy.id });
}
