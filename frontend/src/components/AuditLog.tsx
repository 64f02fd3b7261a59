"use client";
import { useState } from "react";
import { TextField } from "@/components/Field";
import { Pager, useCursorPages } from "@/components/Pager";
import { DataView, Notice } from "@/components/states";
import { api, unwrap } from "@/lib/api";
import { dayBoundary } from "@/lib/compliance";
import { formatDateTime } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";

/** The hash-chained audit log (all of it, or the compliance part), with the chain's verification. */
export function AuditLog({ scope }: { scope: "all" | "compliance" }) {
  const { t, locale } = useI18n();
  const [action, setAction] = useState("");
  const [since, setSince] = useState("");
  const [until, setUntil] = useState("");
  const pages = useCursorPages();
  const verification = useLoad(
    async () => unwrap(await (scope === "all" ? api.GET("/api/v1/audit/verify") : api.GET("/api/v1/compliance/audit/verify"))),
    [scope],
  );
  const entries = useLoad(async () => {
    const query = { action: action || undefined, since: dayBoundary(since, false), until: dayBoundary(until, true), limit: 50, cursor: pages.cursor ? Number(pages.cursor) : undefined };
    return unwrap(await (scope === "all" ? api.GET("/api/v1/audit", { params: { query } }) : api.GET("/api/v1/compliance/audit", { params: { query } })));
  }, [scope, action, since, until, pages.cursor]);

  return (
    <>
      <div className="page-head">
        <h1>{scope === "all" ? t("audit.title") : t("audit.complianceTitle")}</h1>
        <button type="button" className="button" onClick={verification.reload}>
          {t("audit.verifyAgain")}
        </button>
      </div>
      <DataView {...verification} reload={verification.reload}>
        {(result) =>
          result.ok ? (
            <Notice kind="success">{t("audit.chainOk", { entries: result.entries })}</Notice>
          ) : (
            <Notice kind="error">{t("audit.chainBroken", { id: result.first_broken_id ?? "?" })}</Notice>
          )
        }
      </DataView>
      <form className="filters card" aria-label={t("filter.label")} onSubmit={(e) => e.preventDefault()}>
        <TextField label={t("audit.action")} placeholder="crm.contact.created" value={action} onChange={(e) => { setAction(e.target.value.trim()); pages.reset(); }} />
        <TextField label={t("filter.since")} type="date" value={since} onChange={(e) => { setSince(e.target.value); pages.reset(); }} />
        <TextField label={t("filter.until")} type="date" value={until} onChange={(e) => { setUntil(e.target.value); pages.reset(); }} />
      </form>
      <DataView {...entries} isEmpty={(page) => page.items.length === 0}>
        {(page) => (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t("audit.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t("common.when")}</th>
                    <th scope="col">{t("audit.actor")}</th>
                    <th scope="col">{t("audit.action")}</th>
                    <th scope="col">{t("audit.target")}</th>
                    <th scope="col">{t("audit.details")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((entry) => (
                    <tr key={entry.id}>
                      <td>{entry.id}</td>
                      <td>{formatDateTime(entry.created_at, locale)}</td>
                      <td>{entry.actor_label}</td>
                      <td>
                        <code>{entry.action}</code>
                      </td>
                      <td>{entry.target_type ? `${entry.target_type} ${entry.target_id?.slice(0, 8) ?? ""}` : "—"}</td>
                      <td>
                        <code style={{ fontSize: "0.8rem", overflowWrap: "anywhere" }}>{JSON.stringify(entry.details)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={pages.page} nextCursor={page.next_cursor} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )}
      </DataView>
    </>
  );
}
