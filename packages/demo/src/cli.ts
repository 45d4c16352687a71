/**
 * `npm run demo:cli`: the demo walkthrough in the terminal, on an embedded emulator.
 */
import { start } from "@cognito-effect/emulator"
import { walkthrough } from "./Walkthrough.js"

const emulator = await start({ port: 0, host: "127.0.0.1" })
console.log(`Cognito emulator at ${emulator.endpoint}, pool ${emulator.userPoolId}\n`)
try {
  await walkthrough(emulator, (step, detail) => console.log(`${step.padEnd(24)} ${JSON.stringify(detail)}`))
} catch (error) {
  console.error("The walkthrough failed:", error)
  process.exitCode = 1
} finally {
  await emulator.stop()
}
