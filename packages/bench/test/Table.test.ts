import { assert, describe, it } from "@effect/vitest"
import * as Table from "../src/Table.js"

const row = (ours: number, reference: number, target: Table.Target, unit: Table.Unit = "ms"): Table.Measured =>
  Table.measured({
    measurement: "SRP per sign-in",
    unit,
    ours,
    referenceName: "Amplify",
    reference,
    target,
    reproduce: "npm run bench -- --only srp"
  })

describe("Table", () => {
  describe("verdict", () => {
    it("AtMost passes at and below the ratio, misses above it", () => {
      assert.strictEqual(Table.verdict(row(150, 100, Table.atMost(1.5))), "PASS")
      assert.strictEqual(Table.verdict(row(80, 100, Table.atMost(1.5))), "PASS")
      assert.strictEqual(Table.verdict(row(150.01, 100, Table.atMost(1.5))), "MISS")
    })

    it("FasterBy needs reference / ours to reach the factor", () => {
      assert.strictEqual(Table.verdict(row(50, 400, Table.fasterBy(8))), "PASS")
      assert.strictEqual(Table.verdict(row(51, 400, Table.fasterBy(8))), "MISS")
      // ours slower than the reference can never pass a speed-up target
      assert.strictEqual(Table.verdict(row(400, 50, Table.fasterBy(8))), "MISS")
    })

    it("judges unrounded values: 1.504× shows as 1.50× but misses ≤ 1.50×", () => {
      const close = row(150.4, 100, Table.atMost(1.5))
      assert.strictEqual(Table.formatRatio(close), "1.50×")
      assert.strictEqual(Table.verdict(close), "MISS")
    })

    it("a zero reference is a MISS, not a PASS by Infinity or NaN", () => {
      assert.strictEqual(Table.verdict(row(10, 0, Table.atMost(1.5))), "MISS")
      assert.strictEqual(Table.verdict(row(0, 0, Table.fasterBy(8))), "MISS")
    })

    it("AtLeast judges ours alone against an absolute value", () => {
      assert.strictEqual(Table.verdict(row(300, 900, Table.atLeast(300, "per-second"), "per-second")), "PASS")
      assert.strictEqual(Table.verdict(row(299.9, 10, Table.atLeast(300, "per-second"), "per-second")), "MISS")
      assert.strictEqual(Table.verdict(row(Number.NaN, 10, Table.atLeast(300, "per-second"), "per-second")), "MISS")
    })

    it("informative rows and failures", () => {
      assert.strictEqual(Table.verdict(row(1, 1, Table.informative)), "info")
      assert.strictEqual(
        Table.verdict(Table.failed({ measurement: "sign-in", error: "boom", reproduce: "x" })),
        "ERROR"
      )
    })
  })

  describe("formatting", () => {
    it("ratios have two decimals; speed-ups also say how many times faster", () => {
      assert.strictEqual(Table.formatRatio(row(3, 2, Table.atMost(1.5))), "1.50×")
      assert.strictEqual(Table.formatRatio(row(25, 400, Table.fasterBy(8))), "0.06× (16.00× faster)")
    })

    it("values carry their unit", () => {
      assert.strictEqual(Table.formatValue(12.345, "ms"), "12.35 ms")
      assert.strictEqual(Table.formatValue(45_670, "bytes"), "44.6 KiB")
      assert.strictEqual(Table.formatValue(312.4, "per-second"), "312 /s")
    })

    it("targets", () => {
      assert.strictEqual(Table.formatTarget(Table.atMost(1.5)), "≤ 1.50×")
      assert.strictEqual(Table.formatTarget(Table.fasterBy(8)), "≥ 8.00× faster")
      assert.strictEqual(Table.formatTarget(Table.atLeast(300, "per-second")), "≥ 300 /s")
      assert.strictEqual(Table.formatTarget(Table.informative), "—")
    })
  })

  describe("render", () => {
    const rows: ReadonlyArray<Table.Row> = [
      row(31.7, 421.1, Table.fasterBy(8)),
      Table.measured({
        measurement: "Bundle, 7 auth APIs, min+gzip -9",
        unit: "bytes",
        ours: 95_949,
        referenceName: "aws-amplify 6.22.1",
        reference: 45_670,
        target: Table.atMost(1.5),
        reproduce: "npm run bench -- --only bundle"
      }),
      Table.failed({ measurement: "Sign-in, end to end", error: "emulator did not start", reproduce: "npm run bench -- --only signin" })
    ]
    const lines = Table.render(rows).split("\n")

    it("prints a header, a rule and one line per row in fixed columns", () => {
      assert.deepStrictEqual(lines.slice(0, 5), [
        "#  measurement                           ours  reference           ref value                  ratio  target          result",
        "-  --------------------------------  --------  ------------------  ---------  ---------------------  --------------  ------",
        "1  SRP per sign-in                   31.70 ms  Amplify             421.10 ms  0.08× (13.28× faster)  ≥ 8.00× faster  PASS",
        "2  Bundle, 7 auth APIs, min+gzip -9  93.7 KiB  aws-amplify 6.22.1   44.6 KiB                  2.10×  ≤ 1.50×         MISS",
        "3  Sign-in, end to end                      —  —                           —                      —  —               ERROR"
      ])
    })

    it("numbers the footnotes like the rows and shows why a row failed", () => {
      assert.deepStrictEqual(lines.slice(5), [
        "",
        "[1] npm run bench -- --only srp",
        "[2] npm run bench -- --only bundle",
        "[3] npm run bench -- --only signin",
        "    error: emulator did not start"
      ])
    })

    it("counts misses and errors, not informative rows", () => {
      assert.strictEqual(Table.misses([...rows, row(1, 1, Table.informative)]), 2)
    })
  })
})
