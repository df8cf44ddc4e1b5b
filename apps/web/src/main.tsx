import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { reloadAfterUpdate } from './app/reload-after-update';
import './styles.css';

reloadAfterUpdate(window);
const root = document.getElementById('root');
if (!root) throw new Error('KMS Lab: the page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
