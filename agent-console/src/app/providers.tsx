// Everything the pages rely on, set up once: the query cache, i18next and the MUI theme in the UI language.
// The theme follows the language so MUI's own texts (table pagination, close buttons) are translated too.
import { useMemo, useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { I18nextProvider, useTranslation } from 'react-i18next';
import i18n from '../i18n/i18n';
import { createQueryClient } from './query-client';
import { createConsoleTheme } from './theme';

function ThemedApp({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  const theme = useMemo(() => createConsoleTheme(instance.language), [instance.language]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <ThemedApp>{children}</ThemedApp>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
