"use client";
import type { ReactNode } from "react";
import { ApiError } from "@/lib/api";
import { useI18n } from "@/lib/i18n";

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("state.loading")}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <div className="state state-empty">{children ?? t("state.empty")}</div>;
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : undefined;
  const message =
    status === 403 ? t("state.forbidden") : status === 404 ? t("state.notFound") : error.message || t("state.error");
  return (
    <div className="state state-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t("action.retry")}
        </button>
      )}
    </div>
  );
}

/** Loading, error, empty or the content, in that order. */
export function DataView<T>({
  data,
  error,
  loading,
  reload,
  isEmpty,
  empty,
  children,
}: {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload?: () => void;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (data === undefined) return loading ? <Loading /> : null;
  if (isEmpty?.(data)) return <Empty>{empty}</Empty>;
  return <>{children(data)}</>;
}

export function Notice({ kind, children }: { kind: "info" | "success" | "warning" | "error"; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === "error" || kind === "warning" ? "alert" : "status"}>
      {children}
    </div>
  );
}
