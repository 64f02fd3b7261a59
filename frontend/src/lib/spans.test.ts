import { describe, expect, it } from "vitest";
import { segment } from "./spans";

const card = { start: 35, end: 54, detector: "pii.credit_card", category: "pii", type: "CREDIT_CARD" };

describe("segment", () => {
  it("marks the placeholder when the excerpt replaced the value", () => {
    const text = "Client wants to renew, the card is <CREDIT_CARD> exp 09/27.";
    const parts = segment(text, [card], true);
    expect(parts.map((p) => p.text)).toEqual(["Client wants to renew, the card is ", "<CREDIT_CARD>", " exp 09/27."]);
    expect(parts[1]!.findings).toEqual([0]);
  });

  it("shifts later spans by the length each placeholder saved", () => {
    const original = "mail a@b.io then call +33 6 12 34 56 78 now";
    const findings = [
      { start: 5, end: 11, detector: "pii.email", category: "pii", type: "EMAIL" },
      { start: 22, end: 39, detector: "pii.phone", category: "pii", type: "PHONE" },
    ];
    expect(original.slice(22, 39)).toBe("+33 6 12 34 56 78");
    const parts = segment("mail <EMAIL> then call <PHONE> now", findings, true);
    expect(parts.filter((p) => p.findings.length).map((p) => p.text)).toEqual(["<EMAIL>", "<PHONE>"]);
  });

  it("keeps the length of masked values and of hashed labels", () => {
    const findings = [
      { start: 4, end: 12, detector: "secret.token", category: "secret", type: "TOKEN" },
      { start: 17, end: 23, detector: "pii.email", category: "pii", type: "EMAIL" },
    ];
    const parts = segment("key ****abcd and <EMAIL:1f2e> end", findings, true);
    expect(parts.filter((p) => p.findings.length).map((p) => p.text)).toEqual(["****abcd", "<EMAIL:1f2e>"]);
    expect(parts.at(-1)!.text).toBe(" end");
  });

  it("merges overlapping findings into one mark on the original text", () => {
    const findings = [
      { start: 0, end: 5, detector: "a", category: "pii", type: "A" },
      { start: 3, end: 8, detector: "b", category: "secret", type: "B" },
    ];
    const parts = segment("abcdefgh tail", findings, false);
    expect(parts[0]).toEqual({ text: "abcdefgh", findings: [0, 1] });
    expect(parts[1]!.text).toBe(" tail");
  });

  it("finds the placeholder when the offsets drifted", () => {
    const parts = segment("the card is <CREDIT_CARD>.", [{ ...card, start: 3, end: 22 }], true);
    expect(parts.filter((p) => p.findings.length).map((p) => p.text)).toEqual(["<CREDIT_CARD>"]);
  });

  it("stops at the end of a truncated excerpt", () => {
    const parts = segment("short", [{ start: 50, end: 60, detector: "x", category: "pii", type: "X" }], true);
    expect(parts).toEqual([{ text: "short", findings: [] }]);
  });
});
