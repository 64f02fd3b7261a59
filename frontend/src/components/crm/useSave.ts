"use client";
import { useState } from "react";
import { ApiError } from "@/lib/api";

type Result<T> = { data?: T; error?: unknown; response: Response };
export type SaveOutcome = "saved" | "duplicate" | "stale" | "invalid" | "failed";

/** Save a record and sort the answer out: field errors, a duplicate (409 + duplicate_id) or a stale version. */
export function useSave<T>() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [duplicateId, setDuplicateId] = useState<string>();
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  async function run(call: () => Promise<Result<T>>, onSaved: (data: T) => void): Promise<SaveOutcome> {
    setBusy(true);
    setMessage(undefined);
    setStale(false);
    const result = await call();
    setBusy(false);
    if (result.response.ok && result.data) {
      setErrors({});
      setDuplicateId(undefined);
      onSaved(result.data);
      return "saved";
    }
    const error = new ApiError(result.response.status, result.error as never);
    const duplicate = error.problem?.duplicate_id;
    if (error.status === 409 && typeof duplicate === "string") {
      setDuplicateId(duplicate);
      return "duplicate";
    }
    if (error.status === 409 && error.problem?.current) {
      setStale(true);
      setMessage(error.message);
      return "stale";
    }
    setErrors(error.fieldErrors());
    setMessage(error.message);
    return error.status === 422 || error.status === 400 ? "invalid" : "failed";
  }

  return { errors, message, duplicateId, stale, busy, run, clearDuplicate: () => setDuplicateId(undefined) };
}
