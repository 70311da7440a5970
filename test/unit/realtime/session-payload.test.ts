// Pure pieces of the realtime engine: payloads, diffs, confirmation matching, URLs, backoff, heard text.
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src-main/core/realtime/backoff';
import { describeHttpFailure } from '../../../src-main/core/realtime/errors';
import { decodeBase64Audio, parseServerFrame } from '../../../src-main/core/realtime/protocol';
import { diffSession, missingFields, sessionPayload } from '../../../src-main/core/realtime/session-payload';
import { heardPart } from '../../../src-main/core/realtime/transcript';
import { clientSecretsUrl, realtimeSocketUrl } from '../../../src-main/core/realtime/urls';

describe('realtime pure parts', () => {
  it('derives the socket URL from an OPENAI_BASE_URL-style base', () => {
    expect(realtimeSocketUrl('https://api.openai.com/v1', 'gpt-realtime')).toBe(
      'wss://api.openai.com/v1/realtime?model=gpt-realtime',
    );
    expect(realtimeSocketUrl('http://127.0.0.1:8089/v1/', 'm')).toBe(
      'ws://127.0.0.1:8089/v1/realtime?model=m',
    );
    expect(clientSecretsUrl('https://api.openai.com/v1')).toBe(
      'https://api.openai.com/v1/realtime/client_secrets',
    );
  });

  it('sends explicit nulls for switched-off features (push-to-talk by default)', () => {
    expect(sessionPayload({ type: 'realtime' }).audio?.input).toEqual({
      transcription: null,
      turn_detection: null,
      noise_reduction: null,
    });
  });

  it('diffs only what changed, null for cleared fields', () => {
    expect(
      diffSession(
        { type: 'realtime', instructions: 'a', audio: { input: { turn_detection: { type: 'server_vad' } } } },
        { type: 'realtime', instructions: 'a', audio: { input: {} } },
      ),
    ).toEqual({ type: 'realtime', audio: { input: { turn_detection: null } } });
    expect(diffSession({ type: 'realtime', tools: [] }, { type: 'realtime', tools: [] })).toBeUndefined();
  });

  it('confirms when the effective session holds every requested field (server defaults added are fine)', () => {
    const requested = {
      audio: { input: { format: { type: 'audio/pcm' }, turn_detection: null } },
      instructions: 'x',
    };
    const effective = {
      audio: { input: { format: { type: 'audio/pcm', rate: 24000 }, turn_detection: null } },
      instructions: 'x',
      voice: 'alloy',
    };
    expect(missingFields(requested, effective)).toEqual([]);
    expect(missingFields(requested, { ...effective, instructions: 'default' })).toEqual(['instructions']);
  });

  it('never throws on bad frames or base64', () => {
    expect(parseServerFrame('not json').kind).toBe('not-json');
    expect(parseServerFrame('{"type":"response.brand_new"}').kind).toBe('unknown');
    expect(decodeBase64Audio('%%%')).toBeNull();
    expect(decodeBase64Audio('AAAA')).toEqual(Buffer.alloc(3));
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy = { baseMs: 100, maxMs: 1000, maxAttempts: 5 };
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 3, () => 1)).toBe(400);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1000);
  });

  it('cuts an interrupted transcript where it was heard, at a word', () => {
    expect(heardPart('one two three four', 500, 1000)).toBe('one two');
    expect(heardPart('one two', 2000, 1000)).toBe('one two');
  });

  it('names HTTP refusals clearly', () => {
    expect(describeHttpFailure(401, '{"error":{"message":"Incorrect API key provided."}}').message).toBe(
      'authentication failed (401): Incorrect API key provided.',
    );
  });
});
