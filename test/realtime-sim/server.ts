// A Realtime protocol simulator: a real WebSocket server speaking the GA interface on 127.0.0.1.
// Every client event is validated against the official schema; violations are recorded (tests fail on
// them). Replies are scripted (audio + transcripts, text, tool calls); fault modes cover dropped
// connections, garbage frames, HTTP 401, error events, a server that ignores a session.update, a slow or
// failing client_secrets, an oversized frame, and raw frames injected into responses (the frame fuzzer).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isStrictBase64 } from './audio';
import { bytesPerMs, formatMs, levelOf, toneIn } from './formats';
import { SimRemoteMcp, type SimMcpCall } from './remote-mcp';
import { compileClientValidators, validateClientEvent, validateServerEvent, validateSession } from './schema';
import {
  defaultSession,
  inputFormatOf,
  mergeSession,
  outputFormatOf,
  outputModalityOf,
  transcriptionOf,
  turnDetectionOf,
  voiceOf,
} from './session-state';
import { SimUsage, transcriptionUsage } from './usage';

type Json = Record<string, unknown>;

export interface SimReply {
  /** The assistant's transcript (audio sessions) or text (text sessions). */
  text?: string;
  /** Assistant audio length; default 600 ms. */
  audioMs?: number;
  /** The assistant's voice itself (PCM16 24 kHz, e.g. espeak-ng speech) instead of a tone (PCM sessions). */
  audio?: Buffer;
  /** Answer with a function call instead of a message. */
  toolCall?: { name: string; arguments: string };
  /**
   * A call to a remote MCP server the session declares (`type: "mcp"`): approval asked where its
   * `require_approval` wants it (remote-mcp.ts), then the call, then the next reply's message.
   */
  mcpCall?: SimMcpCall;
  /**
   * The response fails as the real server's do: response.done with `status: "failed"`, the error in
   * `status_details`, no output, zero usage (a rate limit: `{type: "tokens", code: "rate_limit_exceeded",
   * message: "… Please try again in 2.5s. …"}`).
   */
  fail?: { type: string; code?: string; message: string };
  /** An unsolicited `server_error` event arrives in the middle of this response, which goes on. */
  serverErrorMidway?: boolean;
}

export interface SimOptions {
  port?: number;
  /** The accepted API key; any non-empty key when unset. */
  apiKey?: string;
  /** Consumed in order, one per response; then `defaultReply`. */
  replies?: SimReply[];
  defaultReply?: SimReply;
  /** What the "transcription model" hears, one per committed user turn. */
  userTranscripts?: string[];
  /** Assistant audio per delta (ms) and the pause between deltas (0 = as fast as the socket allows). */
  audioChunkMs?: number;
  deltaIntervalMs?: number;
  /** Answer this many session.update events with session.updated carrying the unchanged config. */
  ignoreSessionUpdates?: number;
  /**
   * Every upgrade is refused with HTTP 401 (a proxy). The real server upgrades first, then refuses a bad key
   * with an error event and close 3000, and an unknown model with close 4000: that is what a key other than
   * `apiKey`, or a model outside `models`, gets.
   */
  reject401?: boolean;
  /** The models the server knows (default: the GA realtime models). */
  models?: string[];
  /** Send a non-JSON frame, an unknown event and an audio delta with bad base64 in every response. */
  garbage?: boolean;
  /**
   * The server ends sessions after this long (the real limit: 60 min), with a bare close 1001 "Your session
   * hit the maximum duration of 60 minutes." as the real server does, or (`sessionExpiry: 'error'`) with the
   * documented `session_expired` error event.
   */
  sessionMaxMs?: number;
  sessionExpiry?: 'close' | 'error';
  /** POST /v1/realtime/client_secrets answers with this HTTP status instead (an unsupported endpoint). */
  clientSecretsStatus?: number;
  /** POST /v1/realtime/client_secrets answers after this long (ms). */
  clientSecretsDelayMs?: number;
  /**
   * The first response (audio) sends one text frame of this many bytes before its audio: a transcript delta
   * whose text fills it (a broken or hostile server). Allocated when the simulator starts, so a test can
   * measure what the client spends on it.
   */
  hugeFrameBytes?: number;
  /**
   * Called before every event a response sends, up to its response.done, with the response's ids and
   * session; the raw text frames it returns go out first, unchecked (the frame fuzzer's way into a live
   * response).
   */
  interleave?: (live: LiveResponse) => string[];
  /** Delay before session.updated (ms). */
  updateDelayMs?: number;
}

