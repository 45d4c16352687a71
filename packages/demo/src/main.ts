/**
 * `npm start`: the local Cognito emulator plus the demo page that uses the facade in a browser.
 * Prints the page's URL and keeps running until Ctrl-C.
 *
 * Environment: `DEMO_PORT` (default 5173), `EMULATOR_PORT` (default 9229; 0 picks a free port).
 */
import { start } from "@cognito-effect/emulator"
import { demoSeed } from "./DemoSeed.js"
import { startDemoServer } from "./DemoServer.js"

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  return Number.isInteger(value) && value >= 0 ? value : fallback
}

const emulator = await start({
  port: port("EMULATOR_PORT", 9229),
  host: "127.0.0.1",
  seed: demoSeed,
  log: (line) => console.log(`[emulator] ${line}`)
})
const demo = await startDemoServer(
  { endpoint: emulator.endpoint, userPoolId: emulator.userPoolId, userPoolClientId: emulator.userPoolClientId },
  { port: port("DEMO_PORT", 5173) }
)

console.log(`Cognito emulator: ${emulator.endpoint} (pool ${emulator.userPoolId}, client ${emulator.userPoolClientId})`)
console.log(`Demo page:        ${demo.url}`)
console.log(`Passkeys need a domain, not an IP address: ${demo.url.replace("127.0.0.1", "localhost")}`)
console.log("Sign up with any email, read the code from the inbox button, confirm, sign in. Ctrl-C stops.")
console.log(`Hosted UI:        ${emulator.endpoint}/login (the page's "Sign in with the hosted page" and "… simulated provider")`)

const shutdown = async () => {
  await demo.close()
  await emulator.stop()
  process.exit(0)
}
process.once("SIGINT", () => void shutdown())
process.once("SIGTERM", () => void shutdown())
