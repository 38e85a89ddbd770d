// The console's MUI theme: the City of Kraków's navy, dense enough for a call-centre screen,
// and a focus ring that is always visible for keyboard users.
import { createTheme, type Theme } from '@mui/material';
import { enUS, plPL } from '@mui/material/locale';

// Two bands, so focus shows on white paper and on the navy app bar alike (WCAG 1.4.11: 3:1 against both):
// a near-black ring next to the element and an orange one outside it.
const FOCUS_RING = '3px solid #f5a623';
const FOCUS_INNER = '0 0 0 3px #1f1f1f';

export function createConsoleTheme(language: string): Theme {
  return createTheme(
    {
      palette: {
        primary: { main: '#0b3d91' },
        secondary: { main: '#b0182c' },
        // MUI's default orange and light blue reach only 3.1:1 and 3.9:1 on white (and under white text);
        // these darker ones keep warning and info text at 4.5:1 or more (WCAG 1.4.3).
        warning: { main: '#b45309' },
        info: { main: '#01579b' },
        background: { default: '#f4f6f9' },
      },
      shape: { borderRadius: 6 },
      typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
      components: {
        MuiCssBaseline: {
          styleOverrides: {
            'a:focus-visible, button:focus-visible, [role="button"]:focus-visible, [tabindex]:focus-visible, summary:focus-visible':
              { outline: FOCUS_RING, outlineOffset: '3px', boxShadow: FOCUS_INNER },
            'select:focus-visible': { outline: FOCUS_RING, outlineOffset: '3px', boxShadow: FOCUS_INNER },
          },
        },
        MuiButtonBase: { defaultProps: { disableRipple: false } },
        MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
      },
    },
    language.startsWith('en') ? enUS : plPL,
  );
}
