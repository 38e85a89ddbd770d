// This module's share of the socket fan-out: a call as it is now, to its agent's consoles and to supervisors;
// a missed call also to every agent (the call-back list is the team's), a transferred one to its former agent.
import type { DataSource } from 'typeorm';
import { DOMAIN_EVENTS, rooms, type OutboxJob } from '@kck/contracts';
import type { RealtimeServer } from '../platform/realtime/socket-server.ts';
import { getLiveCalls } from './live-calls.presenter.ts';

export async function fanOutCalls(db: DataSource, io: RealtimeServer, jobs: OutboxJob[]): Promise<void> {
  const formerAgents = new Map<string, Set<string>>();
  for (const job of jobs) {
    if (job.event !== 'call.changed') continue;
    const { callId, formerAgentId } = DOMAIN_EVENTS['call.changed'].parse(job.payload);
    const formers = formerAgents.get(callId) ?? new Set<string>();
    if (formerAgentId) formers.add(formerAgentId);
    formerAgents.set(callId, formers);
  }
  if (formerAgents.size === 0) return;
  // The call as it is now: several events of one call in a batch make one message.
  for (const call of await getLiveCalls(db, [...formerAgents.keys()])) {
    const to = [rooms.role('supervisor')];
    if (call.agentId) to.push(rooms.user(call.agentId));
    for (const former of formerAgents.get(call.id) ?? []) if (former !== call.agentId) to.push(rooms.user(former));
    if (call.state === 'missed') to.push(rooms.role('agent'));
    io.to(to).emit('call.changed', call);
  }
}
