"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { TextField } from "@/components/Field";
import { RequireCapability } from "@/components/Shell";
import { DataView, Notice } from "@/components/states";
import { api, ApiError, unwrap, type Schemas } from "@/lib/api";
import { fullName } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";

type Kind = "contacts" | "companies";
type Record = Schemas["ContactRead"] | Schemas["CompanyRead"];

async function fetchRecord(kind: Kind, id: string): Promise<Record | null> {
  if (!id) return null;
  if (kind === "contacts") return unwrap(await api.GET("/api/v1/contacts/{contact_id}", { params: { path: { contact_id: id } } }));
  return unwrap(await api.GET("/api/v1/companies/{company_id}", { params: { path: { company_id: id } } }));
}

function label(record: Record): string {
  return "first_name" in record ? fullName(record) : record.name;
}

function fields(record: Record): [string, string][] {
  if ("first_name" in record) {
    return [
      ["first_name", record.first_name],
      ["last_name", record.last_name],
      ["emails", record.emails.join(", ")],
      ["phones", record.phones.join(", ")],
      ["job_title", record.job_title ?? ""],
      ["tags", record.tags.join(", ")],
    ];
  }
  return [
    ["name", record.name],
    ["domain", record.domain ?? ""],
    ["industry", record.industry ?? ""],
    ["size", record.size ?? ""],
    ["address", record.address ?? ""],
    ["tags", record.tags.join(", ")],
  ];
}

export default function MergePage() {
  return (
    <RequireCapability capability="crm:write">
      <Suspense>
        <Merge />
      </Suspense>
    </RequireCapability>
  );
}

function Merge() {
  const { t } = useI18n();
  const router = useRouter();
  const params = useSearchParams();
  const kind: Kind = params.get("type") === "companies" ? "companies" : "contacts";
  const [survivorId, setSurvivorId] = useState(params.get("survivor") ?? "");
  const [mergedId, setMergedId] = useState(params.get("merged") ?? "");
  const [result, setResult] = useState<Schemas["MergeResult"]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const survivor = useLoad(() => fetchRecord(kind, survivorId), [kind, survivorId]);
  const merged = useLoad(() => fetchRecord(kind, mergedId), [kind, mergedId]);

  async function merge() {
    setBusy(true);
    setError(undefined);
    const response =
      kind === "contacts"
        ? await api.POST("/api/v1/contacts/{contact_id}/merge", { params: { path: { contact_id: survivorId } }, body: { merged_id: mergedId } })
        : await api.POST("/api/v1/companies/{company_id}/merge", { params: { path: { company_id: survivorId } }, body: { merged_id: mergedId } });
    setBusy(false);
    if (response.response.ok) setResult(response.data);
    else setError(new ApiError(response.response.status, response.error as never).message);
  }

  return (
    <>
      <h1>{t(kind === "contacts" ? "merge.titleContacts" : "merge.titleCompanies")}</h1>
      <p className="muted">{t("merge.explain")}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {result ? (
        <Notice kind="success">
          <p>{t("merge.done", { fields: result.filled_fields.join(", ") || "—" })}</p>
          <Link className="button" href={`/${kind}/${result.survivor_id}`}>
            {t("merge.openSurvivor")}
          </Link>
        </Notice>
      ) : (
        <>
          <div className="form-grid">
            <TextField label={t("merge.survivorId")} value={survivorId} onChange={(e) => setSurvivorId(e.target.value.trim())} />
            <TextField label={t("merge.mergedId")} value={mergedId} onChange={(e) => setMergedId(e.target.value.trim())} hint={t("merge.idHint")} />
          </div>
          <div className="grid">
            {[
              { title: t("merge.survivor"), state: survivor },
              { title: t("merge.merged"), state: merged },
            ].map(({ title, state }) => (
              <section key={title} className="card" aria-label={title}>
                <h2>{title}</h2>
                <DataView {...state} isEmpty={(r) => r === null} empty={t("merge.pick")}>
                  {(record) =>
                    record && (
                      <>
                        <p>
                          <strong>{label(record)}</strong>
                        </p>
                        <dl className="props">
                          {fields(record).map(([name, value]) => (
                            <div key={name} style={{ display: "contents" }}>
                              <dt>{name}</dt>
                              <dd>{value || "—"}</dd>
                            </div>
                          ))}
                        </dl>
                      </>
                    )
                  }
                </DataView>
              </section>
            ))}
          </div>
          <div className="actions">
            <button type="button" className="button" onClick={() => { setSurvivorId(mergedId); setMergedId(survivorId); }} disabled={!survivorId || !mergedId}>
              {t("merge.swap")}
            </button>
            <button type="button" className="button primary" onClick={merge} disabled={busy || !survivor.data || !merged.data || survivorId === mergedId}>
              {t("merge.confirm")}
            </button>
            <button type="button" className="button" onClick={() => router.back()}>
              {t("action.cancel")}
            </button>
          </div>
        </>
      )}
    </>
  );
}
