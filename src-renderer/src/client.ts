// Typed client for the renderer, derived from the contract: `client.getSettings()` resolves with the
// value or throws a ContractCallError carrying the code and field errors.
import {
  commandNames,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type ContractError,
  type EventHandler,
  type EventName,
  type Unsubscribe,
} from '../../src-preload/contract';
import type { ContractTransport } from './transport';

export class ContractCallError extends Error {
  readonly code: ContractError['code'];
  readonly fieldErrors: Record<string, string[]>;
  constructor(error: ContractError) {
    super(error.message);
    this.name = 'ContractCallError';
    this.code = error.code;
    this.fieldErrors = error.fieldErrors ?? {};
  }
}

export type Client = {
  [K in CommandName]: (request: CommandRequest<K>) => Promise<CommandResponse<K>>;
} & {
  on<K extends EventName>(event: K, handler: EventHandler<K>): Unsubscribe;
};

export function createClient(transport: ContractTransport): Client {
  const client: Record<string, unknown> = {};
  for (const name of commandNames) {
    client[name] = async (request: unknown) => {
      const result = await transport.invoke(name, request);
      if (!result.ok) throw new ContractCallError(result.error);
      return result.value;
    };
  }
  client.on = (event: EventName, handler: (payload: unknown) => void) => transport.on(event, handler);
  return client as Client;
}
