// The console's MUI theme: the City of Kraków's navy, dense enough for a call-centre screen,
// and a focus ring that is always visible for keyboard users.
import { createTheme, type Theme } from '@mui/material';
import { enUS, plPL } from '@mui/material/locale';

const FOCUS_RING = '3px solid #f5a623';

export function createConsoleTheme(language: string): Theme {
  return createTheme(
    {
      palette: {
        primary: { main: '#0b3d91' },
        secondary: { main: '#b0182c' },
        background: { default: '#f4f6f9' },
      },
      shape: { borderRadius: 6 },
      typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
      components: {
        MuiCssBaseline: {
          styleOverrides: {
            'a:focus-visible, button:focus-visible, [role="button"]:focus-visible, [tabindex]:focus-visible, summary:focus-visible':
              { outline: FOCUS_RING, outlineOffset: '2px' },
            'select:focus-visible': { outline: FOCUS_RING, outlineOffset: '1px' },
          },
        },
        MuiButtonBase: { defaultProps: { disableRipple: false } },
        MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
      },
    },
    language.startsWith('en') ? enUS : plPL,
  );
}
