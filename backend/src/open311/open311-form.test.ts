import { describe, expect, it } from 'vitest';
import { parseOpen311Post, titleFrom } from './open311-form.ts';

const paths = (body: Record<string, string | string[]>) => parseOpen311Post(body).problems.map((p) => p.path);

describe('parseOpen311Post', () => {
  it('reads a FixMyStreet-style report: coordinates, reporter, media and both spellings of attributes', () => {
    const { form, problems } = parseOpen311Post({
      api_key: 'k',
      jurisdiction_id: 'krakow.pl',
      service_code: 'roads.lighting',
      lat: '50.0614',
      long: '19.9372',
      email: 'jan@poczta.example',
      first_name: 'Jan',
      last_name: 'Kowalski',
      phone: '+48 600 100 200',
      description: 'title: Nie świeci\n\ndetail: od tygodnia',
      media_url: ['https://fms.example/p/1.jpeg', 'https://fms.example/p/2.jpeg'],
      deviceid: 'app-1',
      'attribute[lamp_post_number]': '12/345',
      'attribute[kinds][]': ['a', 'b'],
      'attribute[one][]': 'x',
    });
    expect(problems).toEqual([]);
    expect(form).toMatchObject({
      apiKey: 'k',
      serviceCode: 'roads.lighting',
      location: { latitude: 50.0614, longitude: 19.9372 },
      deviceId: 'app-1',
      mediaUrls: ['https://fms.example/p/1.jpeg', 'https://fms.example/p/2.jpeg'],
      attributes: { lamp_post_number: '12/345', kinds: ['a', 'b'], one: ['x'] },
    });
  });

  it('names bad coordinates, a half location, no location, a bad e-mail and a bad media URL', () => {
    expect(paths({ service_code: 's', lat: 'abc', long: '19.9' })).toEqual(['lat']);
    expect(paths({ service_code: 's', lat: '95', long: '19.9' })).toEqual(['lat']);
    expect(paths({ service_code: 's', lat: '50.06' })).toEqual(['long']);
    expect(paths({ service_code: 's' })).toEqual(['lat']);
    expect(paths({ service_code: 's', address_string: 'Rynek Główny 1' })).toEqual([]);
    expect(paths({ address_id: '7', email: 'not-mail', media_url: 'ftp://x/y' })).toEqual([
      'service_code',
      'email',
      'media_url',
    ]);
    expect(paths({ service_code: ['a', 'b'], address_id: '7' })).toEqual(['service_code', 'service_code']);
  });
});

describe('titleFrom', () => {
  it("takes the description's first line without FixMyStreet's title:, else the service name", () => {
    expect(titleFrom('title: Nie świeci latarnia\n\ndetail: …', 'Oświetlenie')).toBe('Nie świeci latarnia');
    expect(titleFrom('\n  ok\n', 'Oświetlenie')).toBe('Oświetlenie');
    expect(titleFrom(undefined, 'Oświetlenie')).toBe('Oświetlenie');
    expect(titleFrom('x'.repeat(300), 'S')).toHaveLength(200);
  });
});
