// End-to-end run: the real API on a fresh SQLite file with demo data, the built web app, and
// Debian's chromium. Every page visited passes axe-core; screenshots go to docs/images/web-*.png.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { axeViolations, frontendDir, launchBrowser, rootDir, startBackend, startWeb, stop } from "./lib.mjs";

const TIME_LIMIT_MS = Number(process.env.E2E_TIME_LIMIT_MS ?? 8 * 60_000);
const SHOTS = join(rootDir, "docs", "images");
const DEMO_PASSWORD = "novacrm-demo-password";
const failures = [];
const passed = [];
let servers = [];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function step(name, body) {
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
async function session(web, email, password, options = {}) {
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

let contactUrl = "";

async function salesJourney(web) {
  const context = await launchBrowser();
  const page = context.pages()[0] ?? (await context.newPage());
  await step("login page passes axe", async () => {
    await page.goto(`${web.url}/login`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    const violations = await axeViolations(page);
    check(violations.length === 0, JSON.stringify(violations));
    await page.screenshot({ path: join(SHOTS, "web-login.png") });
  });
  await step("wrong password is refused with a message", async () => {
    await page.getByLabel("Email").fill("sales@example.com");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Wrong email or password.").waitFor();
  });
  await context.close();

  const { context: ctx, page: p } = await session(web, "sales@example.com", DEMO_PASSWORD);
  try {
    await step("sales user lands on contacts; nav hides compliance", async () => {
      await p.waitForURL(/\/contacts$/);
      await p.locator("table tbody tr").first().waitFor();
      check((await p.getByRole("link", { name: "Alerts" }).count()) === 0, "sales user sees the Alerts link");
      await p.audit("contacts list", "contacts");
    });
    await step("search narrows the contacts list", async () => {
      await p.getByLabel("Search").fill("dubois");
      await p.waitForFunction(() => {
        const rows = [...document.querySelectorAll("table tbody tr")];
        return rows.length > 0 && rows.every((r) => r.textContent.toLowerCase().includes("dubois"));
      });
    });
    await step("save the search as a view and apply it again", async () => {
      await p.getByLabel("View name").fill("Dubois accounts");
      await p.getByRole("button", { name: "Save view" }).click();
      await p.getByRole("button", { name: "Clear filters" }).click();
      await p.waitForFunction(() => (document.querySelector('input[type="search"]')?.value ?? "x") === "");
      await p.getByLabel("Saved views").selectOption("Dubois accounts");
      await p.waitForFunction(() => document.querySelector('input[type="search"]')?.value === "dubois");
    });
    await step("create a contact", async () => {
      await p.goto(`${web.url}/contacts/new`);
      await p.getByLabel("First name").fill("Iris");
      await p.getByLabel("Last name").fill("Vasquez");
      await p.getByLabel("Email").fill("iris.vasquez@example.org");
      await p.getByLabel("Phone").fill("+33 6 12 34 56 78");
      await p.audit("new contact form", "contact-form");
      await p.getByRole("button", { name: "Create" }).click();
      await p.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
      await p.getByRole("heading", { name: "Iris Vasquez" }).waitFor();
      contactUrl = p.url();
      await p.getByText("Activity timeline").waitFor();
      await p.audit("contact page", "contact");
    });
    await step("log an activity on the contact's timeline", async () => {
      await p.getByLabel("What happened").fill("Called about the pilot; wants a demo next week.");
      await p.getByRole("button", { name: "Log activity" }).click();
      await p.getByText("Called about the pilot").waitFor();
    });
    await step("a second contact with the same email shows the duplicate warning", async () => {
      await p.goto(`${web.url}/contacts/new`);
      await p.getByLabel("First name").fill("Iris");
      await p.getByLabel("Last name").fill("Vasquez-Duplicate");
      await p.getByLabel("Email").fill("iris.vasquez@example.org");
      p.allowHttpErrors = true;
      await p.getByRole("button", { name: "Create" }).click();
      await p.getByText("Possible duplicate.").waitFor();
      p.allowHttpErrors = false;
      check((await p.getByRole("link", { name: "Open the existing record" }).count()) === 1, "no link to the existing record");
      await p.audit("duplicate warning", "duplicate");
    });
    await step("save the duplicate anyway, then merge it into the first one", async () => {
      const firstUrl = contactUrl;
      check(Boolean(firstUrl), "no first contact");
      await p.goto(`${web.url}/contacts/new`);
      await p.getByLabel("First name").fill("Iris");
      await p.getByLabel("Last name").fill("Vasquez");
      await p.getByLabel("Phone").fill("+33 6 12 34 56 78");
      await p.getByLabel("Job title").fill("Head of Procurement");
      p.allowHttpErrors = true;
      await p.getByRole("button", { name: "Create" }).click();
      await p.getByRole("button", { name: "Save anyway" }).click();
      await p.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
      p.allowHttpErrors = false;
      const survivor = firstUrl.split("/").pop();
      const merged = p.url().split("/").pop();
      await p.goto(`${web.url}/merge?type=contacts&survivor=${survivor}&merged=${merged}`);
      await p.getByText("Head of Procurement").waitFor();
      await p.audit("merge screen", "merge");
      await p.getByRole("button", { name: "Merge", exact: true }).click();
      await p.getByText(/Merged\. Fields filled from the duplicate: .*job_title/).waitFor();
      await p.goto(firstUrl);
      await p.getByText("Head of Procurement").waitFor();
    });
    await step("export the contacts as CSV", async () => {
      await p.goto(`${web.url}/contacts`);
      await p.locator("table tbody tr").first().waitFor();
      const [download] = await Promise.all([p.waitForEvent("download"), p.getByRole("button", { name: "Export CSV" }).click()]);
      check(download.suggestedFilename() === "contacts.csv", `downloaded ${download.suggestedFilename()}`);
      const text = await (await import("node:fs/promises")).readFile(await download.path(), "utf8");
      check(text.split("\n")[0].includes("email"), "the CSV has no header with email");
    });
    await step("field errors from the server appear next to the field", async () => {
      await p.goto(`${web.url}/contacts/new`);
      await p.getByLabel("First name").fill("Nobody");
      await p.getByLabel("Email").fill("not-an-email");
      await p.getByLabel("Phone").fill("");
      p.allowHttpErrors = true;
      await p.getByRole("button", { name: "Create" }).click();
      await p.locator(".field-error").first().waitFor();
      p.allowHttpErrors = false;
      const described = await p.getByLabel("Email").getAttribute("aria-describedby");
      check(Boolean(described), "the email input is not described by its error");
    });
    await step("companies and deals lists pass axe", async () => {
      await p.goto(`${web.url}/companies`);
      await p.locator("table tbody tr").first().waitFor();
      await p.audit("companies list", "companies");
      await p.goto(`${web.url}/deals`);
      await p.locator("table tbody tr").first().waitFor();
      await p.audit("deals list", "deals");
    });
    await step("company and deal pages and forms pass axe", async () => {
      await p.goto(`${web.url}/companies`);
      await p.locator("table tbody tr a").first().click();
      await p.waitForURL(/\/companies\/[0-9a-f-]{36}$/);
      await p.getByText("People").waitFor();
      await p.audit("company page", "company");
      await p.goto(`${web.url}/deals`);
      await p.locator("table tbody tr a").first().click();
      await p.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
      await p.getByText("Activity timeline").waitFor();
      await p.audit("deal page", "deal");
      await p.getByRole("button", { name: "Edit" }).click();
      await p.getByLabel("Stage").waitFor();
      await p.audit("deal edit form");
      await p.goto(`${web.url}/deals/new`);
      await p.getByLabel("Pipeline").waitFor();
      await p.audit("new deal form");
      await p.goto(`${web.url}/companies/new`);
      await p.getByLabel("Domain").waitFor();
      await p.audit("new company form");
    });
    await step("drag a deal to the next stage on the pipeline board", async () => {
      await p.goto(`${web.url}/deals/board`);
      const card = p.locator('[data-deal="Fleet tracking rollout"] button');
      await card.waitFor();
      await p.audit("pipeline board", "pipeline");
      await card.dragTo(p.locator('section[data-stage="Closing"]'));
      await p.locator('section[data-stage="Closing"] [data-deal="Fleet tracking rollout"]').waitFor();
      await p.waitForResponse((r) => r.url().includes("/api/v1/deals/") && r.request().method() === "PATCH", { timeout: 5_000 }).catch(() => undefined);
      await p.reload();
      await p.locator('section[data-stage="Closing"] [data-deal="Fleet tracking rollout"]').waitFor();
    });
    await step("move a deal with the keyboard", async () => {
      const card = p.locator('[data-deal="Grid analytics platform"] button');
      const from = await p.locator('section:has([data-deal="Grid analytics platform"])').getAttribute("data-stage");
      await card.focus();
      await p.keyboard.press("Enter");
      await p.keyboard.press("ArrowRight");
      await p.keyboard.press("Enter");
      await p.waitForFunction((stage) => {
        const section = document.querySelector('[data-deal="Grid analytics platform"]')?.closest("section");
        return section && section.getAttribute("data-stage") !== stage;
      }, from);
      await p.reload();
      const to = await p.locator('section:has([data-deal="Grid analytics platform"])').getAttribute("data-stage");
      check(to !== from, `deal still in ${from} after reload`);
    });
    await step("CSV import shows the dry-run report before commit", async () => {
      await p.goto(`${web.url}/import`);
      const csv = "first_name,last_name,email\nNora,Quinn,nora.quinn@example.net\n,Missing,bad-email\nIris,Vasquez,iris.vasquez@example.org\n";
      await p.getByLabel("CSV file").setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await p.getByRole("button", { name: "Check the file (dry run)" }).click();
      await p.getByText("Dry-run report: nothing was saved yet").waitFor();
      await p.audit("import dry run", "import");
      await p.getByRole("button", { name: "Import the valid rows" }).click();
      await p.getByText(/Imported: \d+ record/).waitFor();
    });
    await step("the interface follows the chosen language (French)", async () => {
      await p.goto(`${web.url}/contacts`);
      await p.getByLabel("Language").selectOption("fr");
      await p.getByRole("link", { name: "Affaires" }).waitFor();
      check((await p.evaluate(() => document.documentElement.lang)) === "fr", "html lang is not fr");
      await p.audit("contacts in French");
      await p.getByLabel("Langue").selectOption("en");
    });
    await step("sign out, and the app asks to sign in again", async () => {
      await p.getByRole("button", { name: "Sign out" }).click();
      await p.waitForURL(/\/login/);
      await p.goto(`${web.url}/contacts`);
      await p.waitForURL(/\/login\?next=%2Fcontacts/);
    });
  } finally {
    await ctx.close();
  }
}

async function officerJourney(web) {
  const { context, page: p } = await session(web, "officer@example.com", DEMO_PASSWORD);
  try {
    await step("officer lands on the compliance dashboard with charts", async () => {
      await p.waitForURL(/\/compliance$/);
      await p.getByText("Alerts per day by category").waitFor();
      await p.audit("dashboard", "dashboard");
    });
    let alertUrl = "";
    await step("alerts queue lists the new alert", async () => {
      await p.goto(`${web.url}/compliance/alerts`);
      await p.locator("table tbody tr").first().waitFor();
      await p.audit("alerts queue", "alerts");
      await p.locator("table tbody tr a").first().click();
      await p.waitForURL(/\/compliance\/alerts\/[0-9a-f-]{36}$/);
      alertUrl = p.url();
      await p.locator("mark.hl").first().waitFor();
      await p.audit("alert page", "alert");
    });
    await step("acknowledge then resolve the alert", async () => {
      await p.getByRole("button", { name: "Acknowledge", exact: true }).click();
      await p.getByText("Done: Acknowledge.").waitFor();
      await p.locator("h1 .status-acknowledged").waitFor();
      await p.getByRole("button", { name: "Resolve", exact: true }).click();
      await p.locator("h1 .status-resolved").waitFor();
      await p.audit("resolved alert");
    });
    await step("revealing needs a reason, then shows the raw evidence", async () => {
      await p.getByRole("button", { name: "Reveal", exact: true }).click();
      await p.getByText("Give a reason of at least 10 characters.").waitFor();
      await p.getByLabel("Reason", { exact: true }).fill("Investigating a possible card data leak (case 2026-114).");
      await p.getByRole("button", { name: "Reveal", exact: true }).click();
      await p.getByText("Revealed. This access is recorded in the audit log.").waitFor();
      await p.getByText(/Raw message from/).waitFor();
      await p.audit("revealed evidence", "reveal");
    });
    await step("the audit log shows the reveal and a verified chain", async () => {
      await p.goto(`${web.url}/compliance/audit`);
      await p.getByText(/Audit chain verified: \d+ entries, intact\./).waitFor();
      await p.getByText("compliance.reveal.granted").first().waitFor();
      await p.audit("compliance audit", "audit");
    });
    await step("policy dry run against pasted text", async () => {
      await p.goto(`${web.url}/compliance/policies`);
      await p.getByLabel("Text to test").fill("Mail me at jane.doe@example.com or call +44 20 7946 0958.");
      await p.getByRole("button", { name: "Run" }).click();
      await p.getByText("Redacted result").waitFor();
      await p.audit("policy editor", "policies");
    });
    await step("the alert page still loads after the changes", async () => {
      await p.goto(alertUrl);
      await p.locator("h1 .status-resolved").waitFor();
    });
    await step("tablet width keeps the queue usable", async () => {
      await p.setViewportSize({ width: 820, height: 1180 });
      await p.goto(`${web.url}/compliance/alerts`);
      await p.getByRole("heading", { name: "Alerts" }).waitFor();
      await p.getByLabel("Status").selectOption("");
      await p.locator("table tbody tr").nth(3).waitFor();
      await p.audit("alerts on a tablet", "tablet");
      await p.setViewportSize({ width: 1366, height: 900 });
    });
  } finally {
    await context.close();
  }
}

async function adminJourney(web) {
  const { context, page: p } = await session(web, "admin@example.com", "novacrm-admin-password");
  try {
    for (const [path, label, shot, text] of [
      ["/admin/users", "users", "users", "officer@example.com"],
      ["/admin/api-keys", "API keys", "api-keys", "New API key"],
      ["/admin/operations", "connections and queue", "operations", "Jobs queue"],
      ["/admin/retention", "retention", "retention", "Raw evidence kept (days)"],
    ]) {
      await step(`admin: ${label}`, async () => {
        await p.goto(`${web.url}${path}`);
        await p.getByText(text).first().waitFor();
        await p.audit(label, shot);
      });
    }
    await step("admin: create a user in a sales team", async () => {
      await p.goto(`${web.url}/admin/users`);
      await p.getByText("New user").click();
      await p.getByLabel("Email", { exact: true }).fill("new.seller@example.com");
      await p.getByLabel("Full name").fill("New Seller");
      await p.getByLabel("Password", { exact: true }).fill("a-long-enough-password-2026");
      await p.getByLabel("Sales team", { exact: true }).fill("Benelux");
      await p.getByRole("button", { name: "Create" }).click();
      await p.getByText("User new.seller@example.com created.").waitFor();
      await p.getByRole("cell", { name: "new.seller@example.com", exact: true }).waitFor();
    });
    await step("admin: change a retention period", async () => {
      await p.goto(`${web.url}/admin/retention`);
      await p.getByLabel("Raw evidence kept for pii (days)").fill("45");
      await p.getByRole("button", { name: "Save" }).click();
      await p.getByText("Retention settings saved.").waitFor();
      await p.reload();
      check((await p.getByLabel("Raw evidence kept for pii (days)").inputValue()) === "45", "retention not saved");
    });
    await step("admin: create an API key, shown once", async () => {
      await p.goto(`${web.url}/admin/api-keys`);
      await p.getByLabel("Name").fill("e2e scanner");
      await p.getByLabel("compliance:scan").check();
      await p.getByRole("button", { name: "Create" }).click();
      await p.getByText("Copy the key now; it is shown only once:").waitFor();
    });
    await step("an unknown address gets a plain not-found page", async () => {
      p.allowHttpErrors = true; // chromium logs the document's 404 itself
      const response = await p.goto(`${web.url}/no-such-page`);
      check(response?.status() === 404, `status ${response?.status()}`);
      await p.getByText("This page does not exist.", { exact: false }).waitFor();
      await p.audit("not found");
      p.allowHttpErrors = false;
    });
    await step("admin: the audit log verifies and records the new contact", async () => {
      await p.goto(`${web.url}/admin/audit`);
      await p.getByText(/Audit chain verified/).waitFor();
      await p.getByLabel("Action").fill("crm.contact.created");
      await p.locator("table tbody tr").first().waitFor();
      await p.audit("audit log", "audit-log");
    });
  } finally {
    await context.close();
  }
}

async function viewerJourney(web) {
  const { context, page: p } = await session(web, "viewer@example.com", DEMO_PASSWORD);
  try {
    await step("a viewer sees personal fields masked and cannot create", async () => {
      await p.waitForURL(/\/contacts$/);
      await p.locator("table tbody tr").first().waitFor();
      check((await p.locator(".masked").count()) > 0, "no masked value shown");
      check((await p.getByRole("link", { name: "New" }).count()) === 0, "viewer sees the New button");
      await p.audit("contacts for a viewer", "masked");
    });
  } finally {
    await context.close();
  }
}

async function fourEyesJourney(web) {
  const admin = await session(web, "admin@example.com", "novacrm-admin-password");
  const officer = await session(web, "officer@example.com", DEMO_PASSWORD);
  try {
    await step("four eyes: an admin turns it on in the policy", async () => {
      const p = admin.page;
      await p.goto(`${web.url}/compliance/policies`);
      await p.getByLabel("Revealing evidence needs a second officer").check();
      await p.getByRole("button", { name: "Save as new version" }).click();
      await p.getByText("Saved as a new version.").waitFor();
    });
    let alertUrl = "";
    await step("four eyes: the officer's reveal waits for a second officer", async () => {
      const p = officer.page;
      await p.goto(`${web.url}/compliance/alerts`);
      await p.getByLabel("Status").selectOption("escalated");
      await p.locator("table tbody tr a").first().click();
      await p.waitForURL(/\/compliance\/alerts\/[0-9a-f-]{36}$/);
      alertUrl = p.url();
      await p.getByLabel("Reason", { exact: true }).fill("Escalated injection attempt: checking the full prompt.");
      await p.getByRole("button", { name: "Request reveal" }).click();
      await p.getByText("Request sent: a second officer must approve it.").waitFor();
      await p.getByText("Waiting for a second officer").waitFor();
      await p.audit("reveal awaiting approval", "four-eyes");
    });
    await step("four eyes: a second officer approves, then the requester reveals", async () => {
      await admin.page.goto(alertUrl);
      await admin.page.getByRole("button", { name: "Approve" }).click();
      await admin.page.getByRole("cell", { name: "Approved" }).waitFor();
      const p = officer.page;
      await p.reload();
      await p.getByRole("button", { name: "Reveal now" }).click();
      await p.getByText("Revealed. This access is recorded in the audit log.").waitFor();
      await p.getByText(/Raw message from/).waitFor();
    });
  } finally {
    await admin.context.close();
    await officer.context.close();
  }
}

async function main() {
  if (!existsSync(join(frontendDir, ".next", "BUILD_ID"))) throw new Error("no build: run `./task frontend-build` first");
  mkdirSync(SHOTS, { recursive: true });
  const api = await startBackend();
  servers.push(api.child);
  const web = await startWeb(api.port);
  servers.push(web.child);
  console.log(`e2e: API on :${api.port}, web on ${web.url}`);
  await salesJourney(web);
  await officerJourney(web);
  await adminJourney(web);
  await viewerJourney(web);
  await fourEyesJourney(web);
  api.child.cleanup?.();
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
