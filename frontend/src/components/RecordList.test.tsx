import { act, fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { RecordList, type Query } from "./RecordList";

vi.mock("next/link", () => ({ default: ({ href, children }: { href: string; children: ReactNode }) => <a href={href}>{children}</a> }));
vi.mock("@/lib/auth", () => ({ useAuth: () => ({ user: { id: "u1", role: "sales" } }) }));

type Row = { id: string; name: string };

function renderList(load: (query: Query) => Promise<{ items: Row[]; next_cursor: string | null }>) {
  render(
    <RecordList<Row>
      list="things"
      title="contacts.title"
      columns={[{ key: "name", label: "contacts.name", render: (row) => row.name }]}
      sorts={[{ value: "-updated_at", label: "sort.recent" }]}
      load={load}
    />,
  );
}

describe("RecordList", () => {
  it("stays on the next page when it is asked for right after the first load", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const load = vi.fn(async (query: Query) =>
      query.cursor ? { items: [{ id: "2", name: "second page" }], next_cursor: null } : { items: [{ id: "1", name: "first page" }], next_cursor: "c2" },
    );
    renderList(load);
    expect(await screen.findByText("first page")).toBeInTheDocument();
    act(() => screen.getByRole("button", { name: "Next" }).click());
    expect(await screen.findByText("second page")).toBeInTheDocument();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(500);
    });
    expect(screen.getByText("second page")).toBeInTheDocument();
    expect(screen.getByText("Page 2")).toBeInTheDocument();
    vi.useRealTimers();
  });

  it("searches once typing pauses, from the first page", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const load = vi.fn(async (query: Query) => ({ items: [{ id: "1", name: query.q ? `match ${query.q}` : "all" }], next_cursor: null }));
    renderList(load);
    await screen.findByText("all");
    const box = screen.getByLabelText("Search");
    await act(async () => {
      for (const value of ["d", "du", "dub"]) {
        fireEvent.change(box, { target: { value } });
        await vi.advanceTimersByTimeAsync(50);
      }
      await vi.advanceTimersByTimeAsync(300);
    });
    expect(await screen.findByText("match dub")).toBeInTheDocument();
    expect(load.mock.calls.map(([q]) => q.q)).toEqual([undefined, "dub"]);
    vi.useRealTimers();
  });
});
