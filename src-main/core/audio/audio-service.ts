// The audio side of the contract: device list, test tone, and a PortAudio AudioFactory for the realtime
// engine that forwards the input meter and device fallbacks to the UI as events.
// naudiodon2 is loaded on the first call that needs a device, never at construction.
import { audioDeviceListSchema, type AudioDeviceListInfo } from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';
import type { EventBus } from '../ipc/event-bus';
import { createCaptureChain } from './capture-chain';
import { createDeviceSink } from './device-sink';
import { createDeviceSource } from './device-source';
import type { EchoPath } from './echo-path';
import type { DeviceFallback } from './device-open';
import { listDevices, type AudioDeviceList } from './devices';
import { portAudio, type PortAudio } from './portaudio';
import { testTone } from './test-tone';
import { parseWav } from './wav';
import type { AudioSink, AudioSource, WireFormat } from './types';

export interface AudioServiceOptions {
  events: EventBus;
  /** Selected devices (settings inputDevice / outputDevice; null = system default). */
  inputDevice: () => string | null;
  outputDevice: () => string | null;
  /** For tests: another PortAudio. */
  portAudio?: () => PortAudio;
  /** How long a microphone test may stay open. */
  micTestLimitMs?: number;
  /** The echo canceller between the conversation's speaker and microphone. */
  echo?: EchoPath;
}

export interface AudioService {
  listDevices(refresh?: boolean): AudioDeviceListInfo;
  playTestSound(): Promise<{ device: string }>;
  /** Plays a whole WAV file (any rate/channels) on the selected output: the earcons. */
  playWav(wav: Buffer): Promise<void>;
  /** Microphone open for the meter only (no conversation); closes itself after `micTestLimitMs`. */
  setMicTest(on: boolean): Promise<{ on: boolean; device?: string }>;
  close(): Promise<void>;
  /** Microphone and speaker on the selected devices, for the realtime engine. */
  createSource(format: WireFormat): AudioSource;
  createSink(format: WireFormat): AudioSink;
}

/** The contract's schema keeps only its own fields: PortAudio's index (valid for one scan) stays in main. */
const toContract = (list: AudioDeviceList): AudioDeviceListInfo => audioDeviceListSchema.parse(list);

export function createAudioService(options: AudioServiceOptions): AudioService {
  const pa = () => (options.portAudio ?? portAudio)();
  let cached: AudioDeviceListInfo | undefined;
  const onFallback = (fallback: DeviceFallback) => {
    cached = undefined; // the device set changed
    options.events.emit('audioDeviceFallback', fallback);
  };
  const createSink = (format: WireFormat) =>
    createDeviceSink({
      format,
      device: options.outputDevice(),
      onFallback,
      portAudio: pa(),
      echo: options.echo,
    });

  const createSource = (format: WireFormat) => {
    const source = createDeviceSource({
      format,
      device: options.inputDevice(),
      onFallback,
      portAudio: pa(),
      echo: options.echo,
    });
    source.onLevel((level) => options.events.emit('inputLevel', level));
    return source;
  };

  let micTest: { source: ReturnType<typeof createSource>; timer: NodeJS.Timeout } | undefined;
  const stopMicTest = async () => {
    const test = micTest;
    micTest = undefined;
    if (!test) return;
    clearTimeout(test.timer);
    await test.source.stop();
  };

  return {
    async setMicTest(on) {
      if (!on) {
        await stopMicTest();
        return { on: false };
      }
      if (!micTest) {
        let source: ReturnType<typeof createSource>;
        try {
          source = createSource('audio/pcm');
          await source.start();
        } catch (error) {
          throw new CommandError('unavailable', (error as Error).message);
        }
        const timer = setTimeout(() => void stopMicTest(), options.micTestLimitMs ?? 60_000);
        timer.unref();
        micTest = { source, timer };
      }
      return { on: true, device: micTest.source.device()?.id };
    },
    close: stopMicTest,
    listDevices(refresh = false) {
      // PortAudio enumerates on each call; the cache only spares the UI a rescan on every render.
      if (refresh || !cached) cached = toContract(listDevices(pa()));
      return cached;
    },
    async playWav(file) {
      // Same conversion as the microphone's (any rate/channels → 24 kHz PCM16), then one short-lived sink.
      const wav = parseWav(file, 'earcon');
      const parts: Buffer[] = [];
      const chain = createCaptureChain({
        inputRate: wav.rate,
        inputChannels: wav.channels,
        format: 'audio/pcm',
        onChunk: (chunk) => parts.push(chunk.data),
      });
      chain.push(wav.samples);
      chain.finish();
      const sink = createSink('audio/pcm');
      try {
        sink.write(Buffer.concat(parts));
        await sink.drain();
      } finally {
        await sink.close();
      }
    },
    async playTestSound() {
      let sink: ReturnType<typeof createSink>;
      try {
        sink = createSink('audio/pcm');
      } catch (error) {
        // No output could be opened: the message names the device; the UI shows it as is.
        throw new CommandError('unavailable', (error as Error).message);
      }
      try {
        sink.write(testTone());
        await sink.drain();
        return { device: sink.device().id };
      } finally {
        await sink.close();
      }
    },
    createSource,
    createSink,
  };
}
