// What agents type for a street: with or without Polish letters, the kind in front, the house number behind.
import { describe, expect, it } from 'vitest';
import { foldStreetName, normalisePrefix, splitPrefix, streetLabel, streetQueryText } from './street-names.ts';

describe('foldStreetName', () => {
  it('makes „św. Filipa”, „Sw Filipa” and „świętego Filipa” the same', () => {
    expect(foldStreetName('św. Filipa')).toBe('sw filipa');
    expect(foldStreetName('Sw Filipa')).toBe('sw filipa');
    expect(foldStreetName('Świętego  Filipa')).toBe('sw filipa');
    expect(foldStreetName('ŚWIĘTEJ Gertrudy')).toBe('sw gertrudy');
  });

  it('drops every Polish letter, ł included, and keeps digits', () => {
    expect(foldStreetName('Łużycka')).toBe('luzycka');
    expect(foldStreetName('os. 2 Pułku Lotniczego')).toBe('os 2 pulku lotniczego');
  });
});

describe('splitPrefix', () => {
  it('takes a known kind off the front in its short form', () => {
    expect(splitPrefix('ul. św. Filipa')).toEqual({ prefix: 'ul.', name: 'św. Filipa' });
    expect(splitPrefix('Aleja Pokoju')).toEqual({ prefix: 'al.', name: 'Pokoju' });
    expect(splitPrefix('osiedle Centrum A')).toEqual({ prefix: 'os.', name: 'Centrum A' });
  });

  it('leaves a name that only starts like a kind', () => {
    expect(splitPrefix('Placówka')).toEqual({ prefix: null, name: 'Placówka' });
    expect(splitPrefix('Rynek Główny')).toEqual({ prefix: null, name: 'Rynek Główny' });
    expect(splitPrefix('ul.')).toEqual({ prefix: null, name: 'ul.' });
  });
});

describe('normalisePrefix', () => {
  it('writes long forms short and leaves unknown kinds as given', () => {
    expect(normalisePrefix('ulica')).toBe('ul.');
    expect(normalisePrefix('AL')).toBe('al.');
    expect(normalisePrefix('wybrzeże')).toBe('wybrzeże');
  });
});

describe('streetQueryText', () => {
  it('drops the kind and the house number an agent types with the street', () => {
    expect(streetQueryText('ul. Sw. Filipa 17/3')).toBe('Sw. Filipa');
    expect(streetQueryText('Królewska 20a')).toBe('Królewska');
    expect(streetQueryText('os. Centrum A 5')).toBe('Centrum A');
    expect(streetQueryText('Krakusa 12 m. 4')).toBe('Krakusa');
  });

  it('keeps numbers that are part of the name', () => {
    expect(streetQueryText('29 Listopada')).toBe('29 Listopada');
    expect(streetQueryText('os. 2 Pułku')).toBe('2 Pułku');
    expect(streetQueryText('17')).toBe('17');
  });
});

describe('streetLabel', () => {
  it('puts the kind before the name when there is one', () => {
    expect(streetLabel('ul.', 'św. Filipa')).toBe('ul. św. Filipa');
    expect(streetLabel(null, 'Rynek Główny')).toBe('Rynek Główny');
  });
});
