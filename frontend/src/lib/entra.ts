// Microsoft Entra ID sign-in for a single-page app: authorization code with PKCE, no secret.
export type EntraConfig = { authority: string; tenantId: string; clientId: string; scope: string };

const STATE_KEY = "nova.entra";

function base64Url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

function endpoint(config: EntraConfig, path: "authorize" | "token"): string {
  return `${config.authority.replace(/\/$/, "")}/${config.tenantId}/oauth2/v2.0/${path}`;
}

function redirectUri(): string {
  return `${window.location.origin}/login/entra`;
}

/** Build the authorize URL and remember the verifier and state for the callback. */
export async function authorizeUrl(config: EntraConfig, next: string): Promise<string> {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(STATE_KEY, JSON.stringify({ verifier, state, next, config }));
  const params = new URLSearchParams({
    client_id: config.clientId,
    response_type: "code",
    redirect_uri: redirectUri(),
    response_mode: "query",
    scope: `openid profile ${config.scope}`,
    state,
    code_challenge: await challengeFor(verifier),
    code_challenge_method: "S256",
  });
  return `${endpoint(config, "authorize")}?${params}`;
}

/** Trade the code for an access token; checks the state we sent. */
export async function redeemCode(query: URLSearchParams): Promise<{ accessToken: string; expiresIn: number; next: string }> {
  const saved = JSON.parse(sessionStorage.getItem(STATE_KEY) ?? "null") as {
    verifier: string;
    state: string;
    next: string;
    config: EntraConfig;
  } | null;
  sessionStorage.removeItem(STATE_KEY);
  const code = query.get("code");
  if (!saved || !code || query.get("state") !== saved.state) throw new Error(query.get("error_description") ?? "sign-in was not completed");
  const response = await fetch(endpoint(saved.config, "token"), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: saved.config.clientId,
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri(),
      code_verifier: saved.verifier,
      scope: `openid profile ${saved.config.scope}`,
    }),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(body.error_description ?? "Microsoft refused the sign-in");
  return { accessToken: body.access_token, expiresIn: body.expires_in ?? 3600, next: saved.next };
}

/** Entra settings from the server's environment, or null when not configured. */
export function entraFromEnv(env: Record<string, string | undefined>): EntraConfig | null {
  const tenantId = env.NOVA_ENTRA_TENANT_ID;
  const clientId = env.NOVA_ENTRA_CLIENT_ID;
  if (!tenantId || !clientId) return null;
  return {
    authority: env.NOVA_ENTRA_AUTHORITY_URL || "https://login.microsoftonline.com",
    tenantId,
    clientId,
    scope: env.NOVA_ENTRA_SCOPE || `api://${clientId}/.default`,
  };
}
