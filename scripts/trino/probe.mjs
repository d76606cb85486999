// Readiness probe for scripts/trino.sh: exits 0 once a query over the hive catalog finishes.
// Plain JavaScript so the shell script can run it without a TypeScript loader. Trino opens its port
// seconds before the node registers; until then queries fail with NO_NODES_AVAILABLE (exit 1, retried).
const server = process.argv[2] ?? 'http://127.0.0.1:8080';
const deadline = AbortSignal.timeout(10_000);

async function call(method, url, body) {
  for (;;) {
    const response = await fetch(url, {
      method,
      body,
      signal: deadline,
      headers: { 'X-Trino-User': 'realty-probe', 'X-Trino-Source': 'realty-probe' },
    });
    // The client protocol: 503 means busy, try the same request again shortly.
    if (response.status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
    else if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
    else return response.json();
  }
}

try {
  let page = await call('POST', `${server}/v1/statement`, 'SHOW SCHEMAS FROM hive');
  while (page.nextUri && !page.error) page = await call('GET', page.nextUri);
  if (page.error) throw new Error(`${page.error.errorName}: ${page.error.message}`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
