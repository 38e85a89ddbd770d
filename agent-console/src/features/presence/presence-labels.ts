// How a presence reads on screen, in the selector and on the wallboard alike: "Przerwa (posiłek)".
import { useTranslation } from 'react-i18next';
import type { BreakReason, PresenceState } from '@kck/contracts';

export function usePresenceLabel() {
  const { t } = useTranslation();
  return (state: PresenceState, reason: BreakReason | null | undefined): string =>
    state === 'break' && reason
      ? t('presence.breakWith', { reason: t(`presence.reasons.${reason}`) })
      : t(`presence.states.${state}`);
}

/** A colour per state beside its name (never the only cue: the name is always written out). */
export const PRESENCE_COLORS: Record<PresenceState, string> = {
  available: 'success.main',
  on_call: 'info.main',
  wrap_up: 'secondary.main',
  break: 'warning.main',
  offline: 'grey.500',
};
