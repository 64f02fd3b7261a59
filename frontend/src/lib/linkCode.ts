// The one-time code that links a Teams account to the signed-in user: its deadline and countdown.

/** What the user sends the bot in Teams. */
export function linkCommand(code: string): string {
  return `link ${code}`;
}

/** Clocks closer than this are taken to agree: the browser's is then finer than the Date header. */
const CLOCKS_AGREE_MS = 30_000;

/**
 * When the code expires on this browser's clock. The server's answer says when it expires and,
 * in its Date header, what time the server thought it was. That header has whole seconds only
 * (and may be a second stale), so while the two clocks roughly agree the browser's own is used,
 * never promising more than the server's count; a browser whose clock is minutes off counts the
 * server's time left from now instead, rather than showing a valid code as expired.
 */
export function linkDeadline(expiresAt: string, serverDate: string | null | undefined, now: number): number {
  const expires = Date.parse(expiresAt);
  const served = serverDate ? Date.parse(serverDate) : Number.NaN;
  if (Number.isNaN(served) || Number.isNaN(expires)) return expires;
  const byServer = Math.max(0, expires - served);
  const byBrowser = expires - now;
  if (Math.abs(byBrowser - byServer) <= CLOCKS_AGREE_MS) return now + Math.max(0, Math.min(byBrowser, byServer));
  return now + byServer;
}

/** Whole seconds left before the deadline (rounded up, never negative). */
export function secondsLeft(deadline: number, now: number): number {
  if (Number.isNaN(deadline)) return 0;
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** `9:05`, `0:42`, `0:00`. */
export function formatCountdown(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/**
 * The stage of the countdown that screen readers hear about: announcing every second would drown
 * everything else, so the live region changes only when the stage does.
 */
export type Milestone = "valid" | "fiveMinutes" | "oneMinute" | "expired";

export function milestone(seconds: number): Milestone {
  if (seconds <= 0) return "expired";
  if (seconds <= 60) return "oneMinute";
  if (seconds <= 300) return "fiveMinutes";
  return "valid";
}
