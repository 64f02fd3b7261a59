"use client";
import { useI18n } from "@/lib/i18n";

export type Series = { key: string; label: string; color: string };
export type Row = { label: string; values: Record<string, number> };

/** Stacked bars per row (e.g. per day), drawn in SVG, with the figures in a table for screen readers. */
export function StackedBarChart({
  title,
  rows,
  series,
  rowHeader,
  shortLabel = (label) => label.slice(5),
  grouped = false,
}: {
  title: string;
  rows: Row[];
  series: Series[];
  rowHeader?: string;
  shortLabel?: (label: string) => string;
  /** Side by side bars instead of stacked ones (series that do not add up). */
  grouped?: boolean;
}) {
  const { t } = useI18n();
  const total = (row: Row) =>
    grouped ? Math.max(0, ...series.map((s) => row.values[s.key] ?? 0)) : series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0);
  const max = Math.max(1, ...rows.map(total));
  const width = 640;
  const height = 200;
  const barWidth = rows.length ? Math.max(4, Math.min(grouped ? 90 : 40, (width - 40) / rows.length - 8)) : 0;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label={title} className="chart-svg">
        <line x1="30" y1={height} x2={width} y2={height} stroke="currentColor" strokeOpacity="0.3" />
        <text x="0" y="12" fontSize="11" fill="currentColor">
          {max}
        </text>
        {rows.map((row, i) => {
          let y = height;
          const x = 34 + i * (barWidth + 8);
          const slice = grouped ? barWidth / series.length : barWidth;
          return (
            <g key={row.label}>
              {series.map((s, j) => {
                const value = row.values[s.key] ?? 0;
                const h = (value / max) * (height - 16);
                if (grouped) return value > 0 ? <rect key={s.key} x={x + j * slice} y={height - h} width={slice - 1} height={h} fill={s.color} /> : null;
                y -= h;
                return value > 0 ? <rect key={s.key} x={x} y={y} width={slice} height={h} fill={s.color} /> : null;
              })}
              {(rows.length <= 14 || i % Math.ceil(rows.length / 10) === 0) && (
                <text x={x} y={height + 16} fontSize="10" fill="currentColor">
                  {shortLabel(row.label)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="legend">
        {series.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t("chart.data")}</summary>
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{rowHeader ?? t("chart.day")}</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {series.map((s) => (
                  <td key={s.key}>{row.values[s.key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
