"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, unwrap, type Schemas } from "./api";
import { readTokens, SIGNED_OUT_EVENT, toTokens, writeTokens } from "./session";

export type User = Schemas["UserRead"];
type Status = "loading" | "signed-in" | "anonymous";

type Auth = {
  status: Status;
  user: User | null;
  signIn: (email: string, password: string) => Promise<User>;
  signInWithToken: (accessToken: string, expiresIn: number) => Promise<User>;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<Auth | null>(null);

const USER_KEY = "nova.user";

function readCachedUser(): User | null {
  try {
    return JSON.parse(window.sessionStorage.getItem(USER_KEY) ?? "null") as User | null;
  } catch {
    return null;
  }
}

function cacheUser(user: User | null): void {
  if (user) window.sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  else window.sessionStorage.removeItem(USER_KEY);
}

async function fetchMe(): Promise<User> {
  return unwrap(await api.GET("/api/v1/users/me"));
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<Status>("loading");

  useEffect(() => {
    // Show the app at once with the user this tab last saw, then check it with the server.
    const restore = async () => {
      await Promise.resolve();
      const cached = readTokens() ? readCachedUser() : null;
      if (cached) {
        setUser(cached);
        setStatus("signed-in");
      }
      let me: User | null = null;
      if (readTokens()) {
        try {
          me = await fetchMe();
        } catch (error) {
          // Only the server's "no" ends the session; a network error or an aborted request
          // (the tab navigating away) must not sign every tab out.
          if (error instanceof ApiError && (error.status === 401 || error.status === 403)) writeTokens(null);
          else me = cached;
        }
      }
      cacheUser(me);
      setUser(me);
      setStatus(me ? "signed-in" : "anonymous");
    };
    void restore();
  }, []);

  useEffect(() => {
    const onSignedOut = () => {
      cacheUser(null);
      setUser(null);
      setStatus("anonymous");
    };
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const response = await fetch("/api/v1/auth/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: email, password }),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, body);
    writeTokens(toTokens(body));
    const me = await fetchMe();
    cacheUser(me);
    setUser(me);
    setStatus("signed-in");
    return me;
  }, []);

  // Entra ID: the backend accepts the Microsoft access token itself as a bearer; there is no refresh token.
  const signInWithToken = useCallback(async (accessToken: string, expiresIn: number) => {
    writeTokens({ accessToken, refreshToken: "", expiresAt: Date.now() + expiresIn * 1000 });
    const me = await fetchMe();
    cacheUser(me);
    setUser(me);
    setStatus("signed-in");
    return me;
  }, []);

  const signOut = useCallback(async () => {
    const tokens = readTokens();
    if (tokens?.refreshToken) {
      await api.POST("/api/v1/auth/logout", { body: { refresh_token: tokens.refreshToken } }).catch(() => undefined);
    }
    writeTokens(null);
    cacheUser(null);
    setUser(null);
    setStatus("anonymous");
  }, []);

  const value = useMemo(
    () => ({ status, user, signIn, signInWithToken, signOut }),
    [status, user, signIn, signInWithToken, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}
