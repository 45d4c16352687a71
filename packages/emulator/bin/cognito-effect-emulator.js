#!/usr/bin/env node
// Launcher for the compiled CLI (dist/src/Cli.js). Build first: `npm run build` (tsc -b) at the root.
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"

const cli = new URL("../dist/src/Cli.js", import.meta.url)
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write("cognito-effect-emulator: dist/src/Cli.js is missing; run `npm run build` at the repository root first.\n")
  process.exit(1)
}
const { run } = await import(cli.href)
await run(process.argv.slice(2))
