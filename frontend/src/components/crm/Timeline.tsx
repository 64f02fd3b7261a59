"use client";
import { useState, type FormEvent } from "react";
import { SelectField, TextArea } from "@/components/Field";
import { Pager, useCursorPages } from "@/components/Pager";
import { DataView, Notice } from "@/components/states";
import { api, ApiError, unwrap, type Schemas } from "@/lib/api";
import { useAuth } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";
import { can } from "@/lib/roles";

type Kind = "companies" | "contacts" | "deals";
type Activity = Schemas["ActivityRead"];
const TYPES = ["note", "call", "meeting", "task"] as const;

async function loadTimeline(kind: Kind, id: string, cursor?: string) {
  const query = { limit: 20, cursor };
  if (kind === "companies") return unwrap(await api.GET("/api/v1/companies/{company_id}/timeline", { params: { path: { company_id: id }, query } }));
  if (kind === "contacts") return unwrap(await api.GET("/api/v1/contacts/{contact_id}/timeline", { params: { path: { contact_id: id }, query } }));
  return unwrap(await api.GET("/api/v1/deals/{deal_id}/timeline", { params: { path: { deal_id: id }, query } }));
}

/** The record's activities, newest first, and a form to log a new one. */
export function Timeline({ kind, id }: { kind: Kind; id: string }) {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const pages = useCursorPages();
  const timeline = useLoad(() => loadTimeline(kind, id, pages.cursor ?? undefined), [kind, id, pages.cursor]);
  const [type, setType] = useState<(typeof TYPES)[number]>("note");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string>();
  const [warning, setWarning] = useState<string>();

  async function add(event: FormEvent) {
    event.preventDefault();
    const link = kind === "companies" ? { company_id: id } : kind === "contacts" ? { contact_id: id } : { deal_id: id };
    const result = await api.POST("/api/v1/activities", { body: { type, body, ...link } });
    if (result.response.ok && result.data) {
      setBody("");
      setError(undefined);
      setWarning(result.data.compliance.redacted?.length ? t("timeline.redacted") : undefined);
      pages.reset();
      timeline.reload();
    } else {
      setError(new ApiError(result.response.status, result.error as never).message);
    }
  }

  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t("timeline.title")}</h2>
      {can(user?.role, "crm:write") && (
        <form onSubmit={add} noValidate>
          {error && <Notice kind="error">{error}</Notice>}
          {warning && <Notice kind="warning">{warning}</Notice>}
          <div className="form-grid">
            <SelectField label={t("timeline.type")} value={type} onChange={(e) => setType(e.target.value as (typeof TYPES)[number])} options={TYPES.map((v) => ({ value: v, label: t(`activity.${v}` as MessageKey) }))} />
          </div>
          <TextArea label={t("timeline.body")} value={body} onChange={(e) => setBody(e.target.value)} rows={2} />
          <button type="submit" className="button" disabled={!body.trim()}>
            {t("timeline.add")}
          </button>
        </form>
      )}
      <DataView {...timeline} isEmpty={(page) => page.items.length === 0} empty={t("timeline.empty")}>
        {(page) => (
          <>
            <ol className="timeline" style={{ marginTop: "0.75rem" }}>
              {page.items.map((activity: Activity) => (
                <li key={activity.id}>
                  <time dateTime={activity.created_at}>{formatDateTime(activity.created_at, locale)}</time> ·{" "}
                  <strong>{t(`activity.${activity.type}` as MessageKey)}</strong>
                  {activity.is_done && ` · ${t("timeline.done")}`}
                  <p style={{ margin: "0.2rem 0", whiteSpace: "pre-wrap" }}>{activity.body}</p>
                </li>
              ))}
            </ol>
            <Pager page={pages.page} nextCursor={page.next_cursor} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )}
      </DataView>
    </section>
  );
}
