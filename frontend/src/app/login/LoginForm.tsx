"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useState, type FormEvent } from "react";
import { TextField } from "@/components/Field";
import { Notice } from "@/components/states";
import { ApiError } from "@/lib/api";
import { useAuth } from "@/lib/auth";
import { authorizeUrl, type EntraConfig } from "@/lib/entra";
import { LOCALES, useI18n } from "@/lib/i18n";
import { homeFor } from "@/lib/roles";

function safeNext(next: string | null): string | null {
  return next && next.startsWith("/") && !next.startsWith("//") && next !== "/login" ? next : null;
}

function Form({ entra }: { entra: EntraConfig | null }) {
  const { signIn, status, user } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (status === "signed-in" && user) router.replace(next ?? homeFor(user.role));
  }, [status, user, next, router]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email, password);
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 429) setError(t("login.throttled"));
      else if (reason instanceof ApiError && reason.status < 500) setError(t("login.failed"));
      else setError(t("state.error"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <div className="login-card">
        <h1>NovaCRM</h1>
        <p className="muted">{t("login.subtitle")}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <form onSubmit={submit} noValidate>
          <TextField
            label={t("login.email")}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <TextField
            label={t("login.password")}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? t("login.signingIn") : t("login.submit")}
          </button>
        </form>
        {entra && (
          <>
            <div className="divider">{t("login.or")}</div>
            <button
              type="button"
              className="button wide"
              onClick={async () => {
                window.location.assign(await authorizeUrl(entra, next ?? "/"));
              }}
            >
              {t("login.entra")}
            </button>
          </>
        )}
        <label className="lang login-lang">
          <span>{t("nav.language")}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value as (typeof LOCALES)[number])}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
      </div>
    </main>
  );
}

export function LoginForm({ entra }: { entra: EntraConfig | null }) {
  return (
    <Suspense>
      <Form entra={entra} />
    </Suspense>
  );
}