export interface LiveResponse {
  /** The session as this connection holds it (read only). */
  session: Json;
  responseId: string;
  /** The response's output item, once added. */
  itemId?: string;
  callId?: string;
}

/** An HTTP request or WebSocket upgrade that reached the simulator. */
export interface RequestRecord {
  kind: 'http' | 'upgrade';
  method: string;
  path: string;
  authorization?: string;
}

export interface ClientRecord {
  connection: number;
  at: number;
  event: Json;
}

export interface RealtimeSim {
  /** `http://127.0.0.1:PORT/v1`, the OpenAI base URL convention. */
  baseUrl: string;
  port: number;
  options: SimOptions;
  /** Schema and protocol violations by the client. Tests assert this stays empty. */
  violations: string[];
  /** Replies the simulator built that fail the server-event schemas (simulator bugs). */
  simErrors: string[];
  received: ClientRecord[];
  /** Every HTTP request and upgrade, with its Authorization header (where did a key go?). */
  requests: RequestRecord[];
  /** Number of WebSocket connections accepted so far. */
  connectionCount(): number;
  /** A response is being sent on some connection (it ends with response.done, or when cancelled or cut). */
  responding(): boolean;
  /** Client secrets handed out through POST /v1/realtime/client_secrets. */
  clientSecrets: { value: string; session: Json }[];
  onClientEvent(listener: (record: ClientRecord) => void): () => void;
  /** Send an event to every open connection (fault injection: error events). */
  broadcast(event: Json): void;
  /** Terminate every open connection without a close frame (a lost network). */
  dropAll(): void;
  close(): Promise<void>;
}

/** The GA realtime models (DESIGN.md, "What the real server does"). */
export const knownModels = [
  'gpt-realtime',
  'gpt-realtime-1.5',
  'gpt-realtime-2',
  'gpt-realtime-2.1',
  'gpt-realtime-2.1-mini',
  'gpt-realtime-mini',
];

const AUTH_401 = {
  error: {
    message: 'Incorrect API key provided.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    param: null,
  },
};

