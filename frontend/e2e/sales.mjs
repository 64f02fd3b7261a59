// The sales user's journey through the CRM.
import { join } from "node:path";
import { check, DEMO_PASSWORD, session, SHOTS, step } from "./harness.mjs";
import { axeViolations, launchBrowser, storedLinkCodes } from "./lib.mjs";

let contactUrl = "";

export async function salesJourney(web, api) {
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
      await p.getByRole("button", { name: "Add an email" }).click();
      await p.getByLabel("Email 2", { exact: true }).fill("iris.v@home.example");
      await p.getByLabel("Phone").fill("+33 6 12 34 56 78");
      await p.audit("new contact form", "contact-form");
      await p.getByRole("button", { name: "Create" }).click();
      await p.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
      await p.getByRole("heading", { name: "Iris Vasquez" }).waitFor();
      await p.getByText("iris.v@home.example").waitFor();
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
    await step("link Teams: a one-time code from the profile menu, shown, stored and copied", async () => {
      await p.goto(`${web.url}/contacts`);
      await p.getByRole("link", { name: "Link Teams" }).click();
      await p.waitForURL(/\/profile\/link-teams$/);
      await p.getByRole("heading", { name: "Link your Teams account" }).waitFor();
      await p.audit("link Teams (no code yet)");
      const [response] = await Promise.all([
        p.waitForResponse((r) => r.url().endsWith("/api/v1/bot/link-codes") && r.request().method() === "POST"),
        p.getByRole("button", { name: "Get a code" }).click(),
      ]);
      check(response.status() === 201, `link-codes answered ${response.status()}`);
      const issued = await response.json();
      const shown = ((await p.locator(".link-code").textContent()) ?? "").trim();
      check(shown.replace(/[- ]/g, "").length >= 6, `code too short: "${shown}"`);
      check(shown === issued.code, `shown "${shown}", the API returned "${issued.code}"`);
      const instructions = ((await p.locator(".link-instructions").textContent()) ?? "").replace(/\s+/g, " ").trim();
      check(instructions === issued.instructions, `instructions "${instructions}" differ from the API's "${issued.instructions}"`);
      check(instructions.includes(`link ${shown}`), `instructions "${instructions}" do not contain the code`);
      check(storedLinkCodes(api.databaseFile, "sales@example.com", shown) === 1, "the API stored no unused code for the sales user matching the one shown");
      const timer = (await p.getByRole("timer").textContent()) ?? "";
      check(/^Expires in (10:00|9:[0-5]\d) \(at .+\)$/.test(timer), `countdown "${timer}"`);
      await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: web.url });
      await p.getByRole("button", { name: "Copy message" }).click();
      await p.getByRole("status").filter({ hasText: `Copied: link ${shown}.` }).waitFor();
      const clipboard = await p.evaluate(() => navigator.clipboard.readText());
      check(clipboard === `link ${shown}`, `clipboard holds "${clipboard}"`);
      await p.audit("link Teams with a code", "link-teams");
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
