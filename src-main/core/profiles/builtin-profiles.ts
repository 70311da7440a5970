// The profiles a new installation starts with. Read-only (duplicate one to change it).
import type { Profile } from '../../../src-preload/contract';

const pcm24k = { type: 'audio/pcm', rate: 24_000 } as const;
const shipped = '2026-01-01T00:00:00.000Z';

export const builtinProfiles: Profile[] = [
  {
    id: 'builtin-voice-assistant',
    name: 'Voice assistant (push-to-talk)',
    model: '',
    builtIn: true,
    updatedAt: shipped,
    session: {
      type: 'realtime',
      output_modalities: ['audio'],
      instructions:
        'You are a friendly, capable voice assistant on the user’s desktop. Answer in short spoken ' +
        'sentences, ask when a request is ambiguous, and say so when you do not know.',
      audio: {
        input: {
          format: pcm24k,
          transcription: { model: 'gpt-4o-mini-transcribe' },
          // null: the hotkey decides when a turn ends (push-to-talk).
          turn_detection: null,
          noise_reduction: { type: 'near_field' },
        },
        output: { format: pcm24k, voice: 'marin' },
      },
    },
  },
  {
    id: 'builtin-terse-text',
    name: 'Terse text helper',
    model: '',
    builtIn: true,
    updatedAt: shipped,
    session: {
      type: 'realtime',
      output_modalities: ['text'],
      instructions:
        'Answer in as few words as possible: facts, commands or code only, no pleasantries, no repetition ' +
        'of the question. Use Markdown for code.',
      audio: {
        input: {
          format: pcm24k,
          transcription: { model: 'gpt-4o-mini-transcribe' },
          turn_detection: null,
          noise_reduction: { type: 'near_field' },
        },
      },
      max_output_tokens: 1_024,
    },
  },
  {
    id: 'builtin-hands-free',
    name: 'Hands-free (semantic VAD)',
    model: '',
    builtIn: true,
    updatedAt: shipped,
    session: {
      type: 'realtime',
      output_modalities: ['audio'],
      instructions:
        'You are a hands-free voice assistant. The user speaks without pressing a key, so wait for them to ' +
        'finish their thought, keep answers brief, and stop as soon as they interrupt.',
      audio: {
        input: {
          format: pcm24k,
          transcription: { model: 'gpt-4o-mini-transcribe' },
          turn_detection: {
            type: 'semantic_vad',
            eagerness: 'auto',
            create_response: true,
            interrupt_response: true,
          },
          noise_reduction: { type: 'far_field' },
        },
        output: { format: pcm24k, voice: 'cedar' },
      },
    },
  },
];

export const defaultActiveProfileId = 'builtin-voice-assistant';
