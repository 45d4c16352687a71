import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { parseArguments, run } from "../src/soak.js"
import { problems, render } from "../src/SoakReport.js"

describe("soak", () => {
  it.live("a short run under 20 % faults loses no session, has no defect and every user finishes", () =>
    Effect.gen(function* () {
      const report = yield* Effect.promise(() => run({ users: 5, sessionsPerUser: 2, seconds: 30, maxWaitMillis: 1_500, seed: 7 }))
      const table = render(report)
      assert.strictEqual(report.sessionsLost, 0, table)
      assert.strictEqual(report.defects, 0, table)
      assert.strictEqual(report.retryViolations, 0, table)
      assert.strictEqual(report.usersSucceeded, 5, table)
      assert.deepStrictEqual(problems(report), [])
      assert.strictEqual(report.sessionsCompleted, 10)
      // The faults really happened, and the clients retried through them.
      assert.isAbove(report.faultsByKind.total, 0, table)
      assert.isAbove(report.wire.reduce((sum, row) => sum + row.retries, 0), 0, table)
      for (const row of report.wire) assert.strictEqual(row.attempts, row.requests, `${row.operation}: every attempt reached the emulator`)
      assert.include(table, "sessions lost         0   (must be 0: ok)")
      assert.include(table, "PASS")
    }), { timeout: 90_000 })

  it("reads its command line", () => {
    assert.deepStrictEqual(parseArguments(["--users", "3", "--rate", "0.5", "--skew=-30"]), { users: 3, faultRate: 0.5, clockSkewSeconds: -30 })
    assert.throws(() => parseArguments(["--users", "many"]), /--users/)
  })
})
