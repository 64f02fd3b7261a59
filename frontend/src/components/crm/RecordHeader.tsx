"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Notice } from "@/components/states";
import { ApiError } from "@/lib/api";
import { useAuth } from "@/lib/auth";
import { useI18n } from "@/lib/i18n";
import { can } from "@/lib/roles";

/** Title, edit toggle, merge link and archive, shared by the record pages. */
export function RecordHeader({
  title,
  back,
  editing,
  onEdit,
  mergeHref,
  archive,
  children,
}: {
  title: ReactNode;
  back: { href: string; label: string };
  editing: boolean;
  onEdit: () => void;
  mergeHref?: string;
  archive?: () => Promise<{ response: Response; error?: unknown }>;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const router = useRouter();
  const [error, setError] = useState<string>();
  const writable = can(user?.role, "crm:write");
  return (
    <>
      <p style={{ margin: 0 }}>
        <Link href={back.href}>← {back.label}</Link>
      </p>
      <div className="page-head">
        <h1>{title}</h1>
        {writable && (
          <div className="actions">
            {!editing && (
              <button type="button" className="button" onClick={onEdit}>
                {t("action.edit")}
              </button>
            )}
            {mergeHref && (
              <Link className="button" href={mergeHref}>
                {t("merge.action")}
              </Link>
            )}
            {archive && (
              <button
                type="button"
                className="button danger"
                onClick={async () => {
                  if (!window.confirm(t("record.confirmArchive"))) return;
                  const result = await archive();
                  if (result.response.ok) router.push(back.href);
                  else setError(new ApiError(result.response.status, result.error as never).message);
                }}
              >
                {t("action.archive")}
              </button>
            )}
          </div>
        )}
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {children}
    </>
  );
}

export function Props({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="props">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt>{label}</dt>
          <dd>{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
