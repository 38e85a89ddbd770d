// Catch-up after a socket reconnect: the ticket events committed while the console was offline.
// Only the realtime layer uses it; screens never read events directly from here.
import type { MissedEventsDto } from '@kck/contracts';
import { http } from './http';

export const fetchMissedEvents = (after: number) => http.get<MissedEventsDto>('/api/events', { after });
