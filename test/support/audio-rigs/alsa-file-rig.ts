// ALSA `file`-plugin rig: a fake microphone that reads a raw file and a fake speaker that writes one, with
// no sound card. Deterministic and faster than real time (the slave is ALSA's `null` device).
//
//   const rig = withAlsaFileRig({ micRaw: 'speech.raw', micRate: 48000, micChannels: 2 });
//   Object.assign(process.env, rig.env);   // before PortAudio initialises (or pass rig.env to a child)
//   …PortAudio now sees devices "mic" (capture) and "spk" (playback), both also as "default"…
//   readFileSync(rig.speakerOutPath)        // what was played: raw S16_LE, speakerRate, speakerChannels
//   rig.cleanup();
//
// ALSA reads ALSA_CONFIG_PATH when it loads its configuration; PortAudio reloads it on each initialisation,
// so set the env before the first device call of the process (vitest runs each file in its own process).
// The mic file is read as S16_LE at micRate/micChannels; after its end the device delivers silence.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AlsaFileRigOptions {
  /** Raw S16_LE interleaved samples the microphone "hears". */
  micRaw: string;
  micRate: number;
  micChannels: number;
  /** Speaker format (default 48000 Hz, 2 channels). */
  speakerRate?: number;
  speakerChannels?: number;
}

export interface AlsaFileRig {
  /** Environment for the process that opens the devices. */
  env: { ALSA_CONFIG_PATH: string };
  speakerOutPath: string;
  speakerRate: number;
  speakerChannels: number;
  dir: string;
  cleanup(): void;
}

export function withAlsaFileRig(options: AlsaFileRigOptions): AlsaFileRig {
  const dir = mkdtempSync(join(tmpdir(), 'alsa-rig-'));
  const speakerOutPath = join(dir, 'speaker.raw');
  const speakerRate = options.speakerRate ?? 48_000;
  const speakerChannels = options.speakerChannels ?? 2;
  const q = (s: string) => JSON.stringify(s);
  // `plug` gives PortAudio a device whose default rate/channels are the slave's, and no conversion happens
  // when we open it at those (our capture opens float, which plug converts exactly: s16 / 32768).
  const conf = `
pcm.mic_raw { type file slave.pcm "null" file "/dev/null" infile ${q(options.micRaw)} format "raw" }
pcm.mic { type plug slave { pcm "mic_raw" format S16_LE rate ${options.micRate} channels ${options.micChannels} } }
pcm.spk_raw { type file slave.pcm "null" file ${q(speakerOutPath)} format "raw" }
pcm.spk { type plug slave { pcm "spk_raw" format S16_LE rate ${speakerRate} channels ${speakerChannels} } }
pcm.!default { type asym playback.pcm "spk" capture.pcm "mic" }
`;
  const confPath = join(dir, 'asound.conf');
  writeFileSync(confPath, conf);
  return {
    env: { ALSA_CONFIG_PATH: `/usr/share/alsa/alsa.conf:${confPath}` },
    speakerOutPath,
    speakerRate,
    speakerChannels,
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
