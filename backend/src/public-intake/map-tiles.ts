// Where the web form's map tiles come from, for the Content-Security-Policy: only that tile server may send images
// besides our own origin. `{s}` (a subdomain the map rotates through) becomes a wildcard.
export function mapTileSource(tileUrl: string): string | null {
  if (!tileUrl) return null;
  const match = /^(https?):\/\/([^/]+)\//.exec(tileUrl);
  if (!match) return null;
  const host = match[2]!.replace(/\{s\}/g, '*');
  if (!/^(\*\.)?[A-Za-z0-9.-]+(:\d+)?$/.test(host)) return null;
  return `${match[1]}://${host}`;
}
