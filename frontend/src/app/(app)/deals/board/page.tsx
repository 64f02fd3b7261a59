"use client";
import Link from "next/link";
import { useState, type KeyboardEvent } from "react";
import { SelectField } from "@/components/Field";
import { RequireCapability } from "@/components/Shell";
import { DataView, Notice } from "@/components/states";
import { api, ApiError, etagOf, unwrap, type Schemas } from "@/lib/api";
import { useAuth } from "@/lib/auth";
import { formatAmount } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import { can } from "@/lib/roles";
import { moveTarget } from "@/lib/board";

type Deal = Schemas["DealRead"];
type Pipeline = Schemas["PipelineRead"];

export default function BoardPage() {
  return (
    <RequireCapability capability="crm:read">
      <Board />
    </RequireCapability>
  );
}

async function loadOpenDeals(pipelineId: string): Promise<Deal[]> {
  const deals: Deal[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 5; i += 1) {
    const page = unwrap(await api.GET("/api/v1/deals", { params: { query: { pipeline: pipelineId, status: "open", limit: 200, cursor, sort: "-amount" } } }));
    deals.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return deals;
}

function Board() {
  const { t } = useI18n();
  const pipelines = useLoad(async () => unwrap(await api.GET("/api/v1/pipelines")), []);
  const [pipelineId, setPipelineId] = useState<string>();
  const pipeline = pipelines.data?.find((p) => p.id === pipelineId) ?? pipelines.data?.find((p) => p.is_default) ?? pipelines.data?.[0];
  return (
    <>
      <div className="page-head">
        <h1>{t("board.title")}</h1>
        <div className="actions">
          {pipelines.data && pipelines.data.length > 1 && (
            <SelectField label={t("deals.pipeline")} value={pipeline?.id ?? ""} onChange={(e) => setPipelineId(e.target.value)} options={pipelines.data.map((p) => ({ value: p.id, label: p.name }))} />
          )}
        </div>
      </div>
      <p className="muted" id="board-help">
        {t("board.help")}
      </p>
      <DataView {...pipelines} isEmpty={(items) => items.length === 0}>
        {() => (pipeline ? <Columns key={pipeline.id} pipeline={pipeline} /> : null)}
      </DataView>
    </>
  );
}

function Columns({ pipeline }: { pipeline: Pipeline }) {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const writable = can(user?.role, "crm:write");
  const loaded = useLoad(() => loadOpenDeals(pipeline.id), [pipeline.id]);
  // Optimistic moves, laid over what the server sent until it sends something newer.
  const [overrides, setOverrides] = useState<Record<string, Deal>>({});
  const deals = (loaded.data ?? []).map((d) => {
    const override = overrides[d.id];
    return override && override.version >= d.version ? override : d;
  });
  const setDeal = (deal: Deal) => setOverrides((all) => ({ ...all, [deal.id]: deal }));
  const dropOverride = (id: string) =>
    setOverrides((all) => {
      const rest = { ...all };
      delete rest[id];
      return rest;
    });
  const [grabbed, setGrabbed] = useState<{ id: string; target: string } | null>(null);
  const [dragOver, setDragOver] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string>();
  const stages = [...pipeline.stages].sort((a, b) => a.position - b.position);
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? "";

  async function move(dealId: string, stageId: string) {
    const deal = deals.find((d) => d.id === dealId);
    if (!deal || deal.stage_id === stageId) return;
    setError(undefined);
    setDeal({ ...deal, stage_id: stageId });
    const result = await api.PATCH("/api/v1/deals/{deal_id}", {
      params: { path: { deal_id: dealId }, header: { "If-Match": etagOf(deal.version) } },
      body: { stage_id: stageId },
    });
    if (result.response.ok && result.data) {
      setDeal(result.data);
      setAnnouncement(t("board.moved", { deal: deal.title, stage: stageName(stageId) }));
    } else {
      dropOverride(dealId);
      const apiError = new ApiError(result.response.status, result.error as never);
      setError(apiError.status === 409 ? t("alert.stale") : apiError.message);
      if (apiError.status === 409) loaded.reload();
    }
  }

  function onKey(event: KeyboardEvent, deal: Deal) {
    if (!grabbed || grabbed.id !== deal.id) return;
    const stageIds = stages.map((s) => s.id);
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      const target = moveTarget(stageIds, grabbed.target, event.key === "ArrowRight" ? 1 : -1);
      setGrabbed({ id: deal.id, target });
      setAnnouncement(t("board.over", { stage: stageName(target) }));
    } else if (event.key === "Escape") {
      event.preventDefault();
      setGrabbed(null);
      setAnnouncement(t("board.cancelled", { deal: deal.title }));
    }
  }

  function toggle(deal: Deal) {
    if (!writable) return;
    if (grabbed?.id === deal.id) {
      const target = grabbed.target;
      setGrabbed(null);
      void move(deal.id, target);
    } else {
      setGrabbed({ id: deal.id, target: deal.stage_id });
      setAnnouncement(t("board.grabbed", { deal: deal.title, stage: stageName(deal.stage_id) }));
    }
  }

  return (
    <>
      <div aria-live="assertive" className="visually-hidden">
        {announcement}
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <DataView data={loaded.data} error={loaded.error} loading={loaded.loading} reload={loaded.reload}>
        {() => (
          <div className="board">
            {stages.map((stage) => {
              const items = deals.filter((d) => d.stage_id === stage.id);
              const total = items.reduce((sum, d) => sum + Number(d.amount), 0);
              // A sum only means something in one currency.
              const currencies = new Set(items.map((d) => d.currency));
              const isTarget = dragOver === stage.id || (grabbed !== null && grabbed.target === stage.id);
              return (
                <section
                  key={stage.id}
                  className={`column${isTarget ? " drop-target" : ""}`}
                  aria-labelledby={`stage-${stage.id}`}
                  data-stage={stage.name}
                  onDragOver={(e) => {
                    if (!writable) return;
                    e.preventDefault();
                    setDragOver(stage.id);
                  }}
                  onDragLeave={() => setDragOver((s) => (s === stage.id ? null : s))}
                  onDrop={(e) => {
                    e.preventDefault();
                    setDragOver(null);
                    const id = e.dataTransfer.getData("text/plain");
                    if (id) void move(id, stage.id);
                  }}
                >
                  <h2 id={`stage-${stage.id}`}>
                    <span>{stage.name}</span>
                    <span className="muted">
                      {items.length}
                      {currencies.size === 1 && ` · ${formatAmount(total, [...currencies][0]!, locale)}`}
                    </span>
                  </h2>
                  <ul>
                    {items.map((deal) => (
                      <li key={deal.id}>
                        <div className={`deal-card${grabbed?.id === deal.id ? " grabbed" : ""}`} data-deal={deal.title}>
                          <button
                            type="button"
                            className="sort-button"
                            draggable={writable}
                            aria-pressed={grabbed?.id === deal.id}
                            aria-describedby="board-help"
                            disabled={!writable}
                            onDragStart={(e) => {
                              e.dataTransfer.setData("text/plain", deal.id);
                              e.dataTransfer.effectAllowed = "move";
                            }}
                            onClick={() => toggle(deal)}
                            onKeyDown={(e) => onKey(e, deal)}
                          >
                            <span className="title">{deal.title}</span>
                          </button>
                          <span className="amount">{formatAmount(deal.amount, deal.currency, locale)}</span>{" "}
                          <Link href={`/deals/${deal.id}`} aria-label={t("board.open", { deal: deal.title })}>
                            {t("action.open")}
                          </Link>
                        </div>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        )}
      </DataView>
    </>
  );
}
