// Generate the API types from the backend's OpenAPI document (offline), or check they are current.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..");
const python = process.env.NOVA_PYTHON ?? join(root, ".venv", "bin", "python");
const specPath = resolve(here, "..", "src", "api", "openapi.json");
const typesPath = resolve(here, "..", "src", "api", "schema.d.ts");
const check = process.argv.includes("--check");

const spec = execFileSync(python, [join(here, "dump_openapi.py")], {
  cwd: root,
  encoding: "utf8",
  env: { ...process.env, NOVA_LOG_LEVEL: "WARNING" },
  maxBuffer: 64 * 1024 * 1024,
});
const outDir = check ? mkdtempSync(join(tmpdir(), "nova-client-")) : dirname(specPath);
const outSpec = join(outDir, "openapi.json");
const outTypes = join(outDir, "schema.d.ts");
writeFileSync(outSpec, spec);
execFileSync(
  process.execPath,
  [resolve(here, "..", "node_modules", "openapi-typescript", "bin", "cli.js"), outSpec, "-o", outTypes, "--default-non-nullable=false"],
  { stdio: ["ignore", "ignore", "inherit"] },
);

if (check) {
  const stale = [
    [specPath, outSpec],
    [typesPath, outTypes],
  ].filter(([committed, fresh]) => !existsSync(committed) || readFileSync(committed, "utf8") !== readFileSync(fresh, "utf8"));
  if (stale.length > 0) {
    console.error(`generated API types are stale (${stale.map(([c]) => c).join(", ")}); run: ./task gen-client`);
    process.exit(1);
  }
  console.log("generated API types are up to date");
} else {
  console.log(`wrote ${specPath} and ${typesPath}`);
}
