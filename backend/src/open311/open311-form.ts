// Reads a GeoReport v2 POST requests body (application/x-www-form-urlencoded, as FixMyStreet's Open311 client
// sends it) into what a ticket needs, naming every bad parameter by its Open311 name.
import { z } from 'zod';
import type { FieldError, TicketLocation } from '@kck/contracts';

/** Parsed by express.urlencoded({ extended: false }): a repeated parameter arrives as a list. */
export type UrlencodedBody = Record<string, string | string[] | undefined>;

export interface Open311PostForm {
  apiKey: string | undefined;
  serviceCode: string;
  location: TicketLocation | undefined;
  addressString: string | undefined;
  addressId: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  description: string | undefined;
  deviceId: string | undefined;
  accountId: string | undefined;
  mediaUrls: string[];
  /** `attribute[code]=v` → v; `attribute[code][]=v1&attribute[code][]=v2` (or the plain form repeated) → [v1, v2]. */
  attributes: Record<string, string | string[]>;
}

const ATTRIBUTE_PARAM = /^attribute\[([^\]]{1,100})\](\[\])?$/;
const COORDINATE = /^[-+]?\d{1,3}(\.\d+)?$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const email = z.email();
const mediaUrl = z.url({ protocol: /^https?$/ }).max(2000);
export const MAX_MEDIA_URLS = 10;

export function parseOpen311Post(body: UrlencodedBody): { form: Open311PostForm; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  /** One value of a parameter sent once; empty counts as absent. */
  const single = (name: string, max: number): string | undefined => {
    const raw = body[name];
    if (Array.isArray(raw)) {
      problem(name, `${name} was sent ${raw.length} times; send it once`);
      return undefined;
    }
    const value = raw?.trim();
    if (!value) return undefined;
    if (value.length > max) {
      problem(name, `${name} has at most ${max} characters`);
      return undefined;
    }
    return value;
  };

  const serviceCode = single('service_code', 200);
  if (!serviceCode) problem('service_code', 'service_code is required: one of the codes services.json lists');

  const lat = single('lat', 40);
  const long = single('long', 40);
  let location: TicketLocation | undefined;
  const coordinate = (name: 'lat' | 'long', text: string, limit: number): number | undefined => {
    const value = COORDINATE.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(value)) problem(name, `${name} must be a decimal number of degrees (WGS 84), e.g. 50.0614`);
    else if (Math.abs(value) > limit) problem(name, `${name} must be between -${limit} and ${limit}`);
    else return value;
    return undefined;
  };
  if (lat !== undefined || long !== undefined) {
    if (lat === undefined) problem('lat', 'lat is required with long');
    if (long === undefined) problem('long', 'long is required with lat');
    const latitude = lat === undefined ? undefined : coordinate('lat', lat, 90);
    const longitude = long === undefined ? undefined : coordinate('long', long, 180);
    if (latitude !== undefined && longitude !== undefined) location = { latitude, longitude };
  }
  const addressString = single('address_string', 300);
  const addressId = single('address_id', 200);
  if (lat === undefined && long === undefined && !addressString && !addressId)
    problem('lat', 'a location is required: lat and long, address_string or address_id');

  const mail = single('email', 254);
  if (mail && !email.safeParse(mail).success) problem('email', 'email is not a valid address');
  const phone = single('phone', 40);
  if (phone && !PHONE.test(phone)) problem('phone', 'phone must be 6-20 digits, optionally with +, spaces, dashes');

  const rawMedia = body.media_url;
  const mediaUrls = (Array.isArray(rawMedia) ? rawMedia : rawMedia ? [rawMedia] : [])
    .map((url) => url.trim())
    .filter(Boolean);
  if (mediaUrls.length > MAX_MEDIA_URLS) problem('media_url', `at most ${MAX_MEDIA_URLS} media_url`);
  mediaUrls.forEach((url) => {
    if (!mediaUrl.safeParse(url).success) problem('media_url', `media_url ${url.slice(0, 100)} is not an http(s) URL`);
  });

  const attributes: Record<string, string | string[]> = {};
  for (const [name, raw] of Object.entries(body)) {
    const match = ATTRIBUTE_PARAM.exec(name);
    if (!match || raw === undefined) continue;
    const code = match[1]!;
    const values = Array.isArray(raw) ? raw : [raw];
    // Both spellings of a list may arrive for one code; they add up.
    const earlier = attributes[code];
    const merged = earlier === undefined ? values : [...(Array.isArray(earlier) ? earlier : [earlier]), ...values];
    attributes[code] = match[2] || merged.length > 1 ? merged : merged[0]!;
  }

  return {
    form: {
      apiKey: single('api_key', 200),
      serviceCode: serviceCode ?? '',
      location,
      addressString,
      addressId,
      email: mail,
      phone,
      firstName: single('first_name', 100),
      lastName: single('last_name', 100),
      description: single('description', 10_000),
      // FixMyStreet spells it `deviceid`.
      deviceId: single('device_id', 200) ?? single('deviceid', 200),
      accountId: single('account_id', 200),
      mediaUrls,
      attributes,
    },
    problems,
  };
}

/** A ticket needs a title: the description's first line (without FixMyStreet's `title:`), else the service's name. */
export function titleFrom(description: string | undefined, serviceName: string): string {
  const firstLine = (description ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*title:\s*/i, '').trim())
    .find(Boolean);
  if (!firstLine || firstLine.length < 3) return serviceName.slice(0, 200);
  return firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine;
}
