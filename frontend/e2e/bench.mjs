// Browser benchmark: how fast the contacts list and its search render, measured in the page.
// Expects the API on NOVA_BENCH_API_PORT (seeded by bench/web.py); prints one JSON line.
import { launchBrowser, startWeb, stop } from "./lib.mjs";

const apiPort = Number(process.env.NOVA_BENCH_API_PORT);
const email = process.env.NOVA_BENCH_EMAIL;
const password = process.env.NOVA_BENCH_PASSWORD;
const runs = Number(process.env.NOVA_BENCH_RUNS ?? 10);
const terms = (process.env.NOVA_BENCH_TERMS ?? "hopper,lovelace,noether,tesla").split(",");

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least q of the samples at or below it.
  const at = (q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, median_ms: Math.round(at(0.5)), p95_ms: Math.round(at(0.95)), max_ms: Math.round(sorted.at(-1)) };
}

const rowsShown = () => document.querySelectorAll("table tbody tr").length > 0 && !document.querySelector(".state-loading");

async function main() {
  const web = await startWeb(apiPort);
  const context = await launchBrowser();
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  const apiTimes = [];
  const log = [];
  page.on("console", (m) => log.push(`console ${m.type()}: ${m.text()}`));
  page.on("response", (r) => {
    if (r.status() >= 400) log.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on("requestfinished", (request) => {
    if (/\/api\/v1\/contacts\?/.test(request.url())) apiTimes.push(request.timing().responseEnd);
  });
  try {
    await page.goto(`${web.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/contacts$/);
    await page.waitForFunction(rowsShown);

    // A full page load of the list: from navigation start to the first rows on screen.
    const list = [];
    for (let i = 0; i <= runs; i += 1) {
      await page.goto(`${web.url}/contacts`);
      await page.waitForFunction(rowsShown, undefined, { polling: 16 });
      const ms = await page.evaluate(() => performance.now());
      if (i > 0) list.push(ms); // the first load warms the caches
    }

    // Search: from the keystroke to the matching rows on screen (includes the 200 ms typing pause).
    const search = [];
    const box = page.getByLabel("Search");
    for (let i = 0; i < runs; i += 1) {
      const term = terms[i % terms.length];
      await box.fill("");
      await page.waitForFunction(rowsShown);
      await page.evaluate(() => (window.__t0 = performance.now()));
      await box.fill(term);
      await page.waitForFunction(
        (t) => {
          const rows = [...document.querySelectorAll("table tbody tr")];
          return rows.length > 0 && rows.every((r) => r.textContent.toLowerCase().includes(t));
        },
        term,
        { polling: 16 },
      );
      search.push(await page.evaluate(() => performance.now() - window.__t0));
    }

    // Next page: from the click to the next rows on screen.
    const next = [];
    for (let i = 0; i < runs; i += 1) {
      await page.goto(`${web.url}/contacts`);
      await page.waitForFunction(rowsShown);
      const first = await page.locator("table tbody tr").first().textContent();
      await page.evaluate(() => (window.__t0 = performance.now()));
      await page.getByRole("button", { name: "Next" }).click();
      await page.waitForFunction((f) => document.querySelector("table tbody tr")?.textContent !== f, first, { polling: 16 });
      next.push(await page.evaluate(() => performance.now() - window.__t0));
    }
    console.log(JSON.stringify({ list_page_load: summary(list), search: summary(search), next_page: summary(next) }));
  } catch (error) {
    console.error(`at ${page.url()}:\n${(await page.locator("body").innerText().catch(() => "")).slice(0, 600)}\n${log.slice(-15).join("\n")}`);
    throw error;
  } finally {
    await context.close();
    stop(web.child);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
