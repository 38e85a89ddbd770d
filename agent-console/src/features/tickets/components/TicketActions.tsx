// Offers, on the stand-alone ticket page, the actions the user's role has on this ticket's status.
// The server re-checks everything; this only avoids showing buttons that would surely fail.
import type { TicketDto } from '@kck/contracts';
import { useMe } from '../../auth/session';
import { ROUTABLE_STATUSES, RouteForm } from '../../triage/components/RouteForm';
import { ACCEPTABLE_STATUSES, RESOLVABLE_STATUSES, UnitActions } from '../../unit-queue/components/UnitActions';

export function TicketActions({ ticket }: { ticket: TicketDto }) {
  const me = useMe();
  const canRoute = (me.role === 'triage' || me.role === 'admin') && ROUTABLE_STATUSES.includes(ticket.status);
  const ownUnit = me.role === 'admin' || (me.role === 'unit_staff' && ticket.unitId === me.unitId);
  const canWork = ownUnit && [...ACCEPTABLE_STATUSES, ...RESOLVABLE_STATUSES, 'resolved'].includes(ticket.status);
  if (!canRoute && !canWork) return null;
  return (
    <>
      {canWork ? <UnitActions ticket={ticket} /> : null}
      {canRoute ? <RouteForm key={ticket.id} ticket={ticket} /> : null}
    </>
  );
}
