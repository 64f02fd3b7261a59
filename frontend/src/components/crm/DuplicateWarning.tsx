"use client";
import Link from "next/link";
import { Notice } from "@/components/states";
import { useI18n } from "@/lib/i18n";

/** The server found the same record already: open it, merge, or save anyway. */
export function DuplicateWarning({
  kind,
  duplicateId,
  recordId,
  onForce,
  busy,
}: {
  kind: "contacts" | "companies";
  duplicateId: string;
  recordId?: string;
  onForce: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  return (
    <Notice kind="warning">
      <p style={{ margin: "0 0 0.5rem" }}>
        <strong>{t("duplicate.title")}</strong> {t(kind === "contacts" ? "duplicate.contact" : "duplicate.company")}
      </p>
      <div className="actions">
        <Link className="button small" href={`/${kind}/${duplicateId}`}>
          {t("duplicate.open")}
        </Link>
        {recordId && (
          <Link className="button small" href={`/merge?type=${kind}&survivor=${duplicateId}&merged=${recordId}`}>
            {t("duplicate.merge")}
          </Link>
        )}
        <button type="button" className="button small" onClick={onForce} disabled={busy}>
          {t("duplicate.saveAnyway")}
        </button>
      </div>
    </Notice>
  );
}
