import { ConfigError } from '../errors.js';
import type { SearchArea } from '../ports/listing-source.js';
import { LISTING_STATUSES, type ListingStatus } from './listing-record.js';

/** USPS state and territory codes the Realtor API knows (50 states, DC and the territories). */
const STATE_CODES: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND ' +
    'OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU AS MP'
  ).split(' '),
);

const CITY_NAME = /^[\p{L}][\p{L} .'-]*$/u;
const FORMAT_HINT = "write 'postal:90004:for_sale,sold' or 'city:Austin,TX:for_rent'";

/**
 * Parses a search-area setting: `postal:<5-digit zip>[:<status>,...]` or `city:<City>,<ST>[:<status>,...]`.
 * A `+` in a city name stands for a space, so a list of areas can be separated by whitespace.
 * Statuses default to `for_sale`.
 */
export function parseSearchArea(text: string): SearchArea {
  const trimmed = text.trim();
  if (trimmed === '') throw new ConfigError(`a search area is empty; ${FORMAT_HINT}`);
  const parts = trimmed.split(':');
  if (parts.length > 3) throw new ConfigError(`search area '${trimmed}' has too many ':'; ${FORMAT_HINT}`);
  const [kind = '', where = '', statusText] = parts;
  const statuses = parseStatuses(trimmed, statusText);
  if (kind === 'postal')
    return { kind: 'postal_code', postalCode: parsePostalCode(trimmed, where), statuses };
  if (kind === 'city') return { kind: 'city', ...parseCity(trimmed, where), statuses };
  throw new ConfigError(
    `search area '${trimmed}' has kind '${kind}'; use 'postal' or 'city': ${FORMAT_HINT}`,
  );
}

/** Parses a list of search-area settings; an error names the position of the bad entry. */
export function parseSearchAreas(texts: readonly string[]): SearchArea[] {
  return texts.map((text, index) => {
    try {
      return parseSearchArea(text);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new ConfigError(`search area #${index + 1}: ${error.message}`, { cause: error });
    }
  });
}

/** The setting form of an area, e.g. `postal:90004:for_sale,sold`; parseSearchArea reads it back unchanged. */
export function searchAreaLabel(area: SearchArea): string {
  const statuses = area.statuses.join(',');
  if (area.kind === 'postal_code') return `postal:${area.postalCode}:${statuses}`;
  return `city:${area.city.replaceAll(' ', '+')},${area.stateCode}:${statuses}`;
}

function parsePostalCode(area: string, where: string): string {
  if (/^\d{5}$/.test(where)) return where;
  throw new ConfigError(
    `search area '${area}' has postal code '${where}'; a US ZIP code is 5 digits, e.g. 90004`,
  );
}

function parseCity(area: string, where: string): { city: string; stateCode: string } {
  const comma = where.lastIndexOf(',');
  if (comma < 0)
    throw new ConfigError(`search area '${area}' names city '${where}' without a state; write City,ST`);
  const city = where.slice(0, comma).replaceAll('+', ' ').trim().replace(/\s+/g, ' ');
  const stateCode = where
    .slice(comma + 1)
    .trim()
    .toUpperCase();
  if (!CITY_NAME.test(city)) {
    throw new ConfigError(
      `search area '${area}' has city name '${city}'; use letters, spaces, '.', "'" and '-'`,
    );
  }
  if (!STATE_CODES.has(stateCode)) {
    throw new ConfigError(
      `search area '${area}' has state code '${stateCode}'; use a 2-letter USPS code such as TX`,
    );
  }
  return { city, stateCode };
}

function parseStatuses(area: string, text: string | undefined): ListingStatus[] {
  if (text === undefined || text.trim() === '') return ['for_sale'];
  const statuses: ListingStatus[] = [];
  for (const raw of text.split(',')) {
    const status = raw.trim();
    if (!isListingStatus(status)) {
      throw new ConfigError(
        `search area '${area}' has status '${status}'; use one of ${LISTING_STATUSES.join(', ')}`,
      );
    }
    if (!statuses.includes(status)) statuses.push(status);
  }
  return statuses;
}

function isListingStatus(value: string): value is ListingStatus {
  return (LISTING_STATUSES as readonly string[]).includes(value);
}
