// Which open tickets are offered as the same matter, and in what order: the place (pins within the radius, else the
// same street, else the same district with similar words), then the words. Pure, so the rules are tested on their own.
import type { DuplicateMatch, TicketLocation } from '@kck/contracts';
import { splitPrefix, streetLabel, streetQueryText } from '../streets/street-names.ts';

/** Metres per degree of latitude (and of longitude at the equator): plenty for distances of a few hundred metres. */
const METRES_PER_DEGREE = 111_195;

/** The box around a pin that holds every point within `radiusM`: what the index narrows by before distances. */
export function boundingBox(point: TicketLocation, radiusM: number) {
  const dLat = radiusM / METRES_PER_DEGREE;
  const dLon = radiusM / (METRES_PER_DEGREE * Math.cos((point.latitude * Math.PI) / 180));
  return {
    south: point.latitude - dLat,
    north: point.latitude + dLat,
    west: point.longitude - dLon,
    east: point.longitude + dLon,
  };
}

/** Equirectangular distance: within a city, off by well under a metre from the great-circle one. */
export function distanceMetres(a: TicketLocation, b: TicketLocation): number {
  const meanLat = (((a.latitude + b.latitude) / 2) * Math.PI) / 180;
  const dx = (b.longitude - a.longitude) * Math.cos(meanLat);
  const dy = b.latitude - a.latitude;
  return Math.sqrt(dx * dx + dy * dy) * METRES_PER_DEGREE;
}

/**
 * The street of an address as the public may read it: its kind and name, without the house or flat number, nor
 * anything after a comma (`ul. Długa 5 m. 3, przy sklepie` → `ul. Długa`). Null when nothing like a street is left.
 */
export function publicStreet(address: string | null): string | null {
  if (!address) return null;
  const first = address.split(/[,;(]/)[0]!.trim();
  const { prefix, name } = splitPrefix(first);
  const street = name.replace(/\s+\d.*$/u, '').trim();
  if (!/\p{L}{2}/u.test(street)) return null;
  return streetLabel(prefix, street);
}

/** What the search compares a ticket's address by: the street typed, without its kind and house number. */
export const streetOfAddress = (address: string | undefined): string => (address ? streetQueryText(address) : '');

/** One open ticket the database found near the report, before the ranking. */
export interface Candidate {
  location: TicketLocation | null;
  /** Word similarity to what was typed; null when no text (of three letters or more) was given. */
  similarity: number | null;
  /** Found by the street (neither side had a pin to compare) or only by the district. */
  place: 'street' | 'district' | null;
  createdAt: Date;
}

export interface RankOptions {
  point: TicketLocation | null;
  radiusM: number;
  minSimilarity: number;
  limit: number;
}

export interface Ranked<C extends Candidate> {
  candidate: C;
  matchedBy: DuplicateMatch;
  distanceM: number | null;
  score: number;
}

/** How near, 0–1: within the radius by the pins 0.5–1 (nearer is more), the same street 0.5, the district 0.1. */
function proximity(matchedBy: DuplicateMatch, distanceM: number | null, radiusM: number): number {
  if (matchedBy === 'distance') return 1 - 0.5 * Math.min(1, (distanceM ?? 0) / radiusM);
  return matchedBy === 'street' ? 0.5 : 0.1;
}

/**
 * Keeps the candidates that are the same matter and orders them, most likely first. Pins, when both reports have
 * one, decide the place alone (a long street is not one spot). With words typed, a candidate must be at least
 * `minSimilarity` alike, and the words weigh more than the place; without words only the pins or the street count
 * (a whole district is too wide to say "the same matter" on the category alone).
 */
export function rankCandidates<C extends Candidate>(candidates: readonly C[], options: RankOptions): Ranked<C>[] {
  const ranked: Ranked<C>[] = [];
  for (const candidate of candidates) {
    let matchedBy: DuplicateMatch;
    let distanceM: number | null = null;
    if (options.point && candidate.location) {
      distanceM = distanceMetres(options.point, candidate.location);
      if (distanceM > options.radiusM) continue;
      matchedBy = 'distance';
    } else if (candidate.place) {
      matchedBy = candidate.place;
    } else continue;
    const withText = candidate.similarity !== null;
    if (withText && candidate.similarity! < options.minSimilarity) continue;
    if (!withText && matchedBy === 'district') continue;
    const near = proximity(matchedBy, distanceM, options.radiusM);
    const score = withText ? 0.6 * candidate.similarity! + 0.4 * near : near;
    ranked.push({ candidate, matchedBy, distanceM, score });
  }
  return ranked
    .sort((a, b) => b.score - a.score || a.candidate.createdAt.getTime() - b.candidate.createdAt.getTime())
    .slice(0, options.limit);
}
