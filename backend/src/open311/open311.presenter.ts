// Writes Open311 documents as the standard lays them out: JSON lists and objects, or XML with a root element per
// document (`services`, `service_definition`, `service_requests`, `errors`) and one element per item.
import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import type {
  Open311AttributeDto,
  Open311ErrorDto,
  Open311Format,
  Open311ServiceDefinitionDto,
  Open311ServiceDto,
} from '@kck/contracts';

const builder = new XMLBuilder({ ignoreAttributes: false, format: false, suppressEmptyNode: false });
const XML_DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' } };
// XML 1.0 cannot carry most control characters, even escaped; text from clients may hold them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function forXml(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  if (Array.isArray(value)) return value.map(forXml);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, forXml(inner)]));
  return value;
}

function send(res: Response, format: Open311Format, status: number, json: unknown, xml: Record<string, unknown>): void {
  if (format === 'xml') {
    res
      .status(status)
      .type('text/xml; charset=utf-8')
      .send(builder.build({ ...XML_DECLARATION, ...(forXml(xml) as object) }));
  } else {
    res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(json));
  }
}

/** A list document: `[...]`, or `<root><item>…</item>…</root>`. */
export function sendList<T extends object>(
  res: Response,
  format: Open311Format,
  root: string,
  item: string,
  items: readonly T[],
  status = 200,
): void {
  send(res, format, status, items, { [root]: { [item]: items } });
}

export function sendServices(res: Response, format: Open311Format, services: readonly Open311ServiceDto[]): void {
  sendList(res, format, 'services', 'service', services);
}

const attributeForXml = (attribute: Open311AttributeDto) => ({ ...attribute, values: { value: attribute.values } });

export function sendServiceDefinition(
  res: Response,
  format: Open311Format,
  definition: Open311ServiceDefinitionDto,
): void {
  send(res, format, 200, definition, {
    service_definition: {
      service_code: definition.service_code,
      attributes: { attribute: definition.attributes.map(attributeForXml) },
    },
  });
}

export function sendErrors(res: Response, format: Open311Format, status: number, errors: Open311ErrorDto[]): void {
  sendList(res, format, 'errors', 'error', errors, status);
}

/** W3C date-time in UTC without fractions (`2026-11-23T10:15:00Z`), the subset every Open311 client parses. */
export const w3cDateTime = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');
