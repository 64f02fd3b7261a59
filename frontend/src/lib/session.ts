// The signed-in session: tokens kept in localStorage so a reload stays signed in; refreshed quietly.
export type Tokens = { accessToken: string; refreshToken: string; expiresAt: number };

const KEY = "nova.session";
export const SIGNED_OUT_EVENT = "nova:signed-out";

export function readTokens(): Tokens | null {
  if (typeof window === "undefined") return null;
  try {
    const raw = window.localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

export function writeTokens(tokens: Tokens | null): void {
  if (tokens) window.localStorage.setItem(KEY, JSON.stringify(tokens));
  else window.localStorage.removeItem(KEY);
}

type TokenResponse = { access_token: string; refresh_token: string; expires_in: number };

export function toTokens(body: TokenResponse, now = Date.now()): Tokens {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresAt: now + body.expires_in * 1000,
  };
}

let inFlight: Promise<Tokens | null> | null = null;

/** Rotate the refresh token once, however many requests ask at the same time. */
export function refreshTokens(fetcher: typeof fetch = fetch): Promise<Tokens | null> {
  if (inFlight) return inFlight;
  inFlight = (async () => {
    const current = readTokens();
    if (!current) return null;
    const response = await fetcher(new URL("/api/v1/auth/refresh", window.location.origin), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: current.refreshToken }),
    });
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      writeTokens(null);
      window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
      return null;
    }
    if (!response.ok) return null; // the server is unwell: keep the session, the call fails

    const tokens = toTokens((await response.json()) as TokenResponse);
    writeTokens(tokens);
    return tokens;
  })().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

const EARLY_REFRESH_MS = 30_000;

/** fetch with the bearer token; refreshes shortly before expiry and once more on a 401. */
export async function authFetch(input: Request, fetcher: typeof fetch = fetch): Promise<Response> {
  let tokens = readTokens();
  if (tokens && tokens.expiresAt - Date.now() < EARLY_REFRESH_MS) tokens = await refreshTokens(fetcher);
  const retry = input.clone();
  const first = await fetcher(withBearer(input, tokens));
  if (first.status !== 401 || !tokens) return first;
  const renewed = await refreshTokens(fetcher);
  return renewed ? fetcher(withBearer(retry, renewed)) : first;
}

function withBearer(request: Request, tokens: Tokens | null): Request {
  if (tokens) request.headers.set("Authorization", `Bearer ${tokens.accessToken}`);
  return request;
}
