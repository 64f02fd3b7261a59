"use client";
import { useEffect, useId, useRef, useState } from "react";
import { TextField } from "./Field";

type Row = { key: number; value: string };

type Props = {
  legend: string;
  /** The label of the row at this index (0: the primary one). */
  itemLabel: (index: number) => string;
  /** The accessible name of the button removing the row at this index. */
  removeLabel: (index: number) => string;
  addLabel: string;
  hint?: string;
  name: string;
  type: "email" | "tel";
  initial: string[];
  max: number;
  onChange: (values: string[]) => void;
  /** The server's field errors: `name` for the whole list (shown when no row has its own), `name.1` for a row. */
  errors: Record<string, string>;
};

/** Several values of one kind (emails, phones), a row each: the first is the primary one. */
export function ListField({ legend, itemLabel, removeLabel, addLabel, hint, name, type, initial, max, onChange, errors }: Props) {
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => (initial.length ? initial : [""]).map((value, key) => ({ key, value })));
  // The row whose input takes the focus once a row was added or removed.
  const focusAt = useRef<number | undefined>(undefined);
  const container = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    if (focusAt.current === undefined) return;
    container.current?.querySelectorAll("input")[focusAt.current]?.focus();
    focusAt.current = undefined;
  }, [rows]);

  function update(changed: Row[], focus?: number) {
    focusAt.current = focus;
    setRows(changed);
    onChange(changed.map((row) => row.value));
  }

  const rowError = (index: number): string | undefined => errors[`${name}.${index}`];
  const listError = rows.some((_, index) => rowError(index)) ? undefined : errors[name];
  const describedBy = listError ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <fieldset className={`field-list${listError ? " field-invalid" : ""}`} ref={container} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {rows.map((row, index) => (
        <div className="field-list-row" key={row.key}>
          <TextField
            label={itemLabel(index)}
            name={`${name}.${index}`}
            type={type}
            value={row.value}
            onChange={(e) => update(rows.map((r) => (r.key === row.key ? { ...r, value: e.target.value } : r)))}
            error={rowError(index)}
          />
          {rows.length > 1 && (
            <button
              type="button"
              className="button small"
              aria-label={removeLabel(index)}
              onClick={() => update(rows.filter((r) => r.key !== row.key), Math.max(0, index - 1))}
            >
              ×
            </button>
          )}
        </div>
      ))}
      <button
        type="button"
        className="button small"
        disabled={rows.length >= max}
        onClick={() => update([...rows, { key: Math.max(...rows.map((r) => r.key)) + 1, value: "" }], rows.length)}
      >
        {addLabel}
      </button>
      {listError && (
        <p className="field-error" id={`${id}-error`}>
          {listError}
        </p>
      )}
    </fieldset>
  );
}
