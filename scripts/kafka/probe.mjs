// Readiness probe for scripts/kafka.sh: exits 0 once the broker answers a Metadata request listing itself.
// Plain JavaScript so the shell script can run it without a TypeScript loader.
import { Admin } from '@platformatic/kafka';

const [host = '127.0.0.1', port = '9092'] = (process.argv[2] ?? '').split(':');
const admin = new Admin({
  clientId: 'realty-kafka-probe',
  bootstrapBrokers: [`${host}:${port}`],
  connectTimeout: 1000,
  requestTimeout: 2000,
  retries: 0,
});

try {
  const metadata = await admin.metadata({ topics: [] });
  process.exitCode = metadata.brokers.size > 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`probe: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await admin.close().catch(() => {});
}
