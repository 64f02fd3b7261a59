"use client";
import { useParams } from "next/navigation";
import { useState } from "react";
import { SeverityBadge, StatusBadge, Tags } from "@/components/Badges";
import { HighlightedText } from "@/components/Highlight";
import { RequireCapability } from "@/components/Shell";
import { DataView, Notice } from "@/components/states";
import { api, unwrap, type Schemas } from "@/lib/api";
import { formatDateTime, formatDuration } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";
import { AlertActions } from "./AlertActions";
import { RevealPanel } from "./RevealPanel";

type Alert = Schemas["AlertDetailRead"];

export default function AlertPage() {
  return (
    <RequireCapability capability="compliance:review">
      <AlertDetail />
    </RequireCapability>
  );
}

function AlertDetail() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const [fresh, setFresh] = useState<Alert>();
  const loaded = useLoad(async () => unwrap(await api.GET("/api/v1/compliance/alerts/{alert_id}", { params: { path: { alert_id: id } } })), [id]);
  const data = fresh && fresh.id === id && fresh.version >= (loaded.data?.version ?? 0) ? fresh : loaded.data;

  return (
    <DataView data={data} error={loaded.error} loading={loaded.loading} reload={loaded.reload}>
      {(alert) => (
        <>
          <div className="page-head">
            <div>
              <p className="muted" style={{ margin: 0 }}>
                {t("alert.heading", { policy: alert.policy_name, version: alert.policy_version })}
              </p>
              <h1>
                {alert.categories.map((c) => t(`category.${c}` as MessageKey)).join(", ")} · <SeverityBadge severity={alert.severity} />{" "}
                <StatusBadge status={alert.status} />
              </h1>
            </div>
          </div>
          <div className="grid">
            <section className="card" aria-labelledby="evidence-heading">
              <h2 id="evidence-heading">{t("alert.evidence")}</h2>
              <p className="muted">{t("alert.redactedNote")}</p>
              <HighlightedText text={alert.redacted_excerpt} findings={alert.findings} redacted idPrefix="finding" />
              <h3>{t("alert.findings")}</h3>
              <ol className="findings">
                {alert.findings.map((finding, index) => (
                  <li key={index} id={`finding-${index}`}>
                    <strong>
                      {index + 1}. {finding.detector}
                    </strong>{" "}
                    <SeverityBadge severity={finding.severity} /> · {t("alert.score")} {finding.score.toFixed(2)}
                    <Explanation explanation={finding.explanation} />
                  </li>
                ))}
              </ol>
            </section>
            <section className="card" aria-labelledby="facts-heading">
              <h2 id="facts-heading">{t("alert.facts")}</h2>
              <Facts alert={alert} />
            </section>
          </div>
          <AlertActions alert={alert} onChanged={setFresh} onStale={loaded.reload} />
          <RevealPanel alert={alert} onChanged={loaded.reload} />
          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t("alert.history")}</h2>
            <History alert={alert} />
          </section>
        </>
      )}
    </DataView>
  );
}

function Explanation({ explanation }: { explanation: Record<string, unknown> }) {
  const { t } = useI18n();
  const entries = Object.entries(explanation).filter(([, value]) => !(Array.isArray(value) && value.length === 0));
  if (entries.length === 0) return null;
  return (
    <dl className="props" style={{ marginTop: "0.35rem" }}>
      {entries.map(([key, value]) => (
        <div key={key} style={{ display: "contents" }}>
          <dt>{t(`explain.${key}` as MessageKey) === `explain.${key}` ? key : t(`explain.${key}` as MessageKey)}</dt>
          <dd>{Array.isArray(value) ? value.join(", ") : typeof value === "object" ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Facts({ alert }: { alert: Alert }) {
  const { t, locale } = useI18n();
  const rows: [MessageKey, React.ReactNode][] = [
    ["alerts.source", t(`source.${alert.source}` as MessageKey)],
    ["alerts.author", alert.author_pseudonym ?? "—"],
    ["alert.occurrences", alert.occurrences],
    ["alert.firstSeen", formatDateTime(alert.first_seen_at, locale)],
    ["alerts.lastSeen", formatDateTime(alert.last_seen_at, locale)],
    ["alerts.assignee", alert.assignee ?? "—"],
    ["alert.tags", alert.tags.length ? <Tags tags={alert.tags} /> : "—"],
    ["alert.timeToAck", formatDuration(alert.seconds_to_acknowledge)],
    ["alert.timeToResolve", formatDuration(alert.seconds_to_resolve)],
    ["alert.resolution", alert.resolution_reason ?? "—"],
    ["alert.fourEyes", alert.four_eyes ? t("common.yes") : t("common.no")],
  ];
  return (
    <dl className="props">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {alert.link && (
        <>
          <dt>{t("alert.link")}</dt>
          <dd>
            <a href={alert.link} rel="noreferrer noopener" target="_blank">
              {t("alert.openInTeams")}
            </a>
          </dd>
        </>
      )}
    </dl>
  );
}

function History({ alert }: { alert: Alert }) {
  const { t, locale } = useI18n();
  if (alert.history.length === 0) return <Notice kind="info">{t("state.empty")}</Notice>;
  return (
    <ol className="timeline">
      {[...alert.history].reverse().map((event, index) => (
        <li key={index}>
          <time dateTime={event.created_at}>{formatDateTime(event.created_at, locale)}</time> — <strong>{event.actor_label}</strong>{" "}
          {t(`alertAction.${event.action}` as MessageKey)}
          {event.to_status && event.from_status !== event.to_status && <> → {t(`alertStatus.${event.to_status}` as MessageKey)}</>}
          {event.comment && <p style={{ margin: "0.2rem 0" }}>“{event.comment}”</p>}
        </li>
      ))}
    </ol>
  );
}
