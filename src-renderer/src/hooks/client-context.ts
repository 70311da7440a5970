// The one typed client, handed down by context so every view talks to the core the same way.
import { createContext, useContext } from 'react';
import type { Client } from '../client';

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}
