import { createRoot } from 'react-dom/client';
import { ThemeProvider } from '../common/theme';
import { ConsoleApp } from './App';

createRoot(document.getElementById('root')!).render(
  <ThemeProvider>
    <ConsoleApp />
  </ThemeProvider>,
);
