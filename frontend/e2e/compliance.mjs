// The compliance officer's journeys: the alert workflow, reveal, audit, policies, four eyes.
import { ADMIN_PASSWORD, DEMO_PASSWORD, session, step } from "./harness.mjs";

export async function officerJourney(web) {
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

export async function fourEyesJourney(web) {
  const admin = await session(web, "admin@example.com", ADMIN_PASSWORD);
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
