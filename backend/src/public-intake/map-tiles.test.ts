import { describe, expect, it } from 'vitest';
import { mapTileSource } from './map-tiles.ts';
import { withoutStatusToken } from './status-links.ts';

describe('mapTileSource', () => {
  it('gives the tile server as a CSP source, with {s} as a subdomain wildcard', () => {
    expect(mapTileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(mapTileSource('https://{s}.tile.example.org:8443/osm/{z}/{x}/{y}.png')).toBe(
      'https://*.tile.example.org:8443',
    );
  });

  it('gives nothing without tiles, or for a host it cannot vouch for', () => {
    expect(mapTileSource('')).toBeNull();
    expect(mapTileSource("https://evil.org' 'unsafe-inline/{z}/{x}/{y}")).toBeNull();
  });
});

describe('withoutStatusToken', () => {
  it('keeps the status-page address but not its token', () => {
    expect(withoutStatusToken('/zgloszenie/KCK-2026-000001?token=abcDEF_-123&x=1')).toBe(
      '/zgloszenie/KCK-2026-000001?token=[redacted]&x=1',
    );
    expect(withoutStatusToken('/api/tickets')).toBe('/api/tickets');
  });
});
