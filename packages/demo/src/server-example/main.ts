/**
 * Runs the server example: the Cognito emulator (seeded with an app client that has a secret and
 * a demo user) and the plain `node:http` server that signs users in on the server. Prints the URL
 * and keeps running until Ctrl-C. The client secret is made here and never printed.
 *
 *   npm run build && node packages/demo/dist/src/server-example/main.js
 *
 * Environment: `EXAMPLE_PORT` (default 5174), `EMULATOR_PORT` (default 0: any free port).
 */
import { start } from "@cognito-effect/emulator"
import * as Redacted from "effect/Redacted"
import { randomBytes } from "node:crypto"
import { startExampleServer } from "./ExampleServer.js"
import { configFor, demoUser, seed } from "./Seed.js"

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  return Number.isInteger(value) && value >= 0 ? value : fallback
}

const clientSecret = randomBytes(32).toString("base64url")
const emulator = await start({ port: port("EMULATOR_PORT", 0), seed: seed(clientSecret) })
const server = await startExampleServer({
  config: configFor(emulator.endpoint),
  clientSecret: Redacted.make(clientSecret),
  port: port("EXAMPLE_PORT", 5174),
  log: (line) => console.log(line)
})

console.log(`Cognito emulator: ${emulator.endpoint}`)
console.log(`Server example:   ${server.url}/sign-in  (sign in as ${demoUser.username} / ${demoUser.password})`)

const shutdown = async () => {
  await server.close()
  await emulator.stop()
  process.exit(0)
}
process.once("SIGINT", () => void shutdown())
process.once("SIGTERM", () => void shutdown())
