import { execFileSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerReport } from '../../src/cli/commands/report.js';
import { repoRoot } from '../helpers/fixtures.js';
import { sandboxMarketRecords } from '../unit/views/sandbox-market.js';
import { buildViewWarehouse, type ViewWarehouse } from '../unit/views/view-warehouse.js';

// Debian's Chromium, headless, quiet: no sandbox (root in CI), no GPU, nothing phoning home.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOT = path.join(repoRoot, 'docs', 'report.png');

let warehouse: ViewWarehouse;
let browser: Browser;
let reportFile: string;

beforeAll(async () => {
  const executablePath = execFileSync('bash', [path.join(repoRoot, 'scripts', 'chromium.sh')], {
    encoding: 'utf8',
  }).trim();
  // Six weeks of a 600-listing sandbox market from March, seen every other day: spring listings, cuts,
  // rentals and sales.
  const market = { seed: 42, listings: 600, startMs: Date.parse('2026-03-02T00:00:00Z') };
  warehouse = await buildViewWarehouse(sandboxMarketRecords(market, 42, 2));
  reportFile = path.join(warehouse.dir, 'report.html');
  const program = new Command('realty').exitOverride();
  registerReport(program);
  await program.parseAsync(['report', '--out', reportFile, '--data-dir', warehouse.dir], { from: 'user' });
  browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await warehouse?.cleanup();
});

describe('realty report opened in headless Chromium', () => {
  it('renders every chart as SVG, logs no error and fetches nothing but the file itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const errors: string[] = [];
    const fetched: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) fetched.push(request.url());
    });

    await page.goto(`file://${reportFile}`, { waitUntil: 'load' });

    const figures = await page.locator('figure').evaluateAll((nodes) =>
      nodes.map((node) => ({
        id: node.id,
        marks: node.querySelectorAll('svg .mark-line path, svg .mark-symbol path, svg .mark-rect path')
          .length,
        width: node.querySelector('svg')?.getBoundingClientRect().width ?? 0,
      })),
    );
    expect(figures.map((f) => f.id)).toEqual([
      'median-price',
      'price-per-sqft',
      'inventory',
      'days-on-market',
      'price-cut-share',
      'price-changes',
      'rental-yield',
      'deals',
    ]);
    for (const figure of figures) {
      expect(figure.marks, `${figure.id} draws marks`).toBeGreaterThan(0);
      expect(figure.width, `${figure.id} is laid out`).toBeGreaterThan(300);
    }
    expect(await page.locator('table').first().locator('tbody tr').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(fetched).toEqual([]);
    await page.screenshot({ path: SCREENSHOT });
    expect((await stat(SCREENSHOT)).size).toBeLessThan(300 * 1024);
    await page.close();
  });

  it('marks the partial latest week in the page and leaves it out of the trend charts', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(`file://${reportFile}`, { waitUntil: 'load' });

    // Observed every other day from Monday 03-02 to Saturday 04-11: the week of 04-06 has 3 of its days.
    const partial = await page.locator('aside.partial-weeks li').allInnerTexts();
    const inventoryCaption = await page.locator('figure#inventory figcaption p').textContent();
    const latest = await page.locator('section.cards h2').textContent();
    const xLabels = await page.locator('figure#inventory svg .role-axis-label text').allInnerTexts();

    expect(partial).toEqual(['week of 2026-04-06: 3 of 7 days observed']);
    expect(await page.locator('aside.partial-weeks').isVisible()).toBe(true);
    expect(inventoryCaption).toContain('Partial weeks left out: 2026-04-06 (3 of 7 days).');
    expect(latest).toContain('week of 2026-03-30');
    expect(xLabels).not.toContain('Apr 06');
    await page.close();
  });

  it('is one self-contained file: no script, stylesheet link, image or font to fetch', async () => {
    const html = await readFile(reportFile, 'utf8');

    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html.match(/<svg/g)?.length).toBe(8);
  });
});
