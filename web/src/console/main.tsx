import { createRoot } from 'react-dom/client';
import { ThemeProvider } from '../common/theme';
import { ConsoleApp } from './App';

// Back from Ward IdP with ?code= (the redirect URI carries no hash): open the API page,
// which finishes the sign-in.
{
  const q = new URLSearchParams(window.location.search);
  if ((q.has('code') || q.has('error')) && window.location.hash.length <= 2) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search + '#/api');
  }
}

createRoot(document.getElementById('root')!).render(
  <ThemeProvider>
    <ConsoleApp />
  </ThemeProvider>,
);
