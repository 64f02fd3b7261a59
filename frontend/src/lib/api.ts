// The typed API client: every path, body and answer comes from the generated OpenAPI types.
import createClient from "openapi-fetch";
import type { components, paths } from "@/api/schema";
import { authFetch } from "./session";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"] & Record<string, unknown>;

function origin(): string {
  return typeof window === "undefined" ? "http://localhost" : window.location.origin;
}

// Requests go to this origin, which forwards /api/v1 to the backend (no CORS needed).
export const api = createClient<paths>({
  baseUrl: origin(),
  fetch: (request: Request) => authFetch(request),
});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = "ApiError";
  }

  /** Field errors from the server, keyed by field name; an item of a list also by its path (`emails.1`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const errors = (this.problem?.errors ?? []) as { loc?: unknown[]; msg?: string }[];
    for (const error of errors) {
      const loc = (error.loc ?? []).filter((part) => part !== "body");
      const field = String(loc[0] ?? "");
      for (const key of [field, loc.length > 1 ? loc.join(".") : ""]) {
        if (key && !out[key]) out[key] = error.msg ?? "invalid";
      }
    }
    return out;
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful answer, or an ApiError carrying the problem details. */
export function unwrap<T>(result: Result<T>): T {
  if (result.response.ok) return result.data as T;
  const problem = result.error && typeof result.error === "object" ? (result.error as Problem) : null;
  throw new ApiError(result.response.status, problem);
}

/** The version an ETag names (`"3"` → 3), for If-Match. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Download an authenticated file (CSV exports) through the same refreshing fetch. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await authFetch(new Request(new URL(path, origin())));
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(response.status, problem);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
