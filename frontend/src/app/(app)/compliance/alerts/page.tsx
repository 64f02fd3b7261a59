"use client";
import Link from "next/link";
import { useState } from "react";
import { SeverityBadge, StatusBadge } from "@/components/Badges";
import { SelectField, TextField } from "@/components/Field";
import { Pager, useCursorPages } from "@/components/Pager";
import { RequireCapability } from "@/components/Shell";
import { DataView, Notice } from "@/components/states";
import { api, ApiError, download, etagOf, unwrap, type Schemas } from "@/lib/api";
import { ALERT_STATUSES, CATEGORIES, dayBoundary, SEVERITIES, SOURCES } from "@/lib/compliance";
import { formatDateTime } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useAuth } from "@/lib/auth";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";

type Filters = { status: string; severity: string; category: string; source: string; assignee: string; since: string; until: string };
const NO_FILTERS: Filters = { status: "", severity: "", category: "", source: "", assignee: "", since: "", until: "" };
type Bulk = "acknowledge" | "resolve" | "escalate" | "assign";

export default function AlertsPage() {
  return (
    <RequireCapability capability="compliance:review">
      <AlertsQueue />
    </RequireCapability>
  );
}

function AlertsQueue() {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const [filters, setFilters] = useState<Filters>({ ...NO_FILTERS, status: "new" });
  const pages = useCursorPages();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();
  const [busy, setBusy] = useState(false);

  const alerts = useLoad(
    async () =>
      unwrap(
        await api.GET("/api/v1/compliance/alerts", {
          params: {
            query: {
              status: filters.status ? [filters.status] : undefined,
              severity: filters.severity ? [filters.severity] : undefined,
              category: filters.category ? [filters.category] : undefined,
              source: filters.source ? [filters.source] : undefined,
              assignee_id: filters.assignee || undefined,
              since: dayBoundary(filters.since, false),
              until: dayBoundary(filters.until, true),
              limit: 25,
              cursor: pages.cursor ?? undefined,
            },
          },
        }),
      ),
    [filters, pages.cursor],
  );

  function update(name: keyof Filters, value: string) {
    setFilters((current) => ({ ...current, [name]: value }));
    setSelected(new Set());
    pages.reset();
  }

  async function bulk(action: Bulk, items: Schemas["AlertRead"][]) {
    setBusy(true);
    let done = 0;
    const failed: string[] = [];
    for (const alert of items.filter((item) => selected.has(item.id))) {
      const result = await api.POST("/api/v1/compliance/alerts/{alert_id}/actions", {
        params: { path: { alert_id: alert.id }, header: { "if-match": etagOf(alert.version) } },
        body: action === "assign" ? { action: "assign", assignee_id: "me" } : { action },
      });
      if (result.response.ok) done += 1;
      else failed.push(new ApiError(result.response.status, result.error as never).message);
    }
    setBusy(false);
    setSelected(new Set());
    setNotice(
      failed.length
        ? { kind: "error", text: t("alerts.bulkPartial", { done, failed: failed.length, reason: failed[0] ?? "" }) }
        : { kind: "success", text: t("alerts.bulkDone", { done }) },
    );
    alerts.reload();
  }

  const option = (prefix: string, values: readonly string[]) => [
    { value: "", label: t("filter.any") },
    ...values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) })),
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t("alerts.title")}</h1>
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              const until = new Date();
              const since = new Date(until.getTime() - 30 * 86400_000);
              const query = new URLSearchParams({ since: since.toISOString(), until: until.toISOString(), format: "csv" });
              download(`/api/v1/compliance/alerts/export?${query}`, "alerts.csv").catch((e: Error) =>
                setNotice({ kind: "error", text: e.message }),
              );
            }}
          >
            {t("action.exportCsv")}
          </button>
        </div>
      </div>
      <form className="filters card" aria-label={t("filter.label")} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t("alerts.status")} value={filters.status} onChange={(e) => update("status", e.target.value)} options={option("alertStatus", ALERT_STATUSES)} />
        <SelectField label={t("alerts.severity")} value={filters.severity} onChange={(e) => update("severity", e.target.value)} options={option("severity", SEVERITIES)} />
        <SelectField label={t("alerts.category")} value={filters.category} onChange={(e) => update("category", e.target.value)} options={option("category", CATEGORIES)} />
        <SelectField label={t("alerts.source")} value={filters.source} onChange={(e) => update("source", e.target.value)} options={option("source", SOURCES)} />
        <SelectField label={t("alerts.assignee")} value={filters.assignee} onChange={(e) => update("assignee", e.target.value)} options={[{ value: "", label: t("filter.any") }, { value: user?.id ?? "", label: t("alerts.assignedToMe") }]} />
        <TextField label={t("filter.since")} type="date" value={filters.since} onChange={(e) => update("since", e.target.value)} />
        <TextField label={t("filter.until")} type="date" value={filters.until} onChange={(e) => update("until", e.target.value)} />
        <button type="button" className="button" onClick={() => { setFilters(NO_FILTERS); pages.reset(); }}>
          {t("filter.clear")}
        </button>
      </form>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <DataView {...alerts} isEmpty={(page) => page.items.length === 0} empty={t("alerts.empty")}>
        {(page) => (
          <>
            <div className="actions" role="group" aria-label={t("alerts.bulkLabel")} style={{ marginBottom: "0.5rem" }}>
              <span className="muted">{t("alerts.selected", { count: selected.size })}</span>
              {(["acknowledge", "assign", "escalate", "resolve"] as Bulk[]).map((action) => (
                <button key={action} type="button" className="button small" disabled={busy || selected.size === 0} onClick={() => bulk(action, page.items)}>
                  {t(`alertAction.${action}` as MessageKey)}
                </button>
              ))}
            </div>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t("alerts.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label={t("alerts.selectAll")}
                        checked={page.items.length > 0 && page.items.every((a) => selected.has(a.id))}
                        onChange={(e) => setSelected(new Set(e.target.checked ? page.items.map((a) => a.id) : []))}
                      />
                    </th>
                    <th scope="col">{t("alerts.severity")}</th>
                    <th scope="col">{t("alerts.category")}</th>
                    <th scope="col">{t("alerts.excerpt")}</th>
                    <th scope="col">{t("alerts.source")}</th>
                    <th scope="col">{t("alerts.author")}</th>
                    <th scope="col">{t("alerts.status")}</th>
                    <th scope="col">{t("alerts.lastSeen")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((alert) => (
                    <tr key={alert.id}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t("alerts.selectOne", { id: alert.id.slice(0, 8) })}
                          checked={selected.has(alert.id)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.target.checked) next.add(alert.id);
                            else next.delete(alert.id);
                            setSelected(next);
                          }}
                        />
                      </td>
                      <td><SeverityBadge severity={alert.severity} /></td>
                      <td>{alert.categories.map((c) => t(`category.${c}` as MessageKey)).join(", ")}</td>
                      <td>
                        <Link href={`/compliance/alerts/${alert.id}`}>{alert.redacted_excerpt.slice(0, 90) || alert.id}</Link>
                      </td>
                      <td>{t(`source.${alert.source}` as MessageKey)}</td>
                      <td>{alert.author_pseudonym ?? "—"}</td>
                      <td><StatusBadge status={alert.status} /></td>
                      <td>{formatDateTime(alert.last_seen_at, locale)}</td>
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
