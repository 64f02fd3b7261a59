"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { Tags } from "@/components/Badges";
import { DealForm } from "@/components/crm/DealForm";
import { Props, RecordHeader } from "@/components/crm/RecordHeader";
import { Timeline } from "@/components/crm/Timeline";
import { DataView } from "@/components/states";
import { api, etagOf, unwrap, type Schemas } from "@/lib/api";
import { formatAmount, formatDate, formatDateTime } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";

export default function DealPage() {
  const { id } = useParams<{ id: string }>();
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const deal = useLoad(async () => unwrap(await api.GET("/api/v1/deals/{deal_id}", { params: { path: { deal_id: id } } })), [id]);
  const pipelines = useLoad(async () => unwrap(await api.GET("/api/v1/pipelines")), []);

  return (
    <DataView {...deal}>
      {(d: Schemas["DealRead"]) => {
        const pipeline = pipelines.data?.find((p) => p.id === d.pipeline_id);
        const stage = pipeline?.stages.find((s) => s.id === d.stage_id);
        return (
          <>
            <RecordHeader
              title={d.title}
              back={{ href: "/deals", label: t("deals.title") }}
              editing={editing}
              onEdit={() => setEditing(true)}
              archive={() => api.DELETE("/api/v1/deals/{deal_id}", { params: { path: { deal_id: d.id }, header: { "If-Match": etagOf(d.version) } } })}
            />
            <div className="grid">
              <section className="card" aria-labelledby="details-heading">
                <h2 id="details-heading">{t("record.details")}</h2>
                {editing ? (
                  <DealForm
                    deal={d}
                    onSaved={() => {
                      setEditing(false);
                      deal.reload();
                    }}
                    onCancel={() => setEditing(false)}
                  />
                ) : (
                  <Props
                    rows={[
                      [t("deals.amount"), formatAmount(d.amount, d.currency, locale)],
                      [t("deals.pipeline"), pipeline?.name ?? "…"],
                      [t("deals.stage"), stage?.name ?? "…"],
                      [t("deals.status"), t(`dealStatus.${d.status}` as MessageKey)],
                      [t("deals.probability"), d.probability != null ? `${d.probability} %` : "—"],
                      [t("deals.expectedClose"), formatDate(d.expected_close_date, locale)],
                      [t("contacts.company"), d.company_id ? <Link href={`/companies/${d.company_id}`}>{t("deals.openCompany")}</Link> : "—"],
                      [t("deals.description"), d.description],
                      [t("common.tags"), d.tags.length ? <Tags tags={d.tags} /> : "—"],
                      [t("common.updated"), formatDateTime(d.updated_at, locale)],
                    ]}
                  />
                )}
              </section>
              <Timeline kind="deals" id={d.id} />
            </div>
          </>
        );
      }}
    </DataView>
  );
}
