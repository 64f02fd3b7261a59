// The harness of the end-to-end run: steps, results, and signed-in browser sessions that check
// every page they show (axe-core, console errors) and save screenshots.
import { join } from "node:path";
import { axeViolations, launchBrowser, rootDir } from "./lib.mjs";

export const SHOTS = join(rootDir, "docs", "images");
export const DEMO_PASSWORD = "novacrm-demo-password";
export const ADMIN_PASSWORD = "novacrm-admin-password";
export const failures = [];
export const passed = [];

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed.push(name);
    console.log(`  ok  ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
    console.log(`  FAIL ${name}: ${error.message}`);
  }
}

/** A signed-in browser session that checks every page it shows. */
export async function session(web, email, password, options = {}) {
  const context = await launchBrowser(options);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.allowHttpErrors = false;
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    // Chromium logs every 4xx fetch; a refused duplicate is the expected answer in that step.
    if (page.allowHttpErrors && /Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    consoleErrors.push(text);
  });
  page.on("pageerror", (error) => consoleErrors.push(`page error: ${error.message}`));
  page.audit = async (label, shot) => {
    await page.waitForSelector(".state-loading", { state: "detached", timeout: 15_000 }).catch(() => undefined);
    const violations = await axeViolations(page);
    check(violations.length === 0, `axe on ${label}: ${JSON.stringify(violations)}`);
    if (shot) await page.screenshot({ path: join(SHOTS, `web-${shot}.png`), fullPage: false });
    check(consoleErrors.length === 0, `console errors on ${label}: ${consoleErrors.join(" | ")}`);
  };
  await page.goto(`${web.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return { context, page };
}
