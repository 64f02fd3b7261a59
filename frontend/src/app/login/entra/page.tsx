"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Loading, Notice } from "@/components/states";
import { useAuth } from "@/lib/auth";
import { redeemCode } from "@/lib/entra";
import { useI18n } from "@/lib/i18n";

export default function EntraCallback() {
  const { signInWithToken } = useAuth();
  const { t } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    redeemCode(new URLSearchParams(window.location.search))
      .then(async ({ accessToken, expiresIn, next }) => {
        await signInWithToken(accessToken, expiresIn);
        router.replace(next);
      })
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, [signInWithToken, router]);

  return (
    <main className="login">
      <div className="login-card">
        <h1>NovaCRM</h1>
        {error ? (
          <Notice kind="error">
            {t("login.entraFailed")} {error}
          </Notice>
        ) : (
          <Loading label={t("login.signingIn")} />
        )}
      </div>
    </main>
  );
}
