/**
 * `npm run demo:cli`'s walkthrough, run against an embedded emulator: every step reports the
 * nextStep a user would see, and the events arrive in order.
 */
import { start } from "@cognito-effect/emulator/Server"
import { expect, it } from "vitest"
import { walkthrough } from "../src/Walkthrough.js"

it("walks through sign-up, confirmation, SRP sign-in and sign-out", async () => {
  const emulator = await start({ port: 0 })
  const steps: Array<[string, unknown]> = []
  try {
    const result = await walkthrough(emulator, (step, detail) => steps.push([step, detail]))
    expect(steps.map(([step]) => step)).toEqual([
      "signUp",
      "inbox",
      "confirmSignUp",
      "signIn (USER_SRP_AUTH)",
      "getCurrentUser",
      "fetchAuthSession",
      "signOut",
      "events"
    ])
    expect(steps[3]![1]).toEqual({ signInStep: "DONE" })
    expect(steps[6]![1]).toEqual({ signedIn: false })
    expect(result.events).toEqual(["signedIn", "signedOut"])
  } finally {
    await emulator.stop()
  }
})
