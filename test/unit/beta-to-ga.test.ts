// The beta → GA session converter and the import reader, on the seed document's and forum thread's dicts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gaSessionSchema } from '../../src-preload/contract';
import { betaSessionToGa } from '../../src-main/core/profiles/beta-to-ga';
import { parseDictLiteral } from '../../src-main/core/profiles/dict-literal';
import { readImport, ImportParseError } from '../../src-main/core/profiles/import-profile';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/beta/${name}`, import.meta.url), 'utf8');

describe('beta → GA conversion', () => {
  it('imports the seed\'s "Voice Session with Tools" example pasted as Python code', () => {
    const { session, notes } = readImport(fixture('seed-voice-session-with-tools.py.txt'));
    expect(gaSessionSchema.parse(session)).toEqual({
      type: 'realtime',
      output_modalities: ['audio'],
      instructions: 'You are a voice assistant that can check the weather.',
      audio: {
        input: { format: { type: 'audio/pcm', rate: 24_000 }, turn_detection: { type: 'server_vad' } },
        output: { format: { type: 'audio/pcm', rate: 24_000 }, voice: 'alloy' },
      },
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Get the current weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ],
    });
    expect(notes.join(' ')).toMatch(/output_modalities \["audio"\]/);
  });

  it("converts the forum thread's MANUAL dict: None turn detection = push-to-talk, temperature dropped", () => {
    const { session, notes } = readImport(fixture('forum-manual.py.txt'));
    const ga = gaSessionSchema.parse(session);
    expect(ga.audio?.input?.turn_detection).toBeNull();
    expect(ga.audio?.input?.transcription).toEqual({ model: 'whisper-1' });
    expect(ga).not.toHaveProperty('temperature');
    expect(notes.some((n) => n.includes('temperature (0.8) was dropped'))).toBe(true);
  });

  it("converts the forum thread's SERVER_VAD dict keeping every VAD field", () => {
    const { session } = readImport(fixture('forum-server-vad.json'));
    expect(gaSessionSchema.parse(session).audio?.input?.turn_detection).toEqual({
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 500,
      silence_duration_ms: 200,
    });
  });

  it('maps every beta audio format and the renamed fields', () => {
    const { session, model } = betaSessionToGa({
      model: 'gpt-realtime',
      modalities: ['text'],
      input_audio_format: 'g711_ulaw',
      output_audio_format: 'g711_alaw',
      input_audio_noise_reduction: { type: 'far_field' },
      max_response_output_tokens: 'inf',
      speed: 1.2,
      tool_choice: 'auto',
    });
    expect(model).toBe('gpt-realtime');
    expect(gaSessionSchema.parse(session)).toEqual({
      type: 'realtime',
      output_modalities: ['text'],
      audio: {
        input: { format: { type: 'audio/pcmu' }, noise_reduction: { type: 'far_field' } },
        output: { format: { type: 'audio/pcma' }, speed: 1.2 },
      },
      max_output_tokens: 'inf',
      tool_choice: 'auto',
    });
  });

  it('notes fields GA does not have instead of sending them', () => {
    const { session, notes } = betaSessionToGa({
      voice: 'alloy',
      turn_detection: { type: 'server_vad', threshold: 0.4, eagerness_level: 3 },
      tracing: 'auto',
    });
    expect(gaSessionSchema.safeParse(session).success).toBe(true);
    expect(notes).toEqual([
      'turn_detection.eagerness_level was dropped: GA server_vad has no such field.',
      '"tracing" was dropped: it is not a setting this app keeps.',
    ]);
  });

  it('unwraps a session.update event and recognises a GA session as such', () => {
    const event = readImport(JSON.stringify({ type: 'session.update', session: { voice: 'ash' } }));
    expect(event.session).toEqual({ type: 'realtime', audio: { output: { voice: 'ash' } } });
    const ga = readImport(JSON.stringify({ type: 'realtime', instructions: 'hi' }));
    expect(ga).toEqual({ session: { type: 'realtime', instructions: 'hi' }, notes: [] });
  });
});

describe('dict literal reader', () => {
  it('reads Python and JavaScript literals', () => {
    expect(parseDictLiteral("x = {'a': True, b: [1, 2.5e1, None,], 'c': 'it\\'s', # note\n}")).toEqual({
      a: true,
      b: [1, 25, null],
      c: "it's",
    });
  });

  it('says which expression to replace with a value', () => {
    expect(() => readImport('{"voice": self.voice}')).toThrow(ImportParseError);
    expect(() => readImport('{"voice": self.voice}')).toThrow(
      /`self\.voice` is an expression.*line 1, column 11/,
    );
  });
});
