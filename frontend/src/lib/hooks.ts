"use client";
import { useCallback, useEffect, useEffectEvent, useState } from "react";

export type Loadable<T> = {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
};

type Result<T> = { id: string; data?: T; error?: Error };

/**
 * Load data on mount and whenever `key` changes; the last answer wins. While a new key loads,
 * the previous data stays on screen (no flashing lists), and `loading` is true.
 */
export function useLoad<T>(load: () => Promise<T>, key: unknown[]): Loadable<T> {
  const serial = JSON.stringify(key);
  const [tick, setTick] = useState(0);
  const [result, setResult] = useState<Result<T>>({ id: "" });
  const run = useEffectEvent(() => load());
  const id = `${tick}:${serial}`;

  useEffect(() => {
    let live = true;
    const current = `${tick}:${serial}`;
    run().then(
      (data) => {
        if (live) setResult({ id: current, data });
      },
      (reason: unknown) => {
        const error = reason instanceof Error ? reason : new Error(String(reason));
        if (live) setResult((previous) => ({ id: current, data: previous.data, error }));
      },
    );
    return () => {
      live = false;
    };
  }, [serial, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const loading = result.id !== id;
  return { data: result.data, error: loading ? undefined : result.error, loading, reload };
}
