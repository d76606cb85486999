import type { ListingSnapshot } from './listing-snapshot.js';

// The agent-side objects of a v3 result: who lists it, through which MLS, how leads are routed.

/** The `advertisers[]` object of a v3 result. */
export function v3Advertiser(s: ListingSnapshot) {
  const { people } = s.profile;
  return {
    __typename: 'HomeAdvertiser',
    fulfillment_id: people.fulfillmentId,
    name: people.agentName,
    email: people.email,
    href: people.agentHref,
    slogan: people.slogan,
    type: 'seller',
  };
}

/** The `source` object of a v3 result. */
export function v3Source(s: ListingSnapshot) {
  const { people } = s.profile;
  const agent = {
    __typename: 'MlsAgent',
    id: people.mlsId,
    agent_id: people.mlsAgentId,
    agent_name: people.agentName,
    office_id: people.mlsOfficeId,
    office_name: null,
  };
  return {
    __typename: 'MlsSource',
    agents: [agent],
    id: people.mlsId,
    type: 'mls',
    spec_id: null,
    plan_id: null,
    listing_href: null,
    listing_id: s.profile.mlsListingId,
  };
}

/** The `lead_attributes` object of a v3 result. */
export function v3LeadAttributes(s: ListingSnapshot) {
  const rental = s.stage === 'for_rent' || s.profile.priceRange !== null;
  return {
    __typename: 'LeadAttributes',
    lead_type: rental ? 'rental_basic_mls' : 'co_broke',
    show_contact_an_agent: true,
    opcity_lead_attributes: {
      __typename: 'OpCityLeadAttributes',
      flip_the_market_enabled: s.profile.premium,
    },
  };
}

/** The `products` object of a v3 result. */
export function v3Products(s: ListingSnapshot) {
  const premium = s.profile.premium;
  return {
    __typename: 'ProductSummary',
    brand_name: premium ? 'essentials' : 'basic_opt_in',
    products: premium ? ['core.agent', 'core.broker', 'co_broke'] : ['core.agent', 'co_broke'],
  };
}
