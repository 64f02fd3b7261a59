// Forward /api/v1/* to the backend at NOVA_API_URL (read at run time), so the browser needs no CORS.
import type { NextRequest } from "next/server";

export const dynamic = "force-dynamic";

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  "content-encoding",
  "accept-encoding",
]);

function backendUrl(request: NextRequest): URL {
  const base = process.env.NOVA_API_URL || "http://localhost:8000";
  return new URL(request.nextUrl.pathname + request.nextUrl.search, base);
}

function copyHeaders(source: Headers): Headers {
  const headers = new Headers();
  source.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.set(name, value);
  });
  return headers;
}

async function forward(request: NextRequest): Promise<Response> {
  const headers = copyHeaders(request.headers);
  const forwardedFor = request.headers.get("x-forwarded-for");
  if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  let upstream: Response;
  try {
    upstream = await fetch(backendUrl(request), {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: "manual",
      cache: "no-store",
    });
  } catch {
    return Response.json(
      { type: "urn:novacrm:problem:backend-unreachable", title: "Backend unreachable", status: 502, detail: "the API did not answer" },
      { status: 502, headers: { "content-type": "application/problem+json" } },
    );
  }
  return new Response(upstream.body, { status: upstream.status, headers: copyHeaders(upstream.headers) });
}

export const GET = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
