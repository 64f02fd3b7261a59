"use client";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";

export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useI18n();
  return <span className={`badge sev-${severity}`}>{t(`severity.${severity}` as MessageKey)}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`badge status status-${status}`}>{t(`alertStatus.${status}` as MessageKey)}</span>;
}

export function Tags({ tags }: { tags: string[] }) {
  return (
    <>
      {tags.map((tag) => (
        <span key={tag} className="badge tag">
          {tag}
        </span>
      ))}
    </>
  );
}
