// PulseAudio null-sink rig: real-time devices with no sound card. A private daemon (own socket and runtime
// dir, so it works as root and never touches a desktop's PulseAudio) with:
//   sink "speaker"  — where the app plays; record it from "speaker.monitor"
//   sink "micfeed"  — play into it to talk to the app; source "mic" remaps its monitor (the microphone)
// ALSA's pulse plugin (libasound2-plugins) then shows PortAudio the devices "pulse" and "default".
//
//   const rig = await startPulseRig();
//   Object.assign(process.env, rig.env);     // before PortAudio initialises
//   …
//   await rig.stop();                         // kills the daemon, removes the temp dir
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SpeakerRecording {
  /**
   * When each piece of the recording reached this process (performance.now()) and the byte count up to
   * its end: maps the recording's sample timeline onto the test's clock.
   */
  readonly arrivals: { at: number; bytes: number }[];
  stop(): Promise<Buffer>;
}

export interface MicFeed {
  /** Queues raw S16_LE mono samples at the feed's rate; they play in real time into the microphone. */
  write(samples: Buffer): void;
  stop(): Promise<void>;
}

export interface PulseRig {
  env: { PULSE_SERVER: string; PULSE_RUNTIME_PATH: string };
  dir: string;
  /** Starts `parecord` on the speaker's monitor; stop() resolves with the raw S16_LE mono samples. */
  recordSpeaker(rate: number): SpeakerRecording;
  /**
   * Starts `pacat` playing into "micfeed" (what the microphone hears): silent until written to, so a test
   * can speak at a moment of its choosing without waiting for a process to start.
   */
  feedMic(rate: number): MicFeed;
  /**
   * Carries the speaker back into the microphone, as a laptop's room does: `module-loopback` from the speaker's
   * monitor into the microphone feed, `latencyMs` late, at `volumePercent` (PulseAudio's cubic scale: 70 % is
   * about −9 dB). `stop()` unloads it.
   */
  loopSpeakerIntoMic(latencyMs: number, volumePercent: number): { stop(): void };
  stop(): Promise<void>;
}

export async function startPulseRig(): Promise<PulseRig> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-rig-'));
  const runtime = join(dir, 'runtime');
  mkdirSync(runtime);
  const socket = join(dir, 'native');
  writeFileSync(
    join(dir, 'test.pa'),
    [
      `load-module module-native-protocol-unix auth-anonymous=1 socket=${socket}`,
      'load-module module-null-sink sink_name=speaker rate=48000 channels=2',
      'load-module module-null-sink sink_name=micfeed rate=48000 channels=2',
      'load-module module-remap-source source_name=mic master=micfeed.monitor',
      'set-default-sink speaker',
      'set-default-source mic',
      '',
    ].join('\n'),
  );
  const env = { PULSE_SERVER: `unix:${socket}`, PULSE_RUNTIME_PATH: runtime };
  const childEnv = { ...process.env, ...env, XDG_RUNTIME_DIR: runtime, HOME: dir };
  // -n: no default script; --system=false with a private HOME/runtime dir lets root run a user daemon.
  const daemon: ChildProcess = spawn(
    'pulseaudio',
    ['-n', '-F', join(dir, 'test.pa'), '--exit-idle-time=-1', '--daemonize=no', '--system=false'],
    { env: childEnv, stdio: 'ignore' },
  );
  const started = Date.now();
  while (!existsSync(socket)) {
    if (daemon.exitCode !== null || Date.now() - started > 10_000) {
      daemon.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error('PulseAudio rig did not start (is pulseaudio installed?)');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    env,
    dir,
    recordSpeaker(rate) {
      const rec = spawn(
        'parecord',
        [
          '-d',
          'speaker.monitor',
          '--raw',
          '--format=s16le',
          `--rate=${rate}`,
          '--channels=1',
          '--latency-msec=10',
        ],
        { env: childEnv, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const parts: Buffer[] = [];
      const arrivals: { at: number; bytes: number }[] = [];
      let bytes = 0;
      rec.stdout!.on('data', (b: Buffer) => {
        parts.push(b);
        bytes += b.length;
        arrivals.push({ at: performance.now(), bytes });
      });
      return {
        arrivals,
        stop: () =>
          new Promise<Buffer>((resolve) => {
            // Already gone (it died, or stop() was called twice): 'exit' will not fire again.
            if (rec.exitCode !== null || rec.signalCode !== null) return resolve(Buffer.concat(parts));
            rec.once('exit', () => resolve(Buffer.concat(parts)));
            rec.kill('SIGINT');
          }),
      };
    },
    feedMic(rate) {
      const feed = spawn(
        'pacat',
        [
          '--playback',
          '-d',
          'micfeed',
          '--raw',
          '--format=s16le',
          `--rate=${rate}`,
          '--channels=1',
          '--latency-msec=20',
        ],
        { env: childEnv, stdio: ['pipe', 'ignore', 'ignore'] },
      );
      feed.stdin!.on('error', () => {}); // killed while writing: nothing more to say
      return {
        write: (samples) => void feed.stdin!.write(samples),
        stop: () =>
          new Promise<void>((resolve) => {
            if (feed.exitCode !== null || feed.signalCode !== null) return resolve();
            feed.once('exit', () => resolve());
            feed.kill('SIGKILL');
          }),
      };
    },
    loopSpeakerIntoMic(latencyMs, volumePercent) {
      const pactl = (...args: string[]) => execFileSync('pactl', args, { env: childEnv, encoding: 'utf8' });
      const module = pactl(
        'load-module',
        'module-loopback',
        'source=speaker.monitor',
        'sink=micfeed',
        `latency_msec=${latencyMs}`,
      ).trim();
      // Columns: index, sink, client, driver, sample spec; the rig has no other loopback.
      const input = pactl('list', 'short', 'sink-inputs')
        .split('\n')
        .map((line) => line.split('\t'))
        .find((fields) => fields[3] === 'module-loopback.c')?.[0];
      if (!input) throw new Error('the loopback has no sink input');
      pactl('set-sink-input-volume', input, `${volumePercent}%`);
      return { stop: () => void pactl('unload-module', module) };
    },
    async stop() {
      if (daemon.exitCode === null) {
        const exited = new Promise((r) => daemon.once('exit', r));
        daemon.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (daemon.exitCode === null) daemon.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
