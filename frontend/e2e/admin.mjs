// The admin's pages, and what a viewer may (not) see.
import { ADMIN_PASSWORD, check, DEMO_PASSWORD, session, step } from "./harness.mjs";

export async function adminJourney(web) {
  const { context, page: p } = await session(web, "admin@example.com", ADMIN_PASSWORD);
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

export async function viewerJourney(web) {
  const { context, page: p } = await session(web, "viewer@example.com", DEMO_PASSWORD);
  try {
    await step("a viewer sees personal fields masked and cannot create", async () => {
      await p.waitForURL(/\/contacts$/);
      await p.locator("table tbody tr").first().waitFor();
      check((await p.locator(".masked").count()) > 0, "no masked value shown");
      check((await p.getByRole("link", { name: "New" }).count()) === 0, "viewer sees the New button");
      check((await p.getByRole("link", { name: "Link Teams" }).count()) === 1, "viewer has no Link Teams link");
      await p.audit("contacts for a viewer", "masked");
    });
  } finally {
    await context.close();
  }
}
