"use client";
import { useState } from "react";
import { RequireCapability } from "@/components/Shell";
import { DataView, Notice } from "@/components/states";
import { api, ApiError, unwrap } from "@/lib/api";
import { useAuth } from "@/lib/auth";
import { formatDateTime, formatDuration } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";

export default function OperationsPage() {
  return (
    <RequireCapability capability="operations:read">
      <Operations />
    </RequireCapability>
  );
}

/** Hours left before a Graph subscription expires; under a day is worth a look. */
function expiryClass(expiresAt: string | null | undefined): string {
  if (!expiresAt) return "status";
  const hours = (new Date(expiresAt).getTime() - Date.now()) / 3600_000;
  return hours < 0 ? "status status-escalated" : hours < 24 ? "sev-medium" : "status status-resolved";
}

function Operations() {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();
  const queue = useLoad(async () => unwrap(await api.GET("/api/v1/operations/queue", { params: { query: { dead_limit: 50 } } })), []);
  const graph = useLoad(async () => unwrap(await api.GET("/api/v1/graph/ingestion")), []);

  async function requeue(jobId: number) {
    const result = await api.POST("/api/v1/graph/ingestion/dead-letters/{job_id}/requeue", { params: { path: { job_id: jobId } } });
    if (result.response.ok) setNotice({ kind: "success", text: t("ops.requeued", { id: jobId }) });
    else setNotice({ kind: "error", text: new ApiError(result.response.status, result.error as never).message });
    queue.reload();
  }

  return (
    <>
      <div className="page-head">
        <h1>{t("ops.title")}</h1>
        <button type="button" className="button" onClick={() => { queue.reload(); graph.reload(); }}>
          {t("action.refresh")}
        </button>
      </div>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t("ops.queue")}</h2>
        <DataView {...queue}>
          {(data) => (
            <>
              <div className="stats">
                <div className="stat">
                  <span className="value">{data.depth}</span>
                  <span className="label">{t("ops.depth")}</span>
                </div>
                <div className="stat">
                  <span className="value">{formatDuration(data.oldest_queued_age_seconds)}</span>
                  <span className="label">{t("ops.oldest")}</span>
                </div>
                {Object.entries(data.counts).map(([status, count]) => (
                  <div className="stat" key={status}>
                    <span className="value">{count}</span>
                    <span className="label">{t("ops.jobs", { status })}</span>
                  </div>
                ))}
              </div>
              <h3>{t("ops.deadLetters")}</h3>
              {data.dead_letters.length === 0 ? (
                <Notice kind="success">{t("ops.noDeadLetters")}</Notice>
              ) : (
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">#</th>
                        <th scope="col">{t("ops.kind")}</th>
                        <th scope="col">{t("ops.attempts")}</th>
                        <th scope="col">{t("ops.lastError")}</th>
                        <th scope="col">{t("common.when")}</th>
                        {user?.role === "admin" && <th scope="col">{t("common.actions")}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {data.dead_letters.map((job) => (
                        <tr key={job.id}>
                          <td>{job.id}</td>
                          <td>
                            <code>{job.kind}</code>
                          </td>
                          <td>
                            {job.attempts}/{job.max_attempts}
                          </td>
                          <td>{job.last_error ?? "—"}</td>
                          <td>{formatDateTime(job.finished_at ?? job.created_at, locale)}</td>
                          {user?.role === "admin" && (
                            <td>
                              <button type="button" className="button small" onClick={() => requeue(job.id)}>
                                {t("ops.requeue")}
                              </button>
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </DataView>
      </section>
      <section aria-labelledby="graph-heading">
        <h2 id="graph-heading">{t("ops.graph")}</h2>
        <DataView {...graph}>
          {(data) => (
            <>
              <p className="muted">{t("ops.queueBackend", { backend: data.queue_backend })}</p>
              {data.subscriptions.length === 0 ? (
                <Notice kind="info">{t("ops.noSubscriptions")}</Notice>
              ) : (
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t("ops.resource")}</th>
                        <th scope="col">{t("alerts.status")}</th>
                        <th scope="col">{t("ops.expires")}</th>
                        <th scope="col">{t("ops.renewed")}</th>
                        <th scope="col">{t("ops.lastError")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.subscriptions.map((s) => (
                        <tr key={`${s.resource}-${s.subscription_id}`}>
                          <td>
                            <code>{s.resource}</code>
                          </td>
                          <td>{s.status}</td>
                          <td>
                            <span className={`badge ${expiryClass(s.expires_at)}`}>{formatDateTime(s.expires_at, locale)}</span>
                          </td>
                          <td>{formatDateTime(s.last_renewed_at, locale)}</td>
                          <td>{s.last_error ?? "—"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </DataView>
      </section>
    </>
  );
}
