import { describe, expect, it } from 'vitest';
import { mapTileSource } from './map-tiles.ts';

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
