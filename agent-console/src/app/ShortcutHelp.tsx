// The one help screen of keyboard shortcuts: `?` (outside a text field) or the keyboard button in the app bar
// opens it; it lists the shortcuts of the registry in shortcuts.ts that the user's screens have, grouped, in the
// user's language.
import { useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import { useTranslation } from 'react-i18next';
import { canUsePage } from '../features/auth/access';
import { useMe } from '../features/auth/session';
import { allShortcuts, ariaKeys, SHORTCUT_GROUPS, useShortcut, type ShortcutGroup } from './shortcuts';

/** The call screen's groups only for those who have it. */
const CALL_GROUPS: readonly ShortcutGroup[] = ['call', 'wrapUp'];

function Keys({ display }: { display: string }) {
  // `Control+Enter` → Ctrl + Enter, each key in its own <kbd>; `↓ Enter` are two keys pressed one after another.
  const steps = display.split(' ');
  return (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
      {steps.map((step, stepIndex) => (
        <Box component="span" key={step} sx={{ mr: stepIndex < steps.length - 1 ? 1 : 0 }}>
          {step.split('+').map((key, index, keys) => (
            <Box component="span" key={key}>
              <Box
                component="kbd"
                sx={{
                  border: 1,
                  borderColor: 'grey.500',
                  borderRadius: 0.5,
                  px: 0.75,
                  py: 0.25,
                  fontFamily: 'monospace',
                  fontSize: 14,
                  bgcolor: 'grey.100',
                  color: 'text.primary',
                }}
              >
                {key === 'Control' ? 'Ctrl' : key}
              </Box>
              {index < keys.length - 1 ? ' + ' : null}
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
}

export function ShortcutHelp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useShortcut('help', () => setOpen(true), { enabled: !open });
  const me = useMe();
  const groups = SHORTCUT_GROUPS.filter(
    (group) =>
      (canUsePage(me.role, 'calls') || !CALL_GROUPS.includes(group)) &&
      (group !== 'triage' || canUsePage(me.role, 'triage')),
  );
  const shortcuts = allShortcuts();

  return (
    <>
      <Tooltip title={t('shortcuts.open')}>
        <IconButton
          color="inherit"
          onClick={() => setOpen(true)}
          aria-label={t('shortcuts.open')}
          aria-keyshortcuts={ariaKeys('help')}
          data-testid="shortcuts-open"
        >
          <KeyboardIcon />
        </IconButton>
      </Tooltip>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        maxWidth="md"
        fullWidth
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-dialog"
      >
        <DialogTitle id="shortcuts-title">{t('shortcuts.title')}</DialogTitle>
        {/* Focusable, so the list scrolls from the keyboard too (WCAG 2.1.1). */}
        <DialogContent tabIndex={0} aria-labelledby="shortcuts-title">
          <Typography variant="body2" sx={{ mb: 2 }}>
            {t('shortcuts.intro')}
          </Typography>
          {groups.map((group) => {
            const rows = shortcuts.filter((s) => s.group === group);
            if (rows.length === 0) return null;
            return (
              <Box component="section" key={group} aria-labelledby={`shortcuts-${group}`} sx={{ mb: 2 }}>
                <Typography variant="h6" component="h3" id={`shortcuts-${group}`} sx={{ fontSize: 16 }}>
                  {t(`shortcuts.groups.${group}`)}
                </Typography>
                <Table size="small" aria-labelledby={`shortcuts-${group}`}>
                  <TableHead>
                    <TableRow>
                      <TableCell sx={{ width: '30%' }}>{t('shortcuts.keys')}</TableCell>
                      <TableCell>{t('shortcuts.action')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {rows.map((s) => (
                      <TableRow key={s.id} data-testid="shortcut-row" data-shortcut={s.id}>
                        <TableCell>
                          <Keys display={s.display} />
                        </TableCell>
                        <TableCell>
                          {t(s.label)}
                          {s.local ? (
                            <Typography component="span" variant="body2" color="text.secondary">
                              {' '}
                              — {t('shortcuts.local')}
                            </Typography>
                          ) : null}
                          {!s.inFields ? (
                            <Typography component="span" variant="body2" color="text.secondary">
                              {' '}
                              — {t('shortcuts.notInFields')}
                            </Typography>
                          ) : null}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            );
          })}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} data-testid="shortcuts-close">
            {t('common.close')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
