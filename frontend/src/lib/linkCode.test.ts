import { describe, expect, it } from "vitest";
import { formatCountdown, linkCommand, linkDeadline, milestone, secondsLeft } from "./linkCode";

describe("link code countdown", () => {
  it("formats minutes and zero-padded seconds, never below zero", () => {
    expect(formatCountdown(600)).toBe("10:00");
    expect(formatCountdown(545)).toBe("9:05");
    expect(formatCountdown(42)).toBe("0:42");
    expect(formatCountdown(0.2)).toBe("0:01");
    expect(formatCountdown(0)).toBe("0:00");
    expect(formatCountdown(-5)).toBe("0:00");
  });

  it("counts whole seconds left, rounding up, and stops at zero", () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 12_000)).toBe(0);
    expect(secondsLeft(Number.NaN, 0)).toBe(0);
  });

  it("uses the browser's clock while it agrees with the server's, never counting more than the server", () => {
    const expires = "2026-11-28T10:10:00Z";
    const header = "Sat, 28 Nov 2026 10:00:00 GMT"; // whole seconds: the server's time was 10:00:00.xxx
    const synced = Date.parse("2026-11-28T10:00:00.700Z");
    expect(linkDeadline(expires, header, synced)).toBe(Date.parse(expires));
    expect(secondsLeft(linkDeadline(expires, header, synced), synced)).toBe(600); // 599.3 s, rounded up
    const behind = Date.parse("2026-11-28T09:59:58Z"); // two seconds slow: not 10:02 left
    expect(linkDeadline(expires, header, behind) - behind).toBe(600_000);
  });

  it("counts the server's time left from now when the browser's clock is far off", () => {
    const expires = "2026-11-28T10:10:00Z";
    const header = "Sat, 28 Nov 2026 10:00:00 GMT";
    const slow = Date.parse("2026-11-28T09:00:00Z");
    expect(linkDeadline(expires, header, slow) - slow).toBe(600_000);
    const fast = Date.parse("2026-11-28T11:00:00Z"); // would otherwise show the code as expired
    expect(secondsLeft(linkDeadline(expires, header, fast), fast)).toBe(600);
  });

  it("falls back to the expiry time itself without a usable Date header", () => {
    const expires = "2026-11-28T10:10:00Z";
    expect(linkDeadline(expires, null, 0)).toBe(Date.parse(expires));
    expect(linkDeadline(expires, "not a date", 0)).toBe(Date.parse(expires));
    // A server date after the expiry means no time left, not a negative countdown.
    expect(linkDeadline(expires, "Sat, 28 Nov 2026 10:20:00 GMT", 5_000)).toBe(5_000);
  });

  it("tells screen readers only when the stage changes", () => {
    expect([601, 301, 300, 61, 60, 1, 0].map(milestone)).toEqual([
      "valid",
      "valid",
      "fiveMinutes",
      "fiveMinutes",
      "oneMinute",
      "oneMinute",
      "expired",
    ]);
  });

  it("builds the message the bot expects", () => {
    expect(linkCommand("ABCD-EFGH")).toBe("link ABCD-EFGH");
  });
});
