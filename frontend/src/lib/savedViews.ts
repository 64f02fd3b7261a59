// Saved list views: a name and the filters, sort and search of a list, kept in this browser.
export type ListState = { q: string; sort: string; tag: string; mine: boolean; includeArchived: boolean; extra: Record<string, string> };
export type SavedView = { name: string; state: ListState };

const key = (list: string) => `nova.views.${list}`;

export function loadViews(list: string): SavedView[] {
  if (typeof window === "undefined") return [];
  try {
    return JSON.parse(window.localStorage.getItem(key(list)) ?? "[]") as SavedView[];
  } catch {
    return [];
  }
}

export function saveView(list: string, view: SavedView): SavedView[] {
  const views = [...loadViews(list).filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name));
  window.localStorage.setItem(key(list), JSON.stringify(views));
  return views;
}

export function deleteView(list: string, name: string): SavedView[] {
  const views = loadViews(list).filter((v) => v.name !== name);
  window.localStorage.setItem(key(list), JSON.stringify(views));
  return views;
}
