import { oneOf } from './field-spec.js';
import { US_STATE_CODES } from './us-state-codes.js';

/**
 * What a real listing can have. Ceilings sit well above the largest values of the realtor.com dataset
 * (prices to $60M, 86 beds, 56 baths, 1.45M sq ft buildings, 100,000-acre lots) and below absurdity.
 */
export const LISTING_LIMITS = {
  /** The most expensive US listings ask a few hundred million dollars. */
  maxPriceUsd: 1_000_000_000,
  maxRooms: 500,
  maxLivingSqft: 5_000_000,
  /** One million acres: larger than any US ranch, far below int64. */
  maxLotSqft: 43_560_000_000,
  maxStories: 200,
  maxGarageSpaces: 1_000,
  maxPhotos: 10_000,
  minYearBuilt: 1600,
  /** Builders list homes with their expected completion year: up to about two years ahead. */
  yearsBuiltAhead: 2,
} as const;

const L = LISTING_LIMITS;

/** A USPS state, DC or territory code: it becomes a partition path segment, so only listed codes pass. */
export const STATE_CODE = oneOf(US_STATE_CODES, 'unknown_state', true);

// Shared rules of both API shapes.
export const ID = { kind: 'id' } as const;
export const TEXT = { kind: 'text' } as const;
export const FLAG = { kind: 'flag' } as const;
export const INSTANT = { kind: 'instant' } as const;
export const DATE = { kind: 'date' } as const;
export const FIVE_DIGITS = { kind: 'five_digits' } as const;
export const PRICE = { kind: 'int', min: 0, max: L.maxPriceUsd } as const;
export const ROOMS = { kind: 'int', min: 0, max: L.maxRooms } as const;
export const BATHS = { kind: 'decimal', min: 0, max: L.maxRooms } as const;
export const LIVING_SQFT = { kind: 'int', min: 0, max: L.maxLivingSqft } as const;
export const LOT_SQFT = { kind: 'int', min: 0, max: L.maxLotSqft } as const;
export const YEAR_BUILT = { kind: 'year', min: L.minYearBuilt, yearsAhead: L.yearsBuiltAhead } as const;
export const STORIES = { kind: 'int', min: 0, max: L.maxStories } as const;
export const GARAGE = { kind: 'int', min: 0, max: L.maxGarageSpaces } as const;
export const PHOTOS = { kind: 'int', min: 0, max: L.maxPhotos } as const;
export const LATITUDE = { kind: 'decimal', min: -90, max: 90 } as const;
export const LONGITUDE = { kind: 'decimal', min: -180, max: 180 } as const;
