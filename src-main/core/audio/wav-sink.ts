// The headless shell's speaker: assistant audio into a 24 kHz mono PCM16 WAV (`--output reply.wav`).
// A file takes audio at once, so everything written has "reached the device" when write() returns.
import { createPlaybackChain } from './playback-chain';
import { int16ToBuffer } from './dsp/pcm';
import { WavWriter } from './wav';
import { wireBytesToMs, type AudioSink, type WireFormat } from './types';

export const wavSinkRate = 24_000;

export function createWavFileSink(path: string, format: WireFormat): AudioSink {
  // G.711 is brought to 24 kHz so the file format is always the same; PCM16 24 kHz passes through as is.
  const chain = createPlaybackChain(format, wavSinkRate);
  const writer = new WavWriter(path, wavSinkRate, 1);
  let playedMs = 0;
  return {
    format,
    write(data) {
      writer.write(int16ToBuffer(chain.convert(data)));
      playedMs += wireBytesToMs(format, data.length);
    },
    stop() {
      const played = playedMs;
      writer.write(int16ToBuffer(chain.flush()));
      playedMs = 0;
      return played;
    },
    playedMs: () => playedMs,
    resetPlayed: () => void (playedMs = 0),
    isPlaying: () => false,
    async drain() {
      writer.write(int16ToBuffer(chain.flush()));
    },
    onError: () => () => {},
    async close() {
      writer.write(int16ToBuffer(chain.flush()));
      writer.close();
    },
  };
}
