// `npm run sim -- [--port 8089] [--reply TEXT]… [--audio-ms 1500] [--interval-ms 20] [--transcript TEXT]…
//   [--api-key KEY] [--garbage] [--reject-401] [--ignore-updates N] [--session-max-ms MS]`
// Starts the Realtime simulator and prints its base URL, e.g. for
// `OPENAI_BASE_URL=http://127.0.0.1:8089/v1 npm run headless -- …`. Violations are printed as they happen.
import { parseArgs } from 'node:util';
import { startRealtimeSim } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8089' },
    reply: { type: 'string', multiple: true },
    transcript: { type: 'string', multiple: true },
    'audio-ms': { type: 'string', default: '1500' },
    'interval-ms': { type: 'string', default: '20' },
    'api-key': { type: 'string' },
    garbage: { type: 'boolean', default: false },
    'reject-401': { type: 'boolean', default: false },
    'ignore-updates': { type: 'string', default: '0' },
    'session-max-ms': { type: 'string' },
  },
});

const audioMs = Number(values['audio-ms']);
const sim = await startRealtimeSim({
  port: Number(values.port),
  apiKey: values['api-key'],
  replies: (values.reply ?? []).map((text) => ({ text, audioMs })),
  defaultReply: { text: 'Hello from the simulator.', audioMs },
  userTranscripts: values.transcript ?? [],
  deltaIntervalMs: Number(values['interval-ms']),
  garbage: values.garbage,
  reject401: values['reject-401'],
  ignoreSessionUpdates: Number(values['ignore-updates']),
  sessionMaxMs: values['session-max-ms'] ? Number(values['session-max-ms']) : undefined,
});
let reported = 0;
sim.onClientEvent((record) => {
  console.log(`#${record.connection} ← ${String(record.event.type)}`);
  for (; reported < sim.violations.length; reported++) console.log(`VIOLATION ${sim.violations[reported]}`);
});
console.log(`Realtime simulator listening: OPENAI_BASE_URL=${sim.baseUrl}`);
const stop = () => void sim.close().then(() => process.exit(sim.violations.length ? 1 : 0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
