import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Schemas } from "@/lib/api";
import { AlertActions } from "./AlertActions";
import { RevealPanel } from "./RevealPanel";

vi.mock("@/lib/auth", () => ({ useAuth: () => ({ user: { id: "me" } }) }));

const alert = {
  id: "a1",
  status: "new",
  severity: "high",
  category: "pii",
  categories: ["pii"],
  detectors: ["pii.credit_card"],
  source: "teams_channel_message",
  policy_name: "Default",
  policy_version: 1,
  occurrences: 1,
  redacted_excerpt: "card <CREDIT_CARD>",
  tags: [],
  version: 3,
  findings: [],
  history: [],
  reveal_requests: [],
  four_eyes: true,
} as unknown as Schemas["AlertDetailRead"];

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("AlertActions", () => {
  it("sends If-Match and reloads with a warning when someone else acted first", async () => {
    const fetchMock = vi.fn(async () =>
      json(409, { type: "urn:novacrm:problem:conflict", title: "Conflict", status: 409, detail: "stale", current: { id: "a1", status: "acknowledged", version: 4 } }),
    );
    vi.stubGlobal("fetch", fetchMock);
    const onStale = vi.fn();
    render(<AlertActions alert={alert} onChanged={vi.fn()} onStale={onStale} />);
    await userEvent.click(screen.getByRole("button", { name: "Acknowledge" }));

    expect(await screen.findByText(/Someone else changed this record/)).toBeInTheDocument();
    expect(onStale).toHaveBeenCalledOnce();
    const request = (fetchMock.mock.calls[0] as unknown as [Request])[0];
    expect(request.headers.get("if-match")).toBe('"3"');
  });
});

describe("RevealPanel", () => {
  it("asks for a reason before calling the server", async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    render(<RevealPanel alert={alert} onChanged={vi.fn()} />);
    await userEvent.click(screen.getByRole("button", { name: "Request reveal" }));
    expect(screen.getByLabelText("Reason")).toHaveAccessibleDescription("Give a reason of at least 10 characters.");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("shows that a second officer must approve under four eyes", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => json(200, { request: { id: "r1", status: "pending" }, content: null })));
    const onChanged = vi.fn();
    render(<RevealPanel alert={alert} onChanged={onChanged} />);
    expect(screen.getByText(/Four eyes: a second officer must approve/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Reason"), "Checking a reported leak, case 12.");
    await userEvent.click(screen.getByRole("button", { name: "Request reveal" }));
    expect(await screen.findByText("Request sent: a second officer must approve it.")).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalledOnce();
  });
});
