"use client";
import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import { SelectField, TextField } from "@/components/Field";
import { Pager, useCursorPages } from "@/components/Pager";
import { DataView, Notice } from "@/components/states";
import { download } from "@/lib/api";
import { useAuth } from "@/lib/auth";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";
import { can } from "@/lib/roles";
import { deleteView, loadViews, saveView, type ListState, type SavedView } from "@/lib/savedViews";

export type Column<T> = { key: string; label: MessageKey; sortKey?: string; render: (row: T) => ReactNode };
export type Query = { q?: string; sort: string; tag?: string; owner?: string; include_archived: boolean; limit: number; cursor?: string } & Record<string, unknown>;
export type PageOf<T> = { items: T[]; next_cursor?: string | null };

const EMPTY: ListState = { q: "", sort: "-updated_at", tag: "", mine: false, includeArchived: false, extra: {} };

/** A server-side list: search, filters, sort, cursor pages, saved views and CSV export. */
export function RecordList<T extends { id: string }>({
  list,
  title,
  newHref,
  exportPath,
  columns,
  sorts,
  load,
  extraFilters,
}: {
  list: string;
  title: MessageKey;
  newHref?: string;
  exportPath?: string;
  columns: Column<T>[];
  sorts: { value: string; label: MessageKey }[];
  load: (query: Query) => Promise<PageOf<T>>;
  extraFilters?: (extra: Record<string, string>, set: (name: string, value: string) => void) => ReactNode;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [state, setState] = useState<ListState>(EMPTY);
  const [search, setSearch] = useState("");
  // Pages under the shell render only in the browser, so localStorage is there.
  const [views, setViews] = useState<SavedView[]>(() => loadViews(list));
  const [viewName, setViewName] = useState("");
  const [activeView, setActiveView] = useState<string>();
  const [error, setError] = useState<string>();
  const pages = useCursorPages();

  // Search as you type, once typing pauses; only a changed search goes back to the first page.
  useEffect(() => {
    if (search === state.q) return;
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, q: search }));
      pages.reset();
    }, 200);
    return () => clearTimeout(timer);
  }, [search, state.q, pages.reset]); // eslint-disable-line react-hooks/exhaustive-deps

  const query: Query = {
    q: state.q || undefined,
    sort: state.sort,
    tag: state.tag || undefined,
    owner: state.mine ? user?.id : undefined,
    include_archived: state.includeArchived,
    limit: 25,
    cursor: pages.cursor ?? undefined,
    ...Object.fromEntries(Object.entries(state.extra).filter(([, v]) => v)),
  };
  const rows = useLoad(() => load(query), [query]);

  function change(patch: Partial<ListState>) {
    setState((s) => ({ ...s, ...patch }));
    pages.reset();
  }

  function apply(view: SavedView) {
    setActiveView(view.name);
    setState(view.state);
    setSearch(view.state.q);
    pages.reset();
  }

  function exportCsv() {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined && name !== "cursor" && name !== "limit" && name !== "sort") params.set(name, String(value));
    download(`${exportPath}?${params}`, `${list}.csv`).catch((e: Error) => setError(e.message));
  }

  return (
    <>
      <div className="page-head">
        <h1>{t(title)}</h1>
        <div className="actions">
          {exportPath && can(user?.role, "crm:import_export") && (
            <button type="button" className="button" onClick={exportCsv}>
              {t("action.exportCsv")}
            </button>
          )}
          {newHref && can(user?.role, "crm:write") && (
            <Link href={newHref} className="button primary">
              {t("action.new")}
            </Link>
          )}
        </div>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <form className="filters card" role="search" aria-label={t("filter.label")} onSubmit={(e) => e.preventDefault()}>
        <TextField label={t("filter.search")} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <TextField label={t("filter.tag")} value={state.tag} onChange={(e) => change({ tag: e.target.value.trim() })} size={10} />
        <SelectField label={t("filter.sort")} value={state.sort} onChange={(e) => change({ sort: e.target.value })} options={sorts.map((s) => ({ value: s.value, label: t(s.label) }))} />
        {extraFilters?.(state.extra, (name, value) => change({ extra: { ...state.extra, [name]: value } }))}
        <label className="checkbox">
          <input type="checkbox" checked={state.mine} onChange={(e) => change({ mine: e.target.checked })} />
          {t("filter.mine")}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={state.includeArchived} onChange={(e) => change({ includeArchived: e.target.checked })} />
          {t("filter.archived")}
        </label>
        <SelectField
          label={t("views.saved")}
          value={activeView ?? ""}
          onChange={(e) => {
            const view = views.find((v) => v.name === e.target.value);
            if (view) apply(view);
          }}
          options={[{ value: "", label: views.length ? t("views.choose") : t("views.none") }, ...views.map((v) => ({ value: v.name, label: v.name }))]}
        />
        <TextField label={t("views.name")} value={viewName} onChange={(e) => setViewName(e.target.value)} size={12} />
        <button type="button" className="button" disabled={!viewName.trim()} onClick={() => { setViews(saveView(list, { name: viewName.trim(), state })); setActiveView(viewName.trim()); setViewName(""); }}>
          {t("views.save")}
        </button>
        {activeView && (
          <button type="button" className="button" onClick={() => { setViews(deleteView(list, activeView)); setActiveView(undefined); }}>
            {t("views.delete", { name: activeView })}
          </button>
        )}
        <button type="button" className="button" onClick={() => { setState(EMPTY); setSearch(""); setActiveView(undefined); pages.reset(); }}>
          {t("filter.clear")}
        </button>
      </form>
      <DataView {...rows} isEmpty={(page) => page.items.length === 0} empty={t("list.empty")}>
        {(page) => (
          <>
            <div className="table-wrap">
              <table className="table" aria-busy={rows.loading}>
                <caption className="visually-hidden">{t(title)}</caption>
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <th scope="col" key={column.key} aria-sort={column.sortKey && state.sort.replace("-", "") === column.sortKey ? (state.sort.startsWith("-") ? "descending" : "ascending") : undefined}>
                        {column.sortKey ? (
                          <button
                            type="button"
                            className="sort-button"
                            onClick={() => change({ sort: state.sort === column.sortKey ? `-${column.sortKey}` : column.sortKey })}
                          >
                            {t(column.label)}
                            {state.sort.replace("-", "") === column.sortKey ? (state.sort.startsWith("-") ? " ↓" : " ↑") : ""}
                          </button>
                        ) : (
                          t(column.label)
                        )}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((row) => (
                    <tr key={row.id}>
                      {columns.map((column) => (
                        <td key={column.key}>{column.render(row)}</td>
                      ))}
                    </tr>
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
