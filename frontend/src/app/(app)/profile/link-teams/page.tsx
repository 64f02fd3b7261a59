"use client";
import { useEffect, useRef, useState } from "react";
import { Notice } from "@/components/states";
import { api, ApiError } from "@/lib/api";
import { useI18n } from "@/lib/i18n";
import { formatCountdown, linkCommand, linkDeadline, milestone, secondsLeft } from "@/lib/linkCode";

type Issued = { code: string; deadline: number; minutes: number };
type CopyState = "idle" | "copied" | "manual";

/** Every signed-in user, whatever the role: link a Teams account with a one-time code. */
export default function LinkTeamsPage() {
  const { t, locale } = useI18n();
  const [issued, setIssued] = useState<Issued>();
  const [now, setNow] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [copy, setCopy] = useState<CopyState>("idle");
  const commandRef = useRef<HTMLElement>(null);

  const left = issued ? secondsLeft(issued.deadline, now) : 0;
  const expired = issued !== undefined && left === 0;
  const active = issued !== undefined && !expired;

  // One tick a second while a code is valid; the count itself comes from the clock, so a
  // throttled background tab is right again on its next tick.
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);

  async function getCode() {
    if (pending) return;
    setPending(true);
    setError(undefined);
    try {
      const result = await api.POST("/api/v1/bot/link-codes");
      if (result.response.ok && result.data) {
        const received = Date.now();
        const deadline = linkDeadline(result.data.expires_at, result.response.headers.get("date"), received);
        setIssued({ code: result.data.code, deadline, minutes: Math.round(secondsLeft(deadline, received) / 60) });
        setNow(received);
        setCopy("idle");
      } else {
        setError(new ApiError(result.response.status, result.error as never).message);
      }
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setPending(false);
    }
  }

  async function copyCommand(code: string) {
    try {
      await navigator.clipboard.writeText(linkCommand(code));
      setCopy("copied");
    } catch {
      // No clipboard (an insecure origin, a refused permission): select the text instead.
      const node = commandRef.current;
      const selection = window.getSelection();
      if (node && selection) selection.selectAllChildren(node);
      setCopy("manual");
    }
  }

  const stage = issued ? milestone(left) : undefined;
  const announcement =
    !issued || stage === "expired"
      ? "" // the expiry notice is an alert of its own
      : stage === "valid"
        ? t("linkTeams.ready", { code: issued.code, minutes: issued.minutes })
        : t(stage === "fiveMinutes" ? "linkTeams.fiveMinutes" : "linkTeams.oneMinute");
  const time = issued ? new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(issued.deadline) : "";

  return (
    <>
      <div className="page-head">
        <h1>{t("linkTeams.title")}</h1>
      </div>
      <section className="card link-teams">
        <p>{t("linkTeams.why")}</p>
        <ol className="link-steps">
          <li>{t("linkTeams.step1")}</li>
          <li>{t("linkTeams.step2")}</li>
          <li>{t("linkTeams.step3")}</li>
        </ol>

        {error && <Notice kind="error">{error}</Notice>}

        {issued && active && (
          <div className="link-code-box">
            <p className="muted link-code-label">{t("linkTeams.codeLabel")}</p>
            <p className="link-code">{issued.code}</p>
            <p className="link-instructions">
              {t("linkTeams.send")}{" "}
              <code ref={commandRef} className="link-command">
                {linkCommand(issued.code)}
              </code>
            </p>
            <div className="actions">
              <button type="button" className="button" onClick={() => copyCommand(issued.code)}>
                {t("linkTeams.copy")}
              </button>
              <span role="status" className={copy === "copied" ? "copy-status copied" : "copy-status"}>
                {copy === "copied"
                  ? t("linkTeams.copied", { command: linkCommand(issued.code) })
                  : copy === "manual"
                    ? t("linkTeams.copyManual")
                    : ""}
              </span>
            </div>
            <p className="countdown" role="timer">
              {t("linkTeams.expiresIn", { countdown: formatCountdown(left), time })}
            </p>
          </div>
        )}
        {expired && <Notice kind="warning">{t("linkTeams.expired")}</Notice>}

        <div className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>

        {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus. */}
        <button type="button" className={active ? "button" : "button primary"} onClick={getCode} aria-disabled={pending}>
          {pending ? t("linkTeams.getting") : issued ? t("linkTeams.getNew") : t("linkTeams.get")}
        </button>
      </section>
    </>
  );
}
