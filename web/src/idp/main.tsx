import { createRoot } from 'react-dom/client';
import { ThemeProvider } from '../common/theme';
import { IdpApp } from './App';

createRoot(document.getElementById('root')!).render(
  <ThemeProvider>
    <IdpApp />
  </ThemeProvider>,
);
