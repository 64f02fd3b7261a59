import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { moveTarget } from "./board";
import { actionsFor, dayBoundary, durationBuckets } from "./compliance";
import { detectLocale, translate } from "./i18n";
import { en, messages } from "./messages";
import { can, homeFor } from "./roles";

describe("ApiError.fieldErrors", () => {
  it("keys the server's errors by field, dropping the body prefix", () => {
    const error = new ApiError(422, {
      type: "urn:novacrm:problem:invalid-input",
      title: "Invalid input",
      status: 422,
      detail: "email: not an email address",
      errors: [
        { loc: ["body", "email"], msg: "not an email address" },
        { loc: ["body", "first_name"], msg: "required" },
      ],
    });
    expect(error.fieldErrors()).toEqual({ email: "not an email address", first_name: "required" });
    expect(error.message).toBe("email: not an email address");
  });

  it("keys an error on a list item by the list and by the item's path", () => {
    const error = new ApiError(422, {
      type: "urn:novacrm:problem:invalid-input",
      title: "Invalid input",
      status: 422,
      detail: "emails[2]: not a valid email address",
      errors: [{ loc: ["body", "emails", 2], msg: "not a valid email address" }],
    });
    expect(error.fieldErrors()).toEqual({ emails: "not a valid email address", "emails.2": "not a valid email address" });
  });
});

describe("i18n", () => {
  it("follows the browser unless the user chose a language", () => {
    expect(detectLocale(null, ["fr-CA", "en"])).toBe("fr");
    expect(detectLocale(null, ["de-DE", "en-US"])).toBe("en");
    expect(detectLocale(null, ["de-DE"])).toBe("en");
    expect(detectLocale("en", ["fr-FR"])).toBe("en");
  });

  it("fills the variables of a message", () => {
    expect(translate("fr", "pager.page", { page: 3 })).toBe("Page 3");
    expect(translate("en", "alerts.bulkDone", { done: 2 })).toBe("2 alert(s) updated.");
  });

  it("has every English message translated to French with the same variables", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const french = messages.fr[key];
      expect(french, key).toBeTruthy();
      const vars = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(vars(french), key).toEqual(vars(en[key]));
    }
  });
});

describe("roles", () => {
  it("shows compliance only to officers and admins", () => {
    expect(can("compliance_officer", "compliance:review")).toBe(true);
    expect(can("admin", "users:manage")).toBe(true);
    expect(can("sales", "compliance:review")).toBe(false);
    expect(can("viewer", "crm:write")).toBe(false);
    expect(can(undefined, "crm:read")).toBe(false);
  });

  it("lands each role on its main screen", () => {
    expect(homeFor("compliance_officer")).toBe("/compliance");
    expect(homeFor("sales")).toBe("/contacts");
  });
});

describe("compliance helpers", () => {
  it("offers only the transitions the server allows", () => {
    expect(actionsFor("new")).toContain("acknowledge");
    expect(actionsFor("acknowledged")).not.toContain("acknowledge");
    expect(actionsFor("resolved")).toEqual(["reopen"]);
  });

  it("buckets the time to acknowledge and to resolve", () => {
    const rows = durationBuckets([
      { seconds_to_acknowledge: 60, seconds_to_resolve: 7200 },
      { seconds_to_acknowledge: 100_000, seconds_to_resolve: null },
    ]);
    expect(rows.map((r) => r.values.ack)).toEqual([1, 0, 0, 0, 1]);
    expect(rows.map((r) => r.values.resolve)).toEqual([0, 0, 1, 0, 0]);
  });

  it("turns a day into the bounds of that day", () => {
    expect(dayBoundary("2026-11-28", false)).toBe("2026-11-28T00:00:00Z");
    expect(dayBoundary("2026-11-28", true)).toBe("2026-11-28T23:59:59.999Z");
    expect(dayBoundary("", true)).toBeUndefined();
  });
});

describe("moveTarget", () => {
  it("moves one stage and stops at either end", () => {
    expect(moveTarget(["a", "b", "c"], "b", 1)).toBe("c");
    expect(moveTarget(["a", "b", "c"], "c", 1)).toBe("c");
    expect(moveTarget(["a", "b", "c"], "a", -1)).toBe("a");
  });
});
