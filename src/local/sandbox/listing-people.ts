import type { Rng } from './seeded-random.js';

const FIRST_NAMES = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Karen',
  'Daniel',
  'Sarah',
  'Maria',
  'Carlos',
  'Wei',
  'Priya',
  'Hyung',
  'Victor',
  'Aisha',
  'Diego',
  'Mei',
  'Omar',
];
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Nguyen',
  'Kim',
  'Patel',
  'Chen',
  'Kang',
  'Quiroz',
  'Okafor',
  'Cohen',
  'Rossi',
];
const BROKERAGES = [
  'Keller Williams Realty',
  'Compass',
  'Coldwell Banker Realty',
  'RE/MAX Elite',
  'Berkshire Hathaway HomeServices',
  "Sotheby's International Realty",
  'Redfin',
  'eXp Realty',
  'Century 21',
  'Douglas Elliman',
];
const SLOGANS = [
  'Top of the line service with bottom line results!',
  'Your neighborhood expert.',
  'Helping families find home since 2004.',
  'Local knowledge. Global reach.',
];
/** MLS ids seen in real results for these states (MRCA, WECA, SAUT, BSMA); others follow their pattern. */
const MLS_IDS: Readonly<Record<string, readonly string[]>> = {
  CA: ['MRCA', 'WECA'],
  UT: ['SAUT'],
  MA: ['BSMA'],
};

/** The listing agent, their office and the MLS that carries the listing. */
export interface ListingPeople {
  agentName: string;
  agentFirst: string;
  fulfillmentId: string;
  email: string;
  agentHref: string | null;
  slogan: string | null;
  officeName: string;
  mlsId: string;
  mlsAgentId: string;
  mlsOfficeId: string;
}

/** Draws the people of one listing; emails and web sites use reserved example domains (RFC 2606). */
export function drawPeople(rng: Rng, city: string, stateCode: string): ListingPeople {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const brokerage = rng.pick(BROKERAGES);
  const slug = `${first}.${last}`.toLowerCase();
  const hasSite = rng.chance(0.4);
  return {
    agentName: `${first} ${last}`,
    agentFirst: first,
    fulfillmentId: String(rng.int(100_000, 4_999_999)),
    email: `${slug}@${rng.pick(['example.com', 'example.net', 'example.org'])}`,
    agentHref: hasSite ? `http://www.${slug.replace('.', '')}.example.com` : null,
    slogan: hasSite ? rng.pick(SLOGANS) : null,
    officeName: rng.chance(0.6) ? `${brokerage} ${city}` : brokerage,
    mlsId: rng.pick(MLS_IDS[stateCode] ?? [`MR${stateCode}`]),
    mlsAgentId: rng.chance(0.5) ? String(rng.int(100_000, 9_999_999)) : randomCode(rng, 8),
    mlsOfficeId: randomCode(rng, 5),
  };
}

function randomCode(rng: Rng, length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let code = '';
  for (let i = 0; i < length; i += 1) code += alphabet[rng.int(0, alphabet.length - 1)];
  return code;
}
