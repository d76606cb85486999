import { drawPeople, type ListingPeople } from './listing-people.js';
import { createRng, hash3, type Rng } from './seeded-random.js';
import { ZIP_TABLE, type ZipInfo } from './zip-table.js';

const STREET_NAMES = [
  'Main',
  'Oak',
  'Pine',
  'Maple',
  'Cedar',
  'Elm',
  'Washington',
  'Lake',
  'Hill',
  'Park',
  'Sunset',
  'Lincoln',
  'Jackson',
  'Franklin',
  'Highland',
  'Berendo',
  'St Andrews',
  'Willow',
  'Madison',
  'Ridge',
  'Meadow',
  'Spring',
];
const STREET_SUFFIXES = ['St', 'Ave', 'Blvd', 'Dr', 'Ln', 'Pl', 'Ct', 'Way', 'Rd'];
const SALE_TYPES = [
  ['single_family', 0.55],
  ['condos', 0.2],
  ['townhomes', 0.1],
  ['multi_family', 0.1],
  ['mobile', 0.05],
] as const;
const SALT_PROFILE = 0x9f01;

/** What does not change about a listing: the home, its address, its people, its first asking price. */
export interface ListingProfile {
  index: number;
  zip: ZipInfo;
  propertyId: string;
  listingId: string;
  mlsListingId: string;
  type: string;
  beds: number | null;
  bathsFull: number | null;
  bathsHalf: number | null;
  sqft: number | null;
  lotSqft: number | null;
  yearBuilt: number | null;
  garage: number | null;
  stories: number | null;
  streetNumber: string;
  streetName: string;
  streetSuffix: string;
  lat: number | null;
  lon: number | null;
  photoCount: number;
  photoKey: number;
  /** Asking price at listing: a sale price, or a monthly rent. */
  basePrice: number;
  /** Rent range of an apartment community (list_price is then null). */
  priceRange: { min: number; max: number } | null;
  estimateFactor: number | null;
  priorSale: { date: string; price: number } | null;
  foreclosure: boolean;
  newConstruction: boolean;
  matterport: boolean;
  premium: boolean;
  people: ListingPeople;
}

/** The static traits of listing `index`; a pure function of (seed, index). */
export function listingProfile(seed: number, index: number, rental: boolean): ListingProfile {
  const rng = createRng(hash3(seed, index, SALT_PROFILE));
  const zip = ZIP_TABLE[index % ZIP_TABLE.length] as ZipInfo;
  const type = rental ? rng.pick(['apartment', 'apartment', 'condos', 'single_family']) : drawSaleType(rng);
  const community = rental && type === 'apartment' && rng.chance(0.3);
  const home = drawHome(rng, type, community);
  const newConstruction = !rental && rng.chance(0.05);
  const basePrice = drawPrice(rng, zip, rental, home.sqft ?? 900);
  return {
    index,
    zip,
    propertyId: String(1_000_000_000 + ((index * 2_654_435_761 + seed * 97) % 8_999_999_999)),
    listingId: String(2_900_000_000 + ((index * 7_919 + seed * 7) % 99_999_999)),
    mlsListingId: `${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(10_000_000, 99_999_999)}`,
    type,
    ...home,
    yearBuilt: newConstruction ? 2024 : rng.chance(0.1) ? null : rng.int(1900, 2022),
    streetNumber: String(rng.int(1, 9_999)),
    streetName: rng.pick(STREET_NAMES),
    streetSuffix: rng.pick(STREET_SUFFIXES),
    lat: rng.chance(0.03) ? null : round6(zip.lat + (rng.next() - 0.5) * 0.03),
    lon: rng.chance(0.03) ? null : round6(zip.lon + (rng.next() - 0.5) * 0.03),
    photoCount: rng.int(0, 60),
    photoKey: rng.int(0, 2 ** 31 - 1),
    basePrice,
    priceRange: community ? { min: basePrice, max: roundTo(basePrice * (1.4 + rng.next()), 5) } : null,
    estimateFactor: !rental && rng.chance(0.55) ? 0.88 + rng.next() * 0.24 : null,
    priorSale: rng.chance(0.65) ? drawPriorSale(rng, basePrice, rental) : null,
    foreclosure: !rental && rng.chance(0.02),
    newConstruction,
    matterport: rng.chance(0.1),
    premium: rng.chance(0.3),
    people: drawPeople(rng, zip.city, zip.stateCode),
  };
}

function drawSaleType(rng: Rng): string {
  let draw = rng.next();
  for (const [type, share] of SALE_TYPES) {
    if (draw < share) return type;
    draw -= share;
  }
  return 'single_family';
}

function drawHome(rng: Rng, type: string, community: boolean) {
  const beds = type === 'multi_family' ? rng.int(4, 10) : rng.int(type === 'apartment' ? 0 : 1, 5);
  const bathsFull = Math.max(1, Math.min(beds, rng.int(1, 4)));
  const hasLot = type === 'single_family' || type === 'multi_family' || type === 'townhomes';
  const sqft = rng.chance(0.15) ? null : Math.round(450 + beds * rng.int(250, 600) + rng.int(0, 300));
  return {
    beds: community ? null : beds,
    bathsFull: community ? null : bathsFull,
    bathsHalf: rng.chance(0.3) ? 1 : null,
    sqft: community ? null : sqft,
    lotSqft: hasLot ? rng.int(1_800, 22_000) : null,
    garage: hasLot && rng.chance(0.6) ? rng.int(1, 3) : null,
    stories: hasLot && rng.chance(0.7) ? rng.int(1, 3) : null,
  };
}

function drawPrice(rng: Rng, zip: ZipInfo, rental: boolean, sqft: number): number {
  // Log-normal spread around the area's level, scaled by size: real price lists are right-skewed.
  const spread = Math.exp((rng.next() + rng.next() + rng.next() - 1.5) * 0.45);
  const size = (sqft / 1_600) ** 0.6;
  if (rental) return roundTo(zip.medianRentUsd * spread * size, 5);
  const price = zip.medianPriceUsd * spread * size;
  return roundTo(price, price >= 1_000_000 ? 5_000 : 1_000);
}

function drawPriorSale(rng: Rng, basePrice: number, rental: boolean): { date: string; price: number } {
  const year = rng.int(1975, 2023);
  const month = String(rng.int(1, 12)).padStart(2, '0');
  const day = String(rng.int(1, 28)).padStart(2, '0');
  // Rentals were bought as homes: scale the rent back to a price before discounting for age.
  const homePrice = rental ? basePrice * 200 : basePrice;
  const price = roundTo(homePrice * 0.97 ** (2024 - year), 500);
  return { date: `${year}-${month}-${day}`, price };
}

/** Rounds to the nearest multiple of `step`. */
export function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
