// Shared pieces of the end-to-end run and the browser benchmark: servers, browser, axe.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const frontendDir = resolve(here, "..");
export const rootDir = resolve(frontendDir, "..");

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export async function waitForHttp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function start(name, command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const log = [];
  const keep = (chunk) => {
    log.push(chunk.toString());
    if (log.length > 400) log.shift();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.name = name;
  child.logTail = () => log.join("").split("\n").slice(-40).join("\n");
  return child;
}

export function stop(child) {
  if (!child) return;
  if (child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  child.cleanup?.();
}

const python = join(rootDir, ".venv", "bin", "python");

/** The API on a fresh SQLite file with the demo data. */
export async function startBackend({ databaseUrl, port } = {}) {
  const apiPort = port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), "nova-e2e-"));
  const databaseFile = databaseUrl ? undefined : join(dataDir, "e2e.db");
  const env = {
    ...process.env,
    NOVA_ENV: "development",
    NOVA_DATABASE_URL: databaseUrl ?? `sqlite+aiosqlite:///${databaseFile}`,
    NOVA_SEED_DEMO_DATA: databaseUrl ? "false" : "true",
    NOVA_BOOTSTRAP_ADMIN_EMAIL: "admin@example.com",
    NOVA_BOOTSTRAP_ADMIN_PASSWORD: "novacrm-admin-password",
    NOVA_LOG_LEVEL: "WARNING",
    // The run signs in many times from one address.
    NOVA_LOGIN_MAX_FAILURES_PER_CLIENT: "1000",
  };
  const child = start("api", python, ["-m", "uvicorn", "backend.app.main:app", "--host", "127.0.0.1", "--port", String(apiPort), "--no-access-log"], {
    cwd: rootDir,
    env,
  });
  child.cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    await waitForHttp(`http://127.0.0.1:${apiPort}/readyz`, 90_000, child);
  } catch (error) {
    console.error(child.logTail());
    stop(child);
    throw error;
  }
  return { child, port: apiPort, databaseFile };
}

/**
 * How many unused Teams link codes the API stored for this user under this code. The backend keeps
 * only a SHA-256 of the code with dashes and spaces removed, upper-cased (services/bot_links.py).
 */
export function storedLinkCodes(databaseFile, email, code) {
  const hash = createHash("sha256").update(code.trim().toUpperCase().replace(/[- ]/g, "")).digest("hex");
  const script = [
    "import sqlite3, sys",
    "db = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)",
    "query = 'SELECT count(*) FROM bot_link_code c JOIN user_account u ON u.id = c.user_id WHERE c.code_hash = ? AND u.email = ? AND c.used_at IS NULL'",
    "print(db.execute(query, (sys.argv[2], sys.argv[3])).fetchone()[0])",
  ].join("\n");
  return Number(execFileSync(python, ["-c", script, databaseFile, hash, email], { encoding: "utf8" }).trim());
}

/** The built web app (`next start`), forwarding /api/v1 to the API. */
export async function startWeb(apiPort) {
  const port = await freePort();
  const next = join(frontendDir, "node_modules", "next", "dist", "bin", "next");
  const child = start("web", process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: frontendDir,
    env: { ...process.env, NOVA_API_URL: `http://127.0.0.1:${apiPort}`, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/login`, 60_000, child);
  } catch (error) {
    console.error(child.logTail());
    stop(child);
    throw error;
  }
  return { child, port, url: `http://127.0.0.1:${port}` };
}

/**
 * Debian's chromium, never a downloaded browser, with no network beyond loopback, on a fresh
 * profile (playwright takes the profile directory as an argument, then passes --user-data-dir).
 */
export async function launchBrowser({ locale = "en-GB", viewport = { width: 1366, height: 900 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "nova-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    locale,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
    ],
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

const axeSource = readFileSync(join(frontendDir, "node_modules", "axe-core", "axe.min.js"), "utf8");

/** Run axe-core in the page (WCAG 2.1 A and AA); return the violations. */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
}
