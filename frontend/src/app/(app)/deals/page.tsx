"use client";
import Link from "next/link";
import { SelectField } from "@/components/Field";
import { RecordList } from "@/components/RecordList";
import { RequireCapability } from "@/components/Shell";
import { api, unwrap, type Schemas } from "@/lib/api";
import { formatAmount, formatDate } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";

export default function DealsPage() {
  const { t, locale } = useI18n();
  const pipelines = useLoad(async () => unwrap(await api.GET("/api/v1/pipelines")), []);
  const stageName = (id: string) => pipelines.data?.flatMap((p) => p.stages).find((s) => s.id === id)?.name ?? "…";
  return (
    <RequireCapability capability="crm:read">
      <RecordList<Schemas["DealRead"]>
        list="deals"
        title="deals.title"
        newHref="/deals/new"
        exportPath="/api/v1/deals/export.csv"
        sorts={[
          { value: "-updated_at", label: "sort.recent" },
          { value: "title", label: "sort.title" },
          { value: "-amount", label: "sort.amount" },
          { value: "-created_at", label: "sort.newest" },
        ]}
        extraFilters={(extra, set) => (
          <>
            <SelectField
              label={t("deals.status")}
              value={extra.status ?? ""}
              onChange={(e) => set("status", e.target.value)}
              options={[{ value: "", label: t("filter.any") }, ...["open", "won", "lost"].map((s) => ({ value: s, label: t(`dealStatus.${s}` as MessageKey) }))]}
            />
            <SelectField
              label={t("deals.pipeline")}
              value={extra.pipeline ?? ""}
              onChange={(e) => set("pipeline", e.target.value)}
              options={[{ value: "", label: t("filter.any") }, ...(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
            />
          </>
        )}
        columns={[
          { key: "title", label: "deals.dealTitle", sortKey: "title", render: (d) => <Link href={`/deals/${d.id}`}>{d.title}</Link> },
          { key: "amount", label: "deals.amount", sortKey: "amount", render: (d) => formatAmount(d.amount, d.currency, locale) },
          { key: "stage", label: "deals.stage", render: (d) => stageName(d.stage_id) },
          { key: "status", label: "deals.status", render: (d) => <span className={`badge status status-${d.status}`}>{t(`dealStatus.${d.status}` as MessageKey)}</span> },
          { key: "close", label: "deals.expectedClose", render: (d) => formatDate(d.expected_close_date, locale) },
          { key: "updated", label: "common.updated", sortKey: "updated_at", render: (d) => formatDate(d.updated_at, locale) },
        ]}
        load={async (query) => unwrap(await api.GET("/api/v1/deals", { params: { query } }))}
      />
    </RequireCapability>
  );
}
