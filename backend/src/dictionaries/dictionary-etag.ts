// HTTP caching of dictionary reads: a strong ETag from the answer's own bytes, and the If-None-Match check,
// so a city system polling a dictionary gets a bodiless 304 until something in it changes.
import { createHash } from 'node:crypto';

/** Strong: two answers with the same ETag are byte for byte the same body. */
export const strongEtag = (body: string): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/**
 * RFC 9110 §13.1.2: If-None-Match uses weak comparison, so `W/"x"` matches `"x"`; `*` matches any current
 * representation; the header may list several tags.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => opaque(tag) === wanted);
}
