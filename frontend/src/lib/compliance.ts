// Vocabulary of the compliance hub, as the backend defines it.
export const ALERT_STATUSES = ["new", "acknowledged", "escalated", "resolved", "dismissed"] as const;
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const CATEGORIES = ["pii", "secret", "injection", "policy"] as const;
export const SOURCES = [
  "teams_channel_message",
  "teams_chat_message",
  "bot_prompt",
  "ai_gateway",
  "crm_text",
  "api",
] as const;
export const DISMISS_REASONS = ["false_positive", "duplicate", "authorised", "not_actionable", "other"] as const;
export const MIN_REVEAL_REASON = 10;

export type AlertActionName = "acknowledge" | "escalate" | "resolve" | "dismiss" | "reopen";

/** Which workflow actions an alert in this status offers (mirrors the server's transitions). */
export function actionsFor(status: string): AlertActionName[] {
  switch (status) {
    case "new":
      return ["acknowledge", "escalate", "resolve", "dismiss"];
    case "acknowledged":
      return ["escalate", "resolve", "dismiss"];
    case "escalated":
      return ["resolve", "dismiss"];
    case "resolved":
    case "dismissed":
      return ["reopen"];
    default:
      return [];
  }
}

/** A date input (yyyy-mm-dd) as the start or end of that day in UTC, for since/until. */
export function dayBoundary(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  return end ? `${day}T23:59:59.999Z` : `${day}T00:00:00Z`;
}

type Timed = { seconds_to_acknowledge?: number | null; seconds_to_resolve?: number | null };

const BUCKETS: { label: string; max: number }[] = [
  { label: "< 5 min", max: 300 },
  { label: "< 1 h", max: 3600 },
  { label: "< 4 h", max: 4 * 3600 },
  { label: "< 1 d", max: 86400 },
  { label: "≥ 1 d", max: Infinity },
];

/** How many alerts took how long to acknowledge and to resolve, in a few readable buckets. */
export function durationBuckets(alerts: Timed[]): { label: string; values: Record<string, number> }[] {
  const rows = BUCKETS.map((b) => ({ label: b.label, values: { ack: 0, resolve: 0 } as Record<string, number> }));
  const place = (seconds: number | null | undefined, key: string) => {
    if (seconds == null) return;
    const index = BUCKETS.findIndex((b) => seconds < b.max);
    rows[index]!.values[key]! += 1;
  };
  for (const alert of alerts) {
    place(alert.seconds_to_acknowledge, "ack");
    place(alert.seconds_to_resolve, "resolve");
  }
  return rows;
}
