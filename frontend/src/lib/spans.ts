// Place the engine's findings (offsets in the original text) on the redacted excerpt.
export type SpanFinding = { start: number; end: number; detector: string; category: string; type: string };
export type Segment = { text: string; findings: number[] };

type Merged = { start: number; end: number; findings: number[] };

function merge(findings: SpanFinding[]): Merged[] {
  const order = findings
    .map((finding, index) => ({ finding, index }))
    .filter(({ finding }) => finding.end > finding.start)
    .sort((a, b) => a.finding.start - b.finding.start || b.finding.end - a.finding.end);
  const spans: Merged[] = [];
  for (const { finding, index } of order) {
    const last = spans[spans.length - 1];
    if (last && finding.start < last.end) {
      last.end = Math.max(last.end, finding.end);
      last.findings.push(index);
    } else {
      spans.push({ start: finding.start, end: finding.end, findings: [index] });
    }
  }
  return spans;
}

const PLACEHOLDER = /^<[A-Z0-9_]+(?::[0-9a-f]+)?>/;

/**
 * Split text into plain and highlighted segments. With `redacted`, each span was replaced by
 * `<TYPE>` or `<TYPE:hash>` (variable length) or masked (same length), so offsets shift as we go.
 */
export function segment(text: string, findings: SpanFinding[], redacted: boolean): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  let shift = 0;
  for (const span of merge(findings)) {
    let start = span.start - shift;
    let length = span.end - span.start;
    if (redacted) {
      let placeholder = start >= cursor ? PLACEHOLDER.exec(text.slice(start)) : null;
      if (!placeholder) {
        // Offsets drifted (an unexpected operator): fall back to the next placeholder of this type.
        const type = findings[span.findings[0]!]?.type;
        const found = type ? text.indexOf(`<${type}`, cursor) : -1;
        placeholder = found >= 0 ? PLACEHOLDER.exec(text.slice(found)) : null;
        if (placeholder) start = found;
      }
      if (placeholder) length = placeholder[0].length;
    }
    if (start < cursor || start >= text.length) break;
    const end = Math.min(text.length, start + length);
    if (start > cursor) segments.push({ text: text.slice(cursor, start), findings: [] });
    segments.push({ text: text.slice(start, end), findings: span.findings });
    cursor = end;
    shift = span.end - end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), findings: [] });
  return segments;
}
