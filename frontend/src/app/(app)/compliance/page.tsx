"use client";
import { useState } from "react";
import { StackedBarChart, type Series } from "@/components/BarChart";
import { SelectField } from "@/components/Field";
import { RequireCapability } from "@/components/Shell";
import { DataView } from "@/components/states";
import { api, unwrap, type Schemas } from "@/lib/api";
import { CATEGORIES, durationBuckets, SEVERITIES } from "@/lib/compliance";
import { formatDuration } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";

const CATEGORY_COLORS: Record<string, string> = { pii: "#c98a00", secret: "#b42318", injection: "#6941c6", policy: "#1f6fb2" };
const SEVERITY_COLORS: Record<string, string> = { critical: "#7d1010", high: "#d14343", medium: "#d89614", low: "#5b8def" };

export default function DashboardPage() {
  return (
    <RequireCapability capability="compliance:review">
      <Dashboard />
    </RequireCapability>
  );
}

/** Every day of the window, with zeros where nothing happened, so the axis reads as time. */
function daysOf(stats: Schemas["StatsRead"]): { label: string; values: Record<string, number> }[] {
  const byDay = new Map(stats.by_day.map((row) => [String(row.day), row as Record<string, number>]));
  const rows = [];
  const end = new Date(stats.until);
  for (let d = new Date(stats.since); d <= end; d = new Date(d.getTime() + 86400_000)) {
    const day = d.toISOString().slice(0, 10);
    rows.push({ label: day, values: byDay.get(day) ?? {} });
  }
  return rows;
}

async function recentAlerts(since: Date, until: Date): Promise<Schemas["AlertRead"][]> {
  const page = unwrap(await api.GET("/api/v1/compliance/alerts", { params: { query: { since: since.toISOString(), until: until.toISOString(), limit: 200 } } }));
  return page.items;
}

function Dashboard() {
  const { t } = useI18n();
  const [days, setDays] = useState("30");
  const stats = useLoad(async () => {
    const until = new Date();
    const since = new Date(until.getTime() - Number(days) * 86400_000);
    return unwrap(await api.GET("/api/v1/compliance/stats", { params: { query: { since: since.toISOString(), until: until.toISOString() } } }));
  }, [days]);

  const durations = useLoad(async () => {
    const until = new Date();
    return durationBuckets(await recentAlerts(new Date(until.getTime() - Number(days) * 86400_000), until));
  }, [days]);
  const categorySeries: Series[] = CATEGORIES.map((c) => ({ key: `category:${c}`, label: t(`category.${c}` as MessageKey), color: CATEGORY_COLORS[c]! }));
  const severitySeries: Series[] = SEVERITIES.map((s) => ({ key: `severity:${s}`, label: t(`severity.${s}` as MessageKey), color: SEVERITY_COLORS[s]! }));

  return (
    <>
      <div className="page-head">
        <h1>{t("dashboard.title")}</h1>
        <SelectField
          label={t("dashboard.window")}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          options={["7", "30", "90"].map((value) => ({ value, label: t("dashboard.lastDays", { days: value }) }))}
        />
      </div>
      <DataView {...stats}>
        {(data) => (
          <>
            <div className="stats">
              <div className="stat">
                <span className="value">{data.total}</span>
                <span className="label">{t("dashboard.total")}</span>
              </div>
              <div className="stat">
                <span className="value">{(data.by_status.new ?? 0) + (data.by_status.acknowledged ?? 0) + (data.by_status.escalated ?? 0)}</span>
                <span className="label">{t("dashboard.open")}</span>
              </div>
              <div className="stat">
                <span className="value">{formatDuration(data.mean_seconds_to_acknowledge)}</span>
                <span className="label">{t("dashboard.tta")}</span>
              </div>
              <div className="stat">
                <span className="value">{formatDuration(data.mean_seconds_to_resolve)}</span>
                <span className="label">{t("dashboard.ttr")}</span>
              </div>
            </div>
            <div className="grid">
              <div className="card">
                <StackedBarChart title={t("dashboard.byCategory")} rows={daysOf(data)} series={categorySeries} />
              </div>
              <div className="card">
                <StackedBarChart title={t("dashboard.bySeverity")} rows={daysOf(data)} series={severitySeries} />
              </div>
            </div>
            <div className="grid">
              <div className="card">
                <DataView {...durations}>
                  {(rows) => (
                    <StackedBarChart
                      title={t("dashboard.durations")}
                      rows={rows}
                      rowHeader={t("dashboard.duration")}
                      shortLabel={(label) => label}
                      grouped
                      series={[
                        { key: "ack", label: t("dashboard.acknowledged"), color: "#1f6fb2" },
                        { key: "resolve", label: t("dashboard.resolved"), color: "#1d6b34" },
                      ]}
                    />
                  )}
                </DataView>
              </div>
            <div className="card">
              <h2>{t("dashboard.byStatus")}</h2>
              <dl className="props">
                {Object.entries(data.by_status).map(([status, count]) => (
                  <div key={status} style={{ display: "contents" }}>
                    <dt>{t(`alertStatus.${status}` as MessageKey)}</dt>
                    <dd>{count}</dd>
                  </div>
                ))}
              </dl>
            </div>
            </div>
          </>
        )}
      </DataView>
    </>
  );
}
