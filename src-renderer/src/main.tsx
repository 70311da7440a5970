import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './client';
import { detectTransport } from './transport';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const client = createClient(detectTransport());
  root.render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
} catch (error) {
  root.render(<p role="alert">{(error as Error).message}</p>);
}
