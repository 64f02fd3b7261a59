"use client";
import { useI18n } from "@/lib/i18n";

const MASK = "***";

/** A field value; one the server masked for this role is shown as such, with a reason. */
export function FieldValue({ value }: { value: string | null | undefined }) {
  const { t } = useI18n();
  if (!value) return <>—</>;
  if (!value.startsWith(MASK)) return <>{value}</>;
  return (
    <span className="masked" title={t("privacy.masked")}>
      {value} <span className="visually-hidden">({t("privacy.masked")})</span>
    </span>
  );
}
