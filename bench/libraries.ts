/**
 * Issue 15's last three rows, each of our modules beside the library that could replace it, in the same run:
 * `realty validate`'s JSON splitter against stream-json, the Kafka adapter's send queue against
 * @platformatic/kafka's ProducerStream on the bench's broker, our Trino HTTP client against trino-client on one
 * Trino started for the stage. The Kafka and Trino parts skip with a line when their service is not provisioned.
 *
 *   npm run bench -- --only libraries
 */

import type { BenchOptions, Figure } from './lib/figure.js';
import { benchJsonSplit } from './lib/library-json-split.js';
import { benchKafkaSend } from './lib/library-kafka-send.js';
import { benchTrino } from './lib/library-trino.js';
import { skipLine } from './lib/provisioned.js';

/** `npm run bench -- --only libraries`. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const figures = await benchJsonSplit(options);
  const brokers = options.services.kafkaBrokers;
  if (brokers === undefined) options.log(skipLine('library-kafka-send', 'kafka'));
  else figures.push(...(await benchKafkaSend(options, brokers)));
  if (!options.services.trino) options.log(skipLine('library-trino', 'trino'));
  else figures.push(...(await benchTrino(options)));
  return figures;
}
