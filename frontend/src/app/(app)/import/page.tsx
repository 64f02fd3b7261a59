"use client";
import Link from "next/link";
import { useState } from "react";
import { SelectField } from "@/components/Field";
import { RequireCapability } from "@/components/Shell";
import { Notice } from "@/components/states";
import { ApiError, type Schemas } from "@/lib/api";
import { authFetch } from "@/lib/session";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";

type Report = Schemas["ImportReport"];

export default function ImportPage() {
  return (
    <RequireCapability capability="crm:import_export">
      <Import />
    </RequireCapability>
  );
}

/** Send the CSV as the request body; the server streams it (the typed client has no raw-body call). */
async function upload(kind: string, file: File, dryRun: boolean, force: boolean): Promise<Report> {
  const url = new URL(`/api/v1/${kind}/import`, window.location.origin);
  url.searchParams.set("dry_run", String(dryRun));
  url.searchParams.set("force", String(force));
  const response = await authFetch(new Request(url, { method: "POST", headers: { "Content-Type": "text/csv" }, body: await file.text() }));
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as Report;
}

function Import() {
  const { t } = useI18n();
  const [kind, setKind] = useState("contacts");
  const [file, setFile] = useState<File | null>(null);
  const [force, setForce] = useState(false);
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      setReport(await upload(kind, file, dryRun, force));
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t("import.title")}</h1>
      <p className="muted">{t("import.explain")}</p>
      <div className="card">
        <div className="form-grid">
          <SelectField
            label={t("import.kind")}
            value={kind}
            onChange={(e) => { setKind(e.target.value); setReport(undefined); }}
            options={[
              { value: "contacts", label: t("contacts.title") },
              { value: "companies", label: t("companies.title") },
            ]}
          />
          <div className="field">
            <label htmlFor="import-file">{t("import.file")}</label>
            <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setReport(undefined); }} />
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          {t("import.force")}
        </label>
        <div className="actions" style={{ marginTop: "0.75rem" }}>
          <button type="button" className="button" onClick={() => run(true)} disabled={!file || busy}>
            {t("import.dryRun")}
          </button>
          <button type="button" className="button primary" onClick={() => run(false)} disabled={!file || busy || !report?.dry_run || report.valid === 0}>
            {t("import.commit")}
          </button>
        </div>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {report && (
        <section className="card" aria-labelledby="report-heading">
          <h2 id="report-heading">{report.dry_run ? t("import.dryRunReport") : t("import.committed", { created: report.created })}</h2>
          <div className="stats">
            {(["total", "valid", "invalid", "duplicates", "created"] as const).map((name) => (
              <div className="stat" key={name}>
                <span className="value">{report[name]}</span>
                <span className="label">{t(`import.${name}` as MessageKey)}</span>
              </div>
            ))}
          </div>
          {report.ignored_columns.length > 0 && <Notice kind="warning">{t("import.ignored", { columns: report.ignored_columns.join(", ") })}</Notice>}
          {report.rows.length > 0 && (
            <div className="table-wrap">
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">{t("import.row")}</th>
                    <th scope="col">{t("alerts.status")}</th>
                    <th scope="col">{t("import.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((row) => (
                    <tr key={row.row}>
                      <td>{row.row}</td>
                      <td>{row.status}</td>
                      <td>
                        {row.reason ?? "—"}
                        {row.duplicate_id && (
                          <>
                            {" "}
                            <Link href={`/${kind}/${row.duplicate_id}`}>{t("duplicate.open")}</Link>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.rows_truncated && <p className="muted">{t("import.truncated")}</p>}
        </section>
      )}
    </>
  );
}
