// PL/EN switch: Polish is the default, the choice is remembered in this browser.
// A toggle group so the current language is announced as "pressed" to screen readers; the name starts with the
// visible code (WCAG 2.5.3: speech users say what they see).
import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/i18n';

export function LanguageSwitch({ color = 'inherit' }: { color?: 'inherit' | 'standard' }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'pl';
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={language}
      onChange={(_event, value: Language | null) => {
        if (value) setLanguage(value);
      }}
      aria-label={t('app.language')}
      data-testid="lang-switch"
      sx={
        color === 'inherit'
          ? {
              '& .MuiToggleButton-root': { color: 'inherit', borderColor: 'rgba(255,255,255,0.5)' },
              '& .MuiToggleButton-root.Mui-selected': { color: 'primary.main', bgcolor: 'common.white' },
              '& .MuiToggleButton-root.Mui-selected:hover': { bgcolor: 'grey.200' },
            }
          : undefined
      }
    >
      {LANGUAGES.map((code) => (
        <ToggleButton
          key={code}
          value={code}
          lang={code}
          aria-label={`${code.toUpperCase()} – ${t(`app.languageName.${code}`)}`}
          data-lang={code}
        >
          {code.toUpperCase()}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
