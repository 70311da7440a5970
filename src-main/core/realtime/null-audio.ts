// Audio for a core started without devices (a shell that injects none): text conversations work, the
// assistant's audio is discarded, and talking explains why nothing is heard.
import type { AudioSink, AudioSource, WireFormat } from '../audio/types';
import type { AudioFactory } from './engine';

const noop = () => () => {};

export const nullAudio: AudioFactory = {
  createSource(format: WireFormat): AudioSource {
    return {
      format,
      onChunk: noop,
      onLevel: noop,
      onError: noop,
      start: () => Promise.reject(new Error('this shell has no microphone configured')),
      stop: () => Promise.resolve(),
    };
  },
  createSink(format: WireFormat): AudioSink {
    return {
      format,
      write: () => {},
      stop: () => 0,
      playedMs: () => 0,
      resetPlayed: () => {},
      isPlaying: () => false,
      drain: () => Promise.resolve(),
      onError: noop,
      close: () => Promise.resolve(),
    };
  },
};
