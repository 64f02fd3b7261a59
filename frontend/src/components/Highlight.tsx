"use client";
import { segment, type SpanFinding } from "@/lib/spans";

/** The excerpt with each detected span marked and linked to its numbered explanation. */
export function HighlightedText({
  text,
  findings,
  redacted,
  idPrefix,
}: {
  text: string;
  findings: SpanFinding[];
  redacted: boolean;
  idPrefix: string;
}) {
  return (
    <p className="excerpt">
      {segment(text, findings, redacted).map((part, index) =>
        part.findings.length === 0 ? (
          <span key={index}>{part.text}</span>
        ) : (
          <mark
            key={index}
            className={`hl hl-${findings[part.findings[0]!]?.category ?? "other"}`}
            aria-describedby={part.findings.map((f) => `${idPrefix}-${f}`).join(" ")}
          >
            {part.text}
            <sup aria-hidden="true">{part.findings.map((f) => f + 1).join(",")}</sup>
          </mark>
        ),
      )}
    </p>
  );
}
