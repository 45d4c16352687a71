import { assert, describe, it } from "@effect/vitest"
import * as EmulatorLoad from "../src/emulator.js"
import * as Table from "../src/Table.js"

const plan: EmulatorLoad.Plan = { users: 4, workers: 2, clientsPerWorker: 8, warmupMillis: 1_000, windowMillis: 4_000, ephemeralBytes: 32 }

const measurement = (signInsPerSecond: number, serverCpuMillis: number | undefined): EmulatorLoad.Measurement => ({
  signInsPerSecond,
  serverCpuMillis,
  clientCpuMillis: 2.5,
  completed: signInsPerSecond * 4,
  p50Millis: 40,
  p95Millis: 90,
  inlinePairs: 0
})

const comparison = (emulator: EmulatorLoad.Measurement, bare = measurement(280, 4.2)): EmulatorLoad.Comparison => ({ emulator, bare })

describe("emulator throughput", () => {
  it("the rate row is judged against 300 sign-ins per second, beside the bare server's rate", () => {
    const [pass] = EmulatorLoad.rows(plan, comparison(measurement(312.5, 5.1)), 1.8, 2)
    const [miss] = EmulatorLoad.rows(plan, comparison(measurement(250, 6.3)), 1.8, 2)
    assert.strictEqual(Table.verdict(pass!), "PASS")
    assert.strictEqual(Table.verdict(miss!), "MISS")
    assert.strictEqual(pass!._tag === "Measured" && pass!.measurement, "Emulator SRP sign-ins/s, 16 clients")
    assert.strictEqual(pass!._tag === "Measured" ? pass!.reference : 0, 280)
  })

  it("the CPU, capacity and ceiling rows are informative, and left out when a server's CPU time cannot be read", () => {
    const rows = EmulatorLoad.rows(plan, comparison(measurement(312.5, 5.1)), 1.8, 2)
    assert.strictEqual(rows.length, 4)
    for (const row of rows.slice(1)) assert.strictEqual(Table.verdict(row), "info")
    assert.include(rows[1]!.reproduce, "2.50 ms per sign-in")
    const values = rows.map((row) => (row._tag === "Measured" ? [row.ours, row.reference] : []))
    assert.deepStrictEqual(values[1], [5.1, 4.2])
    // Capacity: both cores divided by the server's CPU time per sign-in.
    assert.closeTo(values[2]![0]!, 2000 / 5.1, 1e-9)
    assert.closeTo(values[2]![1]!, 2000 / 4.2, 1e-9)
    // Ceiling: both cores divided by the server's and the load generator's CPU time per sign-in.
    assert.closeTo(values[3]![0]!, 2000 / (5.1 + 2.5), 1e-9)
    assert.closeTo(values[3]![1]!, 2000 / (4.2 + 2.5), 1e-9)
    assert.strictEqual(EmulatorLoad.rows(plan, comparison(measurement(312.5, undefined)), 1.8, 2).length, 1)
    assert.strictEqual(EmulatorLoad.rows(plan, comparison(measurement(312.5, 5.1), measurement(280, undefined)), 1.8, 2).length, 1)
  })

  it("reads a process's CPU time from /proc, and nothing for a process that does not exist", () => {
    const before = EmulatorLoad.processCpuMillis(process.pid)
    assert.isDefined(before)
    // Busy until the kernel's 10 ms accounting ticks over (at most 5 s on a crowded machine).
    const deadline = performance.now() + 5_000
    while (EmulatorLoad.processCpuMillis(process.pid) === before && performance.now() < deadline) Math.sqrt(Math.random())
    assert.isAbove(EmulatorLoad.processCpuMillis(process.pid)!, before!)
    assert.isUndefined(EmulatorLoad.processCpuMillis(2 ** 22 + 12345))
  })

  it("measures the bare SRP math of one sign-in", () => {
    const millis = EmulatorLoad.serverMathMillis(5)
    assert.isTrue(Number.isFinite(millis) && millis > 0)
  })
})
