// An attached image goes with the next turn, spoken or typed, as a user message with an `input_image` part
// before that turn's response.create; the simulator validates every client event against the GA schema.
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareImage, type PreparedImage } from '../../src-main/core/images/prepare-image';
import { expectClean, rig, waitFor, waitTurns, type Rig } from '../support/realtime/harness';

let r: Rig | undefined;
let image: PreparedImage;
afterEach(async () => {
  await r?.close();
  r = undefined;
});
beforeAll(async () => {
  const raw = Buffer.alloc(64 * 48 * 4, 0x80);
  image = await prepareImage(
    await sharp(raw, { raw: { width: 64, height: 48, channels: 4 } })
      .png()
      .toBuffer(),
  );
});

const types = (r: Rig) => r.sim.received.map((x) => x.event.type);
const contentOf = (event: Record<string, unknown>) =>
  (event.item as { content: { type: string; text?: string; image_url?: string; detail?: string }[] }).content;

describe('an image attached to the next turn', () => {
  it('goes with a typed message as one user message, text then image, before response.create', async () => {
    r = await rig({ defaultReply: { text: 'A grey rectangle.', audioMs: 200 } });
    r.engine.images.attach(image, 'low');
    r.engine.sendText('What is this?'); // before the session is confirmed: it waits, image and all
    await waitTurns(r, 1);
    const created = r.sent('conversation.item.create');
    expect(created).toHaveLength(1);
    const [text, picture] = contentOf(created[0]!);
    expect(text).toEqual({ type: 'input_text', text: 'What is this?' });
    expect(picture).toMatchObject({ type: 'input_image', detail: 'low' });
    expect(picture!.image_url).toBe(`data:${image.mime};base64,${image.data.toString('base64')}`);
    const t = types(r);
    expect(t.indexOf('conversation.item.create')).toBeLessThan(t.indexOf('response.create'));
    expect(r.engine.images.pending()).toEqual([]);
    expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'A grey rectangle.' });
    expectClean(r);
  });

  it('goes with a push-to-talk turn as an image message right before the commit', async () => {
    const imageTokens: number[] = [];
    r = await rig(
      { defaultReply: { text: 'It is grey.', audioMs: 200 } },
      {
        onUsage: (event) => {
          if (event.type === 'response.done')
            imageTokens.push(event.response.usage?.input_token_details?.image_tokens ?? 0);
        },
      },
    );
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready');
    const sent: string[] = [];
    r.engine.images.on('sent', (images, text) => sent.push(`${images.length} ${String(text)}`));
    r.engine.images.attach(image);
    r.engine.talkStart();
    r.audio.mic.speak(400);
    r.engine.talkEnd();
    await waitTurns(r, 1);
    const t = types(r);
    const create = t.indexOf('conversation.item.create');
    expect(create).toBeGreaterThan(t.lastIndexOf('input_audio_buffer.append'));
    expect(t.slice(create, create + 3)).toEqual([
      'conversation.item.create',
      'input_audio_buffer.commit',
      'response.create',
    ]);
    expect(contentOf(r.sent('conversation.item.create')[0]!)).toEqual([
      {
        type: 'input_image',
        image_url: expect.stringMatching(/^data:image\/(png|jpeg);base64,/),
        detail: 'auto',
      },
    ]);
    expect(sent).toEqual(['1 undefined']);
    expect(r.turns[0]).toMatchObject({ outcome: 'completed' });
    // The transcript shows the image as a user item of its own before the spoken turn, as on the server.
    const users = r.engine.getTranscript().filter((item) => item.role === 'user');
    expect(users[0]).toMatchObject({
      text: '',
      final: true,
      images: [{ width: 64, height: 48, detail: 'auto' }],
    });
    // The simulator's meter priced the image as input image tokens of that response.
    expect(imageTokens[0]).toBeGreaterThan(0);
    expectClean(r);
  });

  it('stays attached through a turn dropped as too short, and a removed image never goes', async () => {
    r = await rig({ defaultReply: { text: 'Hello.', audioMs: 200 } });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready');
    const kept = r.engine.images.attach(image);
    r.engine.talkStart();
    r.audio.mic.speak(40);
    r.engine.talkEnd();
    await waitTurns(r, 1);
    expect(r.turns[0]!.outcome).toBe('too-short');
    expect(r.engine.images.pending().map((i) => i.id)).toEqual([kept.id]);
    expect(r.engine.images.remove(kept.id)).toBe(true);
    r.engine.sendText('Hello');
    await waitTurns(r, 2);
    expect(contentOf(r.sent('conversation.item.create')[0]!)).toEqual([
      { type: 'input_text', text: 'Hello' },
    ]);
    expectClean(r);
  });
});
