"use client";
import { useEffect } from "react";
import { useI18n } from "@/lib/i18n";

/** A screen that failed to render: say so, keep the navigation, offer to try again. */
export default function ScreenError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  useEffect(() => {
    // Keep the reference in the browser's console for support; the message itself is generic.
    console.warn("screen failed", error.digest ?? error.name);
  }, [error]);
  return (
    <div className="state state-error" role="alert">
      <p>{t("state.error")}</p>
      <button type="button" className="button" onClick={reset}>
        {t("action.retry")}
      </button>
    </div>
  );
}
