import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api";
import { I18nProvider } from "@/lib/i18n";
import { StackedBarChart } from "./BarChart";
import { HighlightedText } from "./Highlight";
import { Pager } from "./Pager";
import { DataView } from "./states";

describe("HighlightedText", () => {
  it("marks each finding and points it at its explanation", () => {
    render(
      <HighlightedText
        text="card <CREDIT_CARD> now"
        findings={[{ start: 5, end: 24, detector: "pii.credit_card", category: "pii", type: "CREDIT_CARD" }]}
        redacted
        idPrefix="f"
      />,
    );
    const mark = screen.getByText("<CREDIT_CARD>").closest("mark");
    expect(mark).toHaveAttribute("aria-describedby", "f-0");
    expect(mark).toHaveClass("hl-pii");
  });
});

describe("DataView", () => {
  it("shows loading, then the error with a retry, then the content", async () => {
    const retry = vi.fn();
    const { rerender } = render(
      <DataView data={undefined} error={undefined} loading>
        {(d: string) => <p>{d}</p>}
      </DataView>,
    );
    expect(screen.getByRole("status")).toHaveTextContent("Loading");

    rerender(
      <DataView data={undefined} error={new ApiError(403, null)} loading={false} reload={retry}>
        {(d: string) => <p>{d}</p>}
      </DataView>,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Your role does not allow this page.");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalledOnce();

    rerender(
      <DataView data="hello" error={undefined} loading={false}>
        {(d: string) => <p>{d}</p>}
      </DataView>,
    );
    expect(screen.getByText("hello")).toBeInTheDocument();
  });

  it("says so when the list is empty", () => {
    render(
      <DataView data={[] as string[]} error={undefined} loading={false} isEmpty={(d) => d.length === 0} empty="No alert.">
        {() => <p>rows</p>}
      </DataView>,
    );
    expect(screen.getByText("No alert.")).toBeInTheDocument();
  });
});

describe("Pager", () => {
  it("disables previous on the first page and next without a cursor", async () => {
    const next = vi.fn();
    render(<Pager page={1} nextCursor="c2" onNext={next} onPrevious={vi.fn()} />);
    expect(screen.getByRole("button", { name: "Previous" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(next).toHaveBeenCalledWith("c2");
  });
});

describe("StackedBarChart", () => {
  it("draws a bar segment per non-zero value and lists the figures in a table", () => {
    render(
      <I18nProvider initial="fr">
        <StackedBarChart
          title="Alertes"
          rows={[{ label: "2026-11-27", values: { "category:pii": 2, "category:secret": 1 } }, { label: "2026-11-28", values: {} }]}
          series={[
            { key: "category:pii", label: "PII", color: "#000" },
            { key: "category:secret", label: "Secret", color: "#111" },
          ]}
        />
      </I18nProvider>,
    );
    expect(screen.getByRole("img", { name: "Alertes" }).querySelectorAll("rect")).toHaveLength(2);
    expect(screen.getByRole("columnheader", { name: "Jour" })).toBeInTheDocument();
    expect(screen.getByRole("rowheader", { name: "2026-11-27" })).toBeInTheDocument();
  });
});
