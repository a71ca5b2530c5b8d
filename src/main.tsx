import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './views/styles.css';
import { App } from './views/shell/App';
import { boot } from './views/shell/boot';

const { store, client } = boot();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} client={client} />
  </StrictMode>,
);
