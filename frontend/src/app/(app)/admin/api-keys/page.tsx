"use client";
import { useState, type FormEvent } from "react";
import { TextField } from "@/components/Field";
import { RequireCapability } from "@/components/Shell";
import { DataView, Notice } from "@/components/states";
import { api, ApiError, unwrap } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";

const SCOPES = ["ai:gateway", "compliance:scan", "crm:read", "audit:read"];

export default function ApiKeysPage() {
  return (
    <RequireCapability capability="api_keys:manage">
      <ApiKeys />
    </RequireCapability>
  );
}

function ApiKeys() {
  const { t, locale } = useI18n();
  const keys = useLoad(async () => unwrap(await api.GET("/api/v1/api-keys")), []);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await api.POST("/api/v1/api-keys", { body: { name, scopes } });
    if (result.response.ok && result.data) {
      setCreated(result.data.key);
      setName("");
      setScopes([]);
      setErrors({});
      setError(undefined);
      keys.reload();
    } else {
      const apiError = new ApiError(result.response.status, result.error as never);
      setErrors(apiError.fieldErrors());
      setError(apiError.message);
    }
  }

  async function revoke(id: string) {
    if (!window.confirm(t("apiKeys.confirmRevoke"))) return;
    const result = await api.DELETE("/api/v1/api-keys/{key_id}", { params: { path: { key_id: id } } });
    if (!result.response.ok) setError(new ApiError(result.response.status, result.error as never).message);
    keys.reload();
  }

  return (
    <>
      <div className="page-head">
        <h1>{t("apiKeys.title")}</h1>
      </div>
      <form className="card" onSubmit={submit} noValidate>
        <h2>{t("apiKeys.new")}</h2>
        {error && <Notice kind="error">{error}</Notice>}
        {created && (
          <Notice kind="success">
            {t("apiKeys.shownOnce")} <code style={{ overflowWrap: "anywhere" }}>{created}</code>
          </Notice>
        )}
        <TextField label={t("apiKeys.name")} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required />
        <fieldset style={{ border: 0, padding: 0 }}>
          <legend style={{ fontWeight: 600 }}>{t("apiKeys.scopes")}</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="checkbox" style={{ marginRight: "1rem" }}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))}
              />
              <code>{scope}</code>
            </label>
          ))}
          {errors.scopes && <p className="field-error">{errors.scopes}</p>}
        </fieldset>
        <button type="submit" className="button primary" style={{ marginTop: "0.5rem" }}>
          {t("action.create")}
        </button>
      </form>
      <DataView {...keys} isEmpty={(items) => items.length === 0}>
        {(items) => (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("apiKeys.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("apiKeys.name")}</th>
                  <th scope="col">{t("apiKeys.prefix")}</th>
                  <th scope="col">{t("apiKeys.scopes")}</th>
                  <th scope="col">{t("apiKeys.created")}</th>
                  <th scope="col">{t("apiKeys.lastUsed")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name}</td>
                    <td>
                      <code>{key.prefix}</code>
                    </td>
                    <td>{key.scopes.join(", ")}</td>
                    <td>{formatDateTime(key.created_at, locale)}</td>
                    <td>{formatDateTime(key.last_used_at, locale)}</td>
                    <td>
                      {key.revoked_at ? (
                        <span className="muted">{t("apiKeys.revokedOn", { when: formatDateTime(key.revoked_at, locale) })}</span>
                      ) : (
                        <button type="button" className="button small danger" onClick={() => revoke(key.id)}>
                          {t("apiKeys.revoke")}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataView>
    </>
  );
}
