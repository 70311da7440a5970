// Transport-neutral command dispatch: name check, payload validation, handler call, and an envelope back.
// Both the Electron binding and the WebSocket transport go through here, so they cannot drift apart.
import {
  commands,
  isCommandName,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type Envelope,
  type ValidCommandRequest,
} from '../../../src-preload/contract';
import { CommandError, fieldErrorsFromIssues } from './command-error';

export type CommandHandlers = {
  [K in CommandName]: (request: ValidCommandRequest<K>) => Promise<CommandResponse<K>> | CommandResponse<K>;
};

export interface Dispatcher {
  /** In-process callers (shells, tray) name a contract command and get its typed response. */
  dispatch<K extends CommandName>(name: K, payload: CommandRequest<K>): Promise<Envelope<CommandResponse<K>>>;
  /** Transports pass on whatever arrived: unknown names and payloads are answered with an error envelope. */
  dispatch(name: string, payload: unknown): Promise<Envelope<unknown>>;
}

export function createDispatcher(
  handlers: CommandHandlers,
  log: (message: string, error: unknown) => void = () => {},
): Dispatcher {
  async function dispatch(name: string, payload: unknown): Promise<Envelope<unknown>> {
    if (!isCommandName(name)) {
      return { ok: false, error: { code: 'unknown_command', message: `unknown command: ${name}` } };
    }
    const spec = commands[name];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_request',
          message: `invalid request for ${name}`,
          fieldErrors: fieldErrorsFromIssues(parsed.error.issues),
        },
      };
    }
    try {
      const handler = handlers[name] as (request: unknown) => unknown;
      const value = spec.response.parse(await handler(parsed.data));
      return { ok: true, value };
    } catch (error) {
      if (error instanceof CommandError) {
        return {
          ok: false,
          error: {
            code: error.code,
            message: error.message,
            ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
          },
        };
      }
      log(`command ${name} failed`, error);
      return { ok: false, error: { code: 'internal', message: `${name} failed unexpectedly` } };
    }
  }
  // The typed overload is sound: every value returned went through the command's response schema.
  return { dispatch } as Dispatcher;
}
