import { assert, describe, it } from "@effect/vitest"
import * as Session from "../src/session.js"
import * as Table from "../src/Table.js"

const row = (ours: number, reference: number, target: Table.Target, unit: Table.Unit) =>
  Table.measured({ measurement: "m", unit, ours, referenceName: "Amplify", reference, target, reproduce: Session.reproduce })

describe("session benchmarks", () => {
  it("a rate counts awaited calls per second", async () => {
    let calls = 0
    const perSecond = await Session.rate(async () => {
      calls++
      await new Promise((resolve) => setTimeout(resolve, 5))
    }, 100)
    assert.isAbove(calls, 3)
    assert.isBelow(perSecond, 250)
    assert.isAbove(perSecond, 20)
  })

  it("compares two sides in alternating rounds", async () => {
    const fast = () => Promise.resolve()
    const slow = () => new Promise((resolve) => setTimeout(resolve, 2))
    const { ours, reference } = await Session.compareRates(fast, slow, { rounds: 2, millis: 30 })
    assert.isAbove(ours, reference)
  })

  it("rates pass at ten times the reference, counts only when exact", () => {
    assert.strictEqual(Table.verdict(row(10_000, 1_000, Table.timesReference(10), "per-second")), "PASS")
    assert.strictEqual(Table.verdict(row(9_999, 1_000, Table.timesReference(10), "per-second")), "MISS")
    assert.strictEqual(Table.verdict(row(1, 1, Table.exactly(1), "count")), "PASS")
    assert.strictEqual(Table.verdict(row(2, 1, Table.exactly(1), "count")), "MISS")
    assert.strictEqual(Table.verdict(row(0, 1, Table.exactly(1), "count")), "MISS")
    assert.strictEqual(Table.formatValue(1, "count"), "1")
    assert.strictEqual(Table.formatTarget(Table.timesReference(10)), "≥ 10.00×")
    assert.strictEqual(Table.formatTarget(Table.exactly(1)), "= 1")
  })
})
