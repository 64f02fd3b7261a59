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

/** Several values of one field (a contact's emails), one a line; the first one marked as primary. */
export function FieldValues({ values, primary }: { values: string[]; primary: string }) {
  if (values.length === 0) return <>—</>;
  return (
    <ul className="value-list">
      {values.map((value, index) => (
        <li key={index}>
          <FieldValue value={value} />
          {index === 0 && values.length > 1 && <span className="muted"> ({primary})</span>}
        </li>
      ))}
    </ul>
  );
}