export async function startRealtimeSim(options: SimOptions = {}): Promise<RealtimeSim> {
  compileClientValidators();
  let eventCounter = 0;
  let idCounter = 0;
  let connections = 0;
  let responding = 0;
  const nextId = (prefix: string) => `${prefix}_${(++idCounter).toString().padStart(4, '0')}`;
  const listeners = new Set<(record: ClientRecord) => void>();
  const sockets = new Set<WebSocket>();
  const replies = [...(options.replies ?? [])];
  const userTranscripts = [...(options.userTranscripts ?? [])];

  const sim: RealtimeSim = {
    baseUrl: '',
    port: 0,
    options,
    violations: [],
    simErrors: [],
    received: [],
    requests: [],
    clientSecrets: [],
    connectionCount: () => connections,
    responding: () => responding > 0,
    onClientEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    broadcast(event) {
      for (const ws of sockets) ws.send(JSON.stringify({ event_id: `event_${++eventCounter}`, ...event }));
    },
    dropAll() {
      for (const ws of sockets) ws.terminate();
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };

  const keyOk = (auth: string | undefined): string | null => {
    const key = /^Bearer (.+)$/.exec(auth ?? '')?.[1];
    if (!key) return null;
    if (sim.clientSecrets.some((s) => s.value === key)) return key;
    if (options.apiKey !== undefined && key !== options.apiKey) return null;
    return key;
  };

  const record = (kind: RequestRecord['kind'], req: IncomingMessage, path: string) =>
    sim.requests.push({ kind, method: req.method ?? '', path, authorization: req.headers.authorization });

  // The oversized frame, filled now; its JSON head and tail are written when it is sent.
  const hugeFrame = options.hugeFrameBytes ? Buffer.alloc(options.hugeFrameBytes, 'a') : undefined;
  let hugeFrameSent = false;
  const sendHugeFrame = (ws: WebSocket, part: Json) => {
    if (!hugeFrame || hugeFrameSent) return;
    hugeFrameSent = true;
    const head = JSON.stringify({
      type: 'response.output_audio_transcript.delta',
      event_id: 'event_huge',
      ...part,
    });
    hugeFrame.write(`${head.slice(0, -1)},"delta":"`, 0);
    hugeFrame.write('"}', hugeFrame.length - 2);
    ws.send(hugeFrame, { binary: false });
  };

  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    record('http', req, url.pathname);
    if (req.method === 'GET' && url.pathname === '/v1/models') {
      // What the app's key test asks (testApiKey): the real server lists models for a good key, 401 otherwise.
      if (options.reject401 || !keyOk(req.headers.authorization))
        return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(AUTH_401));
      const data = (options.models ?? knownModels).map((id) => ({ id, object: 'model', owned_by: 'system' }));
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ object: 'list', data }));
    }
    if (req.method === 'POST' && url.pathname === '/v1/realtime/client_secrets') {
      if (options.clientSecretsDelayMs)
        setTimeout(() => clientSecrets(req, res), options.clientSecretsDelayMs);
      else clientSecrets(req, res);
      return;
    }
    res.writeHead(404).end();
  });

  function clientSecrets(req: IncomingMessage, res: ServerResponse): void {
    if (options.clientSecretsStatus) {
      res.writeHead(options.clientSecretsStatus).end('{"error":{"message":"client secrets unavailable"}}');
      return;
    }
    if (options.reject401 || !keyOk(req.headers.authorization)) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(AUTH_401));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      let parsed: Json;
      try {
        parsed = JSON.parse(body) as Json;
      } catch {
        res.writeHead(400).end('{"error":{"message":"invalid JSON"}}');
        return;
      }
      const problems = validateSession(parsed.session);
      for (const key of Object.keys(parsed))
        if (key !== 'session' && key !== 'expires_after') problems.push(`client_secrets: unknown key ${key}`);
      if (problems.length) {
        sim.violations.push(...problems);
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: problems.join('; '), type: 'invalid_request_error' } }));
        return;
      }
      const requested = parsed.session as Json;
      const session = mergeSession(defaultSession(String(requested.model ?? 'gpt-realtime')), requested);
      const value = `ek_${Math.random().toString(36).slice(2)}`;
      sim.clientSecrets.push({ value, session });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ value, expires_at: Math.floor(Date.now() / 1000) + 600, session }));
    });
  }

  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    record('upgrade', req, url.pathname);
    const refuse = (status: number, body: Json) => {
      const text = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\ncontent-type: application/json\r\n` +
          `content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
      );
    };
    if (url.pathname !== '/v1/realtime')
      return refuse(400, { error: { message: `no route ${url.pathname}` } });
    if (options.reject401) return refuse(401, AUTH_401);
    const key = keyOk(req.headers.authorization);
    const model = url.searchParams.get('model');
    if (!model) sim.violations.push('connect: no ?model= in the URL');
    wss.handleUpgrade(req, socket, head, (ws) => {
      // The real server checks the key and the model after the 101: one error event, then a close.
      const given = /^Bearer (.+)$/.test(req.headers.authorization ?? '');
      if (!key) return refuseAfterUpgrade(ws, 3000, given ? 'invalid_api_key' : null);
      if (!model) return refuseAfterUpgrade(ws, 4000, 'missing_model');
      if (!(options.models ?? knownModels).includes(model))
        return refuseAfterUpgrade(ws, 4000, 'invalid_model');
      const secret = sim.clientSecrets.find((s) => s.value === key);
      runSession(ws, req, model, secret ? structuredClone(secret.session) : undefined);
    });
  });

  function refuseAfterUpgrade(ws: WebSocket, closeCode: 3000 | 4000, code: string | null): void {
    const message =
      code === 'invalid_api_key'
        ? 'Incorrect API key provided.'
        : code === null
          ? 'Missing bearer or basic authentication in header'
          : code === 'missing_model'
            ? 'Missing required parameter: model.'
            : 'The model does not exist or you do not have access to it.';
    const event = {
      type: 'error',
      event_id: `event_${++eventCounter}`,
      error: { type: 'invalid_request_error', code, message, param: null, event_id: null },
    };
    const problems = validateServerEvent(event);
    if (problems.length) sim.simErrors.push(...problems);
    ws.send(JSON.stringify(event));
    ws.close(closeCode, `invalid_request_error${code ? `.${code}` : ''}`);
  }

  function runSession(ws: WebSocket, req: IncomingMessage, model: string, preset: Json | undefined): void {
    const connection = ++connections;
    sockets.add(ws);
    let session = preset ?? defaultSession(model);
    let hasSpoken = false;
    let inputBuffer: Buffer[] = [];
    let lastItemId: string | null = null;
    const items = new Map<string, { role: string; audioMsSent: number }>();
    /** Function calls this session issued: a function_call_output must answer one of them. */
    const calls = new Set<string>();
    let active: { id: string; cancelled: boolean } | null = null;
    let ignoreLeft = options.ignoreSessionUpdates ?? 0;
    // VAD state for server_vad / semantic_vad sessions.
    let speaking = false;
    let silenceMs = 0;
    /** Audio received without speech while no response runs (turn_detection.idle_timeout_ms counts it). */
    let idleMs = 0;
    let audioInMs = 0;
    /** The response being sent, while `options.interleave` may inject frames into it. */
    let live: LiveResponse | undefined;
    /** The conversation in tokens: each response.done reports its usage (realistic, cached from the 2nd on). */
    const meter = new SimUsage();

    const send = (event: Json) => {
      if (live && options.interleave)
        for (const raw of options.interleave(live)) if (ws.readyState === ws.OPEN) ws.send(raw);
      const full = { event_id: `event_${++eventCounter}`, ...event };
      const problems = validateServerEvent(full);
      if (problems.length) sim.simErrors.push(...problems);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(full));
    };
    const error = (code: string, message: string, param: string | null = null, eventId?: unknown) =>
      send({
        type: 'error',
        error: {
          type: 'invalid_request_error',
          code,
          message,
          param,
          event_id: typeof eventId === 'string' ? eventId : null,
        },
      });
    const violation = (text: string) => sim.violations.push(`connection ${connection}: ${text}`);

    if (req.headers['openai-beta']) {
      violation('beta header sent');
      ws.close(4000, 'beta_api_shape_disabled');
      return;
    }

    const expiry = options.sessionMaxMs
      ? setTimeout(() => {
          if (options.sessionExpiry !== 'error')
            return ws.close(1001, 'Your session hit the maximum duration of 60 minutes.');
          error('session_expired', 'Your session hit the maximum duration of 60 minutes.');
          ws.close(1000, 'session expired');
        }, options.sessionMaxMs)
      : undefined;
    ws.on('close', () => {
      sockets.delete(ws);
      clearTimeout(expiry);
      if (active) active.cancelled = true;
    });

    send({ type: 'session.created', session });

    const addItem = (item: Json) => {
      const previous = lastItemId;
      lastItemId = item.id as string;
      items.set(item.id as string, { role: String(item.role ?? item.type), audioMsSent: 0 });
      send({ type: 'conversation.item.added', previous_item_id: previous, item });
      send({ type: 'conversation.item.done', previous_item_id: previous, item });
    };

    const remote = new SimRemoteMcp({
      send,
      nextId,
      addItem,
      violation,
      simError: (text) => sim.simErrors.push(text),
    });

    const commit = (eventId?: unknown): boolean => {
      const audio = Buffer.concat(inputBuffer);
      // Sized in the session's input format: 300 ms of μ-law is 2400 bytes, not 50 ms of PCM16.
      const audioMs = formatMs(inputFormatOf(session), audio.length);
      if (audioMs < 100) {
        error(
          'input_audio_buffer_commit_empty',
          `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${audioMs.toFixed(2)}ms of audio.`,
          null,
          eventId,
        );
        return false;
      }
      inputBuffer = [];
      const itemId = nextId('item');
      send({ type: 'input_audio_buffer.committed', previous_item_id: lastItemId, item_id: itemId });
      addItem({
        id: itemId,
        object: 'realtime.item',
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio' }],
      });
      meter.userAudio(itemId, audioMs);
      if (transcriptionOf(session)) {
        const transcript = userTranscripts.shift() ?? `(user audio, ${Math.round(audioMs)} ms)`;
        send({
          type: 'conversation.item.input_audio_transcription.delta',
          item_id: itemId,
          content_index: 0,
          delta: transcript,
        });
        send({
          type: 'conversation.item.input_audio_transcription.completed',
          item_id: itemId,
          content_index: 0,
          transcript,
          usage: transcriptionUsage(transcriptionOf(session)?.model, audioMs, transcript),
        });
      }
      return true;
    };

    const pause = () =>
      new Promise<void>((resolve) =>
        options.deltaIntervalMs ? setTimeout(resolve, options.deltaIntervalMs) : setImmediate(resolve),
      );

    async function respond(): Promise<void> {
      const responseId = nextId('resp');
      const me = { id: responseId, cancelled: false };
      active = me;
      live = { session, responseId };
      const nextReply = (): SimReply =>
        replies.shift() ?? options.defaultReply ?? { text: 'Hello from the simulator.', audioMs: 600 };
      let reply = nextReply();
      const modality = outputModalityOf(session);
      const response = (status: string, output: Json[]) => ({
        id: responseId,
        object: 'realtime.response',
        status,
        output,
        conversation_id: 'conv_sim',
        output_modalities: [modality],
      });
      send({ type: 'response.created', response: response('in_progress', []) });

      if (options.garbage) {
        if (ws.readyState === ws.OPEN) ws.send('this is not JSON {');
        // Deliberately invalid: sent raw, outside the self-check.
        ws.send(
          JSON.stringify({ type: 'response.future_event_kind', event_id: 'event_garbage', something: 1 }),
        );
      }

      // Remote MCP: an answered approval's call, or a scripted call (asked about first, where required).
      const lead = remote.respond(reply.mcpCall, session, responseId);
      if (lead.asked) {
        if (active === me) active = null;
        const asked = lead.output[0]!;
        const usage = meter.respond(session, String(asked.id), { audioMs: 0, text: String(asked.arguments) });
        send({ type: 'response.done', response: { ...response('completed', lead.output), usage } });
        live = undefined;
        return;
      }
      if (lead.usedReply) reply = nextReply();
      const base = { response_id: responseId, output_index: lead.output.length };

      if (reply.fail) {
        await pause();
        if (active === me) active = null;
        const status_details = { type: 'failed', error: reply.fail };
        const usage = { total_tokens: 0, input_tokens: 0, output_tokens: 0 };
        send({ type: 'response.done', response: { ...response('failed', []), status_details, usage } });
        live = undefined;
        return;
      }

      if (reply.toolCall) {
        const itemId = nextId('item');
        const callId = nextId('call');
        calls.add(callId);
        live = { session, responseId, itemId, callId };
        const item = (status: string, args: string) => ({
          id: itemId,
          object: 'realtime.item',
          type: 'function_call',
          status,
          call_id: callId,
          name: reply.toolCall!.name,
          arguments: args,
        });
        send({ type: 'response.output_item.added', ...base, item: item('in_progress', '') });
        addItem(item('in_progress', ''));
        send({
          type: 'response.function_call_arguments.delta',
          ...base,
          item_id: itemId,
          call_id: callId,
          delta: reply.toolCall.arguments,
        });
        send({
          type: 'response.function_call_arguments.done',
          ...base,
          item_id: itemId,
          call_id: callId,
          name: reply.toolCall.name,
          arguments: reply.toolCall.arguments,
        });
        const done = item('completed', reply.toolCall.arguments);
        send({ type: 'response.output_item.done', ...base, item: done });
        active = null;
        const used = { audioMs: 0, text: `${reply.toolCall.name}(${reply.toolCall.arguments})` };
        const usage = meter.respond(session, itemId, used);
        send({
          type: 'response.done',
          response: { ...response('completed', [...lead.output, done]), usage },
        });
        live = undefined;
        return;
      }

      const text = reply.text ?? 'Hello from the simulator.';
      const itemId = nextId('item');
      live = { session, responseId, itemId };
      const item = (status: string, content: Json[]) => ({
        id: itemId,
        object: 'realtime.item',
        type: 'message',
        role: 'assistant',
        status,
        content,
      });
      send({ type: 'response.output_item.added', ...base, item: item('in_progress', []) });
      addItem(item('in_progress', []));
      const part = { ...base, item_id: itemId, content_index: 0 };
      const words = text.split(/(?<=\s)/);
      if (modality === 'text') {
        send({ type: 'response.content_part.added', ...part, part: { type: 'text', text: '' } });
        for (const word of words) {
          await pause();
          if (me.cancelled) break;
          send({ type: 'response.output_text.delta', ...part, delta: word });
        }
        if (!me.cancelled) send({ type: 'response.output_text.done', ...part, text });
      } else {
        send({ type: 'response.content_part.added', ...part, part: { type: 'audio', transcript: '' } });
        // The reply in the session's output format (G.711 sessions get G.711 bytes, 8 per ms).
        const format = outputFormatOf(session);
        const audio =
          reply.audio && format === 'audio/pcm' ? reply.audio : toneIn(format, reply.audioMs ?? 600);
        const chunkBytes = Math.round((options.audioChunkMs ?? 100) * bytesPerMs(format));
        const chunks = Math.max(1, Math.ceil(audio.length / chunkBytes));
        let wordIndex = 0;
        if (ws.readyState === ws.OPEN) sendHugeFrame(ws, part);
        if (options.garbage && ws.readyState === ws.OPEN)
          ws.send(
            JSON.stringify({
              type: 'response.output_audio.delta',
              event_id: 'event_bad',
              ...part,
              delta: '%%%not base64%%%',
            }),
          );
        for (let i = 0; i < chunks; i++) {
          await pause();
          if (me.cancelled) break;
          if (reply.serverErrorMidway && i === Math.floor(chunks / 2))
            send({
              type: 'error',
              error: {
                type: 'server_error',
                code: null,
                message: 'The server had an error while processing your request. Sorry about that!',
                param: null,
                event_id: null,
              },
            });
          const chunk = audio.subarray(i * chunkBytes, (i + 1) * chunkBytes);
          send({ type: 'response.output_audio.delta', ...part, delta: chunk.toString('base64') });
          items.get(itemId)!.audioMsSent += formatMs(format, chunk.length);
          hasSpoken = true;
          // Transcript words spread over the audio, as the real server interleaves them.
          const upTo = Math.ceil(((i + 1) / chunks) * words.length);
          for (; wordIndex < upTo; wordIndex++)
            send({ type: 'response.output_audio_transcript.delta', ...part, delta: words[wordIndex] });
        }
        if (!me.cancelled) {
          send({ type: 'response.output_audio.done', ...part });
          send({ type: 'response.output_audio_transcript.done', ...part, transcript: text });
          send({ type: 'response.content_part.done', ...part, part: { type: 'audio', transcript: text } });
        }
      }
      if (ws.readyState !== ws.OPEN) return;
      const status = me.cancelled ? 'cancelled' : 'completed';
      const content = [{ type: modality === 'text' ? 'output_text' : 'output_audio', transcript: text }];
      const done = item(me.cancelled ? 'incomplete' : 'completed', content);
      send({ type: 'response.output_item.done', ...base, item: done });
      if (active === me) active = null;
      const used = { audioMs: items.get(itemId)!.audioMsSent, text: me.cancelled ? '' : text };
      const usage = meter.respond(session, itemId, used);
      send({ type: 'response.done', response: { ...response(status, [...lead.output, done]), usage } });
      live = undefined;
      send({
        type: 'rate_limits.updated',
        rate_limits: [{ name: 'tokens', limit: 40000, remaining: 39000, reset_seconds: 1.5 }],
      });
    }

    const startResponse = (eventId?: unknown) => {
      if (active) {
        violation('response.create while a response is active');
        error(
          'conversation_already_has_active_response',
          `Conversation already has an active response in progress: ${active.id}.`,
          null,
          eventId,
        );
        return;
      }
      responding++;
      activeDone = respond().finally(() => responding--);
    };
    let activeDone: Promise<void> = Promise.resolve();
    /**
     * A response the server's VAD starts after a turn: when the user's voice cancelled the one under way
     * (interrupt_response), it starts once that one has ended; one still running (interrupt_response off)
     * is left to finish and the turn waits for the client.
     */
    const startVadResponse = () => {
      if (!active) return startResponse();
      if (active.cancelled) void activeDone.then(() => !active && startResponse());
    };

    const vad = (chunk: Buffer) => {
      const td = turnDetectionOf(session);
      if (!td) return;
      const silenceLimit = typeof td.silence_duration_ms === 'number' ? td.silence_duration_ms : 500;
      const format = inputFormatOf(session);
      const frameBytes = 20 * bytesPerMs(format); // 20 ms frames
      for (let off = 0; off < chunk.length; off += frameBytes) {
        const frame = chunk.subarray(off, off + frameBytes);
        const loud = levelOf(format, frame) > 0.01;
        audioInMs += formatMs(format, frame.length);
        if (loud || speaking || active) idleMs = 0;
        else idleMs += formatMs(format, frame.length);
        const idleLimit = typeof td.idle_timeout_ms === 'number' ? td.idle_timeout_ms : undefined;
        if (idleLimit !== undefined && idleMs >= idleLimit) {
          // Nobody spoke for idle_timeout_ms: the silent audio is committed and answered (as the docs say).
          idleMs = 0;
          const end = Math.round(audioInMs);
          send({
            type: 'input_audio_buffer.timeout_triggered',
            audio_start_ms: end - idleLimit,
            audio_end_ms: end,
            item_id: nextId('item'),
          });
          if (commit()) startVadResponse();
          continue;
        }
        if (loud && !speaking) {
          speaking = true;
          silenceMs = 0;
          send({ type: 'input_audio_buffer.speech_started', audio_start_ms: 0, item_id: nextId('item') });
          if (active && td.interrupt_response !== false) active.cancelled = true;
        } else if (speaking && !loud) {
          silenceMs += formatMs(format, frame.length);
          if (silenceMs >= silenceLimit) {
            speaking = false;
            send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: 0, item_id: nextId('item') });
            if (commit() && td.create_response !== false) startVadResponse();
          }
        } else if (loud) silenceMs = 0;
      }
    };

    ws.on('message', (data, isBinary) => {
      let event: Json;
      try {
        if (isBinary) throw new Error('binary');
        event = JSON.parse(data.toString()) as Json;
      } catch {
        violation('a frame that is not a JSON text frame');
        return;
      }
      const record = { connection, at: performance.now(), event };
      sim.received.push(record);
      for (const listener of listeners) listener(record);
      const problems = validateClientEvent(event);
      if (problems.length) {
        problems.forEach(violation);
        error('invalid_value', problems.join('; '), null, event.event_id);
        return;
      }
      switch (event.type) {
        case 'session.update': {
          const patch = event.session as Json;
          if (patch.model !== undefined && patch.model !== session.model) {
            error('invalid_value', 'Cannot update a session model.', 'session.model', event.event_id);
            return;
          }
          const newVoice = voiceOf(mergeSession(session, patch));
          if (hasSpoken && newVoice !== voiceOf(session)) {
            error(
              'cannot_update_voice',
              'Cannot update a conversation voice if assistant audio is present.',
              'session.audio.output.voice',
              event.event_id,
            );
            return;
          }
          if (ignoreLeft > 0) ignoreLeft--;
          else session = SimRemoteMcp.withoutSecrets(mergeSession(session, patch));
          const reply = () => {
            send({ type: 'session.updated', session });
            remote.sessionChanged(session);
          };
          if (options.updateDelayMs) setTimeout(reply, options.updateDelayMs);
          else reply();
          return;
        }
        case 'input_audio_buffer.append': {
          const audio = String(event.audio);
          if (!isStrictBase64(audio)) {
            violation('input_audio_buffer.append with invalid base64');
            error('invalid_value', 'Invalid base64 audio.', 'audio', event.event_id);
            return;
          }
          const chunk = Buffer.from(audio, 'base64');
          inputBuffer.push(chunk);
          vad(chunk);
          return;
        }
        case 'input_audio_buffer.commit':
          // The real server only answers with an error; a client that checks its turn length never sends it.
          if (!commit(event.event_id)) violation('input_audio_buffer.commit with under 100 ms of audio');
          return;
        case 'input_audio_buffer.clear':
          inputBuffer = [];
          send({ type: 'input_audio_buffer.cleared' });
          return;
        case 'response.create':
          startResponse(event.event_id);
          return;
        case 'response.cancel':
          if (!active) {
            error(
              'response_cancel_not_active',
              'Cancellation failed: no active response found.',
              null,
              event.event_id,
            );
            return;
          }
          active.cancelled = true;
          return;
        case 'conversation.item.truncate': {
          const item = items.get(String(event.item_id));
          const end = Number(event.audio_end_ms);
          if (!item || item.role !== 'assistant') {
            violation(`truncate of unknown or non-assistant item ${String(event.item_id)}`);
            error('item_truncate_invalid_item_id', 'Only assistant messages can be truncated.', 'item_id');
            return;
          }
          if (end > Math.round(item.audioMsSent)) {
            violation(`truncate audio_end_ms ${end} > audio sent ${item.audioMsSent.toFixed(1)} ms`);
            error(
              'invalid_value',
              'Audio content is shorter than audio_end_ms.',
              'audio_end_ms',
              event.event_id,
            );
            return;
          }
          meter.truncate(String(event.item_id), end);
          send({
            type: 'conversation.item.truncated',
            item_id: event.item_id,
            content_index: 0,
            audio_end_ms: end,
          });
          return;
        }
        case 'conversation.item.create': {
          const given = event.item as Json;
          if (given.type === 'function_call_output' && !calls.has(String(given.call_id))) {
            violation(
              `function_call_output for call_id ${String(given.call_id)}, which this session never issued`,
            );
            error('invalid_value', 'No function call with this call_id.', 'item.call_id', event.event_id);
            return;
          }
          const item = {
            ...(event.item as Json),
            id: nextId('item'),
            object: 'realtime.item',
            status: 'completed',
          };
          if (given.type === 'mcp_approval_response') remote.answer(given);
          addItem(item);
          meter.clientItem(item.id, item);
          return;
        }
        default:
          // Valid but unused here (retrieve, delete, output_audio_buffer.clear — WebRTC only).
          if (event.type === 'output_audio_buffer.clear')
            violation('output_audio_buffer.clear is WebRTC-only');
      }
    });
  }

  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = http.address();
  sim.port = typeof address === 'object' && address ? address.port : 0;
  sim.baseUrl = `http://127.0.0.1:${sim.port}/v1`;
  return sim;
}
