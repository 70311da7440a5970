// Child process for the crash test: records a conversation through the real history service and keeps an
// assistant reply streaming until the parent SIGKILLs it. Prints the number of deltas emitted so far.
import { createHistoryService } from '../../src-main/core/history/history-service';
import { createEventBus } from '../../src-main/core/ipc/event-bus';

const directory = process.argv[2];
if (!directory) throw new Error('usage: history-writer-child <directory>');
const events = createEventBus();
createHistoryService({ directory, events, profileName: () => 'Crash test' });
const at = new Date().toISOString();
events.emit('transcript', {
  id: 'u1',
  conversationId: 'c-crash',
  role: 'user',
  text: 'Tell me a long story.',
  final: true,
  at,
});

let text = '';
let n = 0;
setInterval(() => {
  text += `w${n} `;
  events.emit('transcript', {
    id: 'a1',
    conversationId: 'c-crash',
    role: 'assistant',
    text,
    final: false,
    at,
  });
  n++;
  process.stdout.write(`${n}\n`);
}, 2);
