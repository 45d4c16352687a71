/**
 * Builds the Node build of the facade: the published entry points (`.`, `./cognito`, `./server`,
 * `./cognito/server`, `./storage`, `./enable-oauth-listener`) from `dist/src` into `dist/node`,
 * minified ESM with their dependencies (Effect included) inlined and shared chunks between them,
 * so the entries keep one global instance. Node loads ~630 module files unbundled; the bundle
 * cuts its import time and the heap its source takes (`npm run bench -- --only session`).
 * Browsers keep `dist/src`: an app's bundler tree-shakes it and shares Effect with the app.
 *
 * Run after `tsc -b` (`npm run build` does both).
 */
import * as esbuild from "esbuild"
import { rmSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const entries = ["index", "cognito", "server", "cognito-server", "storage", "enable-oauth-listener"]

rmSync(`${root}dist/node`, { recursive: true, force: true })
await esbuild.build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(entries.map((name) => [name, `dist/src/${name}.js`])),
  outdir: "dist/node",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  conditions: ["node"],
  minify: true,
  legalComments: "none",
  logLevel: "warning"
})
