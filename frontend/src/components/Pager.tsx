"use client";
import { useCallback, useState } from "react";
import { useI18n } from "@/lib/i18n";

/** Cursor pagination: the server hands out next_cursor; we keep the way back. */
export function useCursorPages() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const cursor = stack[stack.length - 1] ?? null;
  const next = useCallback((nextCursor: string) => setStack((s) => [...s, nextCursor]), []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([null]), []);
  return { cursor, page: stack.length, next, previous, reset };
}

export function Pager({
  page,
  nextCursor,
  onNext,
  onPrevious,
}: {
  page: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}) {
  const { t } = useI18n();
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      <button type="button" className="button" onClick={onPrevious} disabled={page <= 1}>
        {t("pager.previous")}
      </button>
      <span>{t("pager.page", { page })}</span>
      <button type="button" className="button" onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor}>
        {t("pager.next")}
      </button>
    </nav>
  );
}
