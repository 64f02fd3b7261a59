import { describe, expect, it, vi } from "vitest";
import { authFetch, readTokens, refreshTokens, SIGNED_OUT_EVENT, writeTokens } from "./session";

const later = () => Date.now() + 600_000;

function tokenResponse(access: string, refresh: string) {
  return new Response(JSON.stringify({ access_token: access, refresh_token: refresh, expires_in: 900 }), { status: 200 });
}

describe("authFetch", () => {
  it("sends the bearer token", async () => {
    writeTokens({ accessToken: "A1", refreshToken: "R1", expiresAt: later() });
    const fetcher = vi.fn(async () => new Response("{}", { status: 200 }));
    await authFetch(new Request("http://localhost/api/v1/users/me"), fetcher);
    expect((fetcher.mock.calls[0] as unknown as [Request])[0].headers.get("Authorization")).toBe("Bearer A1");
  });

  it("refreshes once on a 401 and retries with the new token", async () => {
    writeTokens({ accessToken: "old", refreshToken: "R1", expiresAt: later() });
    const fetcher = vi.fn(async (input: RequestInfo | URL) => {
      const request = input instanceof Request ? input : new Request(String(input));
      if (request.url.endsWith("/auth/refresh")) return tokenResponse("new", "R2");
      return new Response("{}", { status: request.headers.get("Authorization") === "Bearer new" ? 200 : 401 });
    });
    const response = await authFetch(new Request("http://localhost/api/v1/contacts", { method: "POST", body: "{}" }), fetcher as typeof fetch);
    expect(response.status).toBe(200);
    expect(readTokens()?.refreshToken).toBe("R2");
    expect(fetcher).toHaveBeenCalledTimes(3);
  });

  it("refreshes shortly before expiry without waiting for a 401", async () => {
    writeTokens({ accessToken: "old", refreshToken: "R1", expiresAt: Date.now() + 5_000 });
    const fetcher = vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith("/auth/refresh") ? tokenResponse("fresh", "R2") : new Response("{}", { status: 200 }),
    );
    await authFetch(new Request("http://localhost/api/v1/deals"), fetcher as typeof fetch);
    const last = fetcher.mock.calls.at(-1) as unknown as [Request];
    expect(last[0].headers.get("Authorization")).toBe("Bearer fresh");
  });
});

describe("refreshTokens", () => {
  it("rotates once however many callers ask at the same time", async () => {
    writeTokens({ accessToken: "a", refreshToken: "R1", expiresAt: later() });
    const fetcher = vi.fn(async () => tokenResponse("b", "R2"));
    const [first, second] = await Promise.all([refreshTokens(fetcher), refreshTokens(fetcher)]);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(first).toEqual(second);
  });

  it("keeps the session when the server fails to refresh", async () => {
    writeTokens({ accessToken: "a", refreshToken: "R1", expiresAt: later() });
    const result = await refreshTokens(vi.fn(async () => new Response("{}", { status: 503 })));
    expect(result).toBeNull();
    expect(readTokens()?.refreshToken).toBe("R1");
  });

  it("signs out when the refresh token is refused", async () => {
    writeTokens({ accessToken: "a", refreshToken: "replayed", expiresAt: later() });
    const signedOut = vi.fn();
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    const result = await refreshTokens(vi.fn(async () => new Response("{}", { status: 401 })));
    window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
    expect(result).toBeNull();
    expect(readTokens()).toBeNull();
    expect(signedOut).toHaveBeenCalledOnce();
  });
});
