// End-to-end run: the real API on a fresh SQLite file with demo data, the built web app, and
// Debian's chromium. Every page visited passes axe-core; screenshots go to docs/images/web-*.png.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { adminJourney, viewerJourney } from "./admin.mjs";
import { fourEyesJourney, officerJourney } from "./compliance.mjs";
import { failures, passed, SHOTS } from "./harness.mjs";
import { frontendDir, startBackend, startWeb, stop } from "./lib.mjs";
import { salesJourney } from "./sales.mjs";

const TIME_LIMIT_MS = Number(process.env.E2E_TIME_LIMIT_MS ?? 8 * 60_000);
const servers = [];

async function main() {
  if (!existsSync(join(frontendDir, ".next", "BUILD_ID"))) throw new Error("no build: run `./task frontend-build` first");
  mkdirSync(SHOTS, { recursive: true });
  const api = await startBackend();
  servers.push(api.child);
  const web = await startWeb(api.port);
  servers.push(web.child);
  console.log(`e2e: API on :${api.port}, web on ${web.url}`);
  await salesJourney(web, api);
  await officerJourney(web);
  await adminJourney(web);
  await viewerJourney(web);
  await fourEyesJourney(web);
}

const timer = setTimeout(() => {
  console.error(`e2e: over the ${TIME_LIMIT_MS / 1000} s limit, stopping`);
  servers.forEach(stop);
  process.exit(2);
}, TIME_LIMIT_MS);

main()
  .catch((error) => failures.push(`setup: ${error.stack ?? error.message}`))
  .finally(() => {
    clearTimeout(timer);
    servers.forEach(stop);
    console.log(`e2e: ${passed.length} passed, ${failures.length} failed`);
    for (const failure of failures) console.log(`  - ${failure}`);
    process.exit(failures.length ? 1 : 0);
  });
