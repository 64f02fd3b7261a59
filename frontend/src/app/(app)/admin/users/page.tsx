"use client";
import { useState, type FormEvent } from "react";
import { SelectField, TextField } from "@/components/Field";
import { Pager, useCursorPages } from "@/components/Pager";
import { RequireCapability } from "@/components/Shell";
import { DataView, Notice } from "@/components/states";
import { api, ApiError, unwrap, type Schemas } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";
import type { Role } from "@/lib/roles";

const ROLES: Role[] = ["admin", "compliance_officer", "sales", "viewer"];
type User = Schemas["UserRead"];

export default function UsersPage() {
  return (
    <RequireCapability capability="users:manage">
      <Users />
    </RequireCapability>
  );
}

function Users() {
  const { t } = useI18n();
  const [role, setRole] = useState("");
  const pages = useCursorPages();
  const users = useLoad(
    async () => unwrap(await api.GET("/api/v1/users", { params: { query: { role: (role || undefined) as Role | undefined, limit: 50, cursor: pages.cursor ?? undefined } } })),
    [role, pages.cursor],
  );
  const roleOptions = ROLES.map((value) => ({ value, label: t(`role.${value}` as MessageKey) }));

  return (
    <>
      <div className="page-head">
        <h1>{t("users.title")}</h1>
      </div>
      <CreateUser roleOptions={roleOptions} onCreated={users.reload} />
      <div className="filters">
        <SelectField label={t("users.role")} value={role} onChange={(e) => { setRole(e.target.value); pages.reset(); }} options={[{ value: "", label: t("filter.any") }, ...roleOptions]} />
      </div>
      <DataView {...users} isEmpty={(page) => page.items.length === 0}>
        {(page) => (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t("users.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("users.email")}</th>
                    <th scope="col">{t("users.name")}</th>
                    <th scope="col">{t("users.role")}</th>
                    <th scope="col">{t("users.team")}</th>
                    <th scope="col">{t("users.active")}</th>
                    <th scope="col">{t("users.lastLogin")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((user) => (
                    <UserRow key={`${user.id}-${user.role}-${user.team}-${user.is_active}`} user={user} roleOptions={roleOptions} onSaved={users.reload} />
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

function UserRow({ user, roleOptions, onSaved }: { user: User; roleOptions: { value: string; label: string }[]; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const [role, setRole] = useState<Role>(user.role);
  const [team, setTeam] = useState(user.team ?? "");
  const [active, setActive] = useState(user.is_active);
  const [error, setError] = useState<string>();
  const dirty = role !== user.role || team !== (user.team ?? "") || active !== user.is_active;

  async function save() {
    const result = await api.PATCH("/api/v1/users/{user_id}", { params: { path: { user_id: user.id } }, body: { role, team: team || null, is_active: active } });
    if (result.response.ok) onSaved();
    else setError(new ApiError(result.response.status, result.error as never).message);
  }

  return (
    <tr>
      <td>{user.email}</td>
      <td>{user.full_name || "—"}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          {t("users.roleOf", { email: user.email })}
        </label>
        <select id={`role-${user.id}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roleOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input aria-label={t("users.teamOf", { email: user.email })} value={team} onChange={(e) => setTeam(e.target.value)} size={12} />
      </td>
      <td>
        <input type="checkbox" aria-label={t("users.activeOf", { email: user.email })} checked={active} onChange={(e) => setActive(e.target.checked)} />
      </td>
      <td>{formatDateTime(user.last_login_at, locale)}</td>
      <td>
        <button type="button" className="button small" disabled={!dirty} onClick={save}>
          {t("action.save")}
        </button>
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}

function CreateUser({ roleOptions, onCreated }: { roleOptions: { value: string; label: string }[]; onCreated: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ email: "", full_name: "", password: "", role: "sales" as Role, team: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await api.POST("/api/v1/users", { body: { ...form, team: form.team || null } });
    if (result.response.ok) {
      setErrors({});
      setNotice({ kind: "success", text: t("users.created", { email: form.email }) });
      setForm({ email: "", full_name: "", password: "", role: "sales", team: "" });
      onCreated();
    } else {
      const error = new ApiError(result.response.status, result.error as never);
      setErrors(error.fieldErrors());
      setNotice({ kind: "error", text: error.message });
    }
  }

  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value }));
  return (
    <details className="card">
      <summary>{t("users.new")}</summary>
      <form onSubmit={submit} noValidate style={{ marginTop: "0.75rem" }}>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <div className="form-grid">
          <TextField label={t("users.email")} type="email" required value={form.email} onChange={set("email")} error={errors.email} />
          <TextField label={t("users.name")} value={form.full_name} onChange={set("full_name")} error={errors.full_name} />
          <TextField label={t("users.password")} type="password" autoComplete="new-password" required value={form.password} onChange={set("password")} error={errors.password} />
          <SelectField label={t("users.role")} value={form.role} onChange={set("role")} options={roleOptions} error={errors.role} />
          <TextField label={t("users.team")} value={form.team} onChange={set("team")} error={errors.team} hint={t("users.teamHint")} />
        </div>
        <button type="submit" className="button primary">
          {t("action.create")}
        </button>
      </form>
    </details>
  );
}
