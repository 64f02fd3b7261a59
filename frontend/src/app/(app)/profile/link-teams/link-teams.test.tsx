import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/lib/i18n";
import LinkTeamsPage from "./page";

const SERVER_NOW = "2026-11-28T10:00:00Z";

function issued(expiresAt: string): Response {
  return new Response(
    JSON.stringify({ code: "ABCD-EFGH", expires_at: expiresAt, instructions: "In Teams, send the NovaCRM bot: link ABCD-EFGH" }),
    { status: 201, headers: { "Content-Type": "application/json", Date: new Date(SERVER_NOW).toUTCString() } },
  );
}

function setClipboard(value: unknown) {
  Object.defineProperty(window.navigator, "clipboard", { value, configurable: true });
}

afterEach(() => {
  vi.useRealTimers();
  setClipboard(undefined);
});

describe("Link Teams page", () => {
  it("shows the code, the message to send, a countdown, and copies the message", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => issued("2026-11-28T10:10:00Z")));
    const writeText = vi.fn(async () => undefined);
    setClipboard({ writeText });
    render(<LinkTeamsPage />);

    fireEvent.click(screen.getByRole("button", { name: "Get a code" }));

    expect(await screen.findByText("ABCD-EFGH")).toHaveClass("link-code");
    expect(screen.getByText("In Teams, send the NovaCRM bot:", { exact: false })).toHaveTextContent(
      "In Teams, send the NovaCRM bot: link ABCD-EFGH",
    );
    expect(screen.getByRole("timer")).toHaveTextContent(/^Expires in 10:00 \(at .+\)$/);
    expect(screen.getByText("New code ready: ABCD-EFGH. It expires in 10 minutes.")).toHaveAttribute("aria-live", "polite");
    expect(screen.getByRole("button", { name: "Get a new code" })).toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: "Copy message" }));
    expect(await screen.findByText("Copied: link ABCD-EFGH. Paste it into your chat with the bot.")).toHaveAttribute("role", "status");
    expect(writeText).toHaveBeenCalledWith("link ABCD-EFGH");
  });

  it("says when the code has expired and offers a new one", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    vi.setSystemTime(new Date("2026-11-28T09:00:00Z")); // the browser's clock is an hour behind
    vi.stubGlobal("fetch", vi.fn(async () => issued("2026-11-28T10:00:03Z")));
    render(<LinkTeamsPage />);

    fireEvent.click(screen.getByRole("button", { name: "Get a code" }));
    await screen.findByText("ABCD-EFGH");
    expect(screen.getByRole("timer")).toHaveTextContent("Expires in 0:03");
    expect(screen.getByText("Less than a minute left on this code.")).toBeInTheDocument();

    act(() => vi.advanceTimersByTime(3_000));

    expect(screen.getByRole("alert")).toHaveTextContent("This code has expired and no longer works. Get a new one.");
    expect(screen.queryByText("ABCD-EFGH")).not.toBeInTheDocument();
    expect(screen.queryByRole("timer")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Get a new code" })).toHaveClass("primary");
  });

  it("selects the message when the browser cannot copy", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => issued("2026-11-28T10:10:00Z")));
    render(<LinkTeamsPage />);
    fireEvent.click(screen.getByRole("button", { name: "Get a code" }));
    await screen.findByText("ABCD-EFGH");

    fireEvent.click(screen.getByRole("button", { name: "Copy message" }));

    expect(await screen.findByText(/Copying is not available in this browser/)).toHaveAttribute("role", "status");
    expect(window.getSelection()?.toString()).toBe("link ABCD-EFGH");
  });

  it("shows the server's problem details, in French too", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ type: "urn:novacrm:problem:forbidden", title: "Forbidden", status: 403, detail: "only a signed-in user can link their Teams account" }),
            { status: 403, headers: { "Content-Type": "application/problem+json" } },
          ),
      ),
    );
    render(
      <I18nProvider initial="fr">
        <LinkTeamsPage />
      </I18nProvider>,
    );
    expect(screen.getByRole("heading", { name: "Lier votre compte Teams" })).toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: "Obtenir un code" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("only a signed-in user can link their Teams account");
    expect(screen.getByRole("button", { name: "Obtenir un code" })).toBeInTheDocument();
  });
});
