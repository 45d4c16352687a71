/**
 * The benchmark table: one row per measurement with our value, the reference measured in the same
 * run, the ratio ours / reference (two decimals), the target and PASS / MISS. Targets are judged
 * on the unrounded numbers; footnotes give the command that reproduces each row.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export type Unit = "ms" | "bytes" | "per-second" | "count"

/**
 * What a row must reach. `AtMost`: ours ≤ `ratio` × reference (sizes, overheads). `FasterBy`:
 * reference ≥ `factor` × ours (speed-ups). `AtLeast`: ours ≥ an absolute `value` in `unit`
 * (throughput; the reference is then context). `None`: informative only.
 * @since 0.1.0
 */
export type Target =
  | { readonly _tag: "AtMost"; readonly ratio: number }
  | { readonly _tag: "FasterBy"; readonly factor: number }
  | { readonly _tag: "AtLeast"; readonly value: number; readonly unit: Unit }
  | { readonly _tag: "TimesReference"; readonly factor: number }
  | { readonly _tag: "Exactly"; readonly value: number }
  | { readonly _tag: "None" }

/** @since 0.1.0 */
export const atMost = (ratio: number): Target => ({ _tag: "AtMost", ratio })
/** @since 0.1.0 */
export const fasterBy = (factor: number): Target => ({ _tag: "FasterBy", factor })
/** @since 0.1.0 */
export const atLeast = (value: number, unit: Unit): Target => ({ _tag: "AtLeast", value, unit })
/** ours ≥ `factor` × reference (rates: calls per second). @since 0.1.0 */
export const timesReference = (factor: number): Target => ({ _tag: "TimesReference", factor })
/** ours = `value` exactly (counts). @since 0.1.0 */
export const exactly = (value: number): Target => ({ _tag: "Exactly", value })
/** @since 0.1.0 */
export const informative: Target = { _tag: "None" }

/** A measurement that ran. @since 0.1.0 */
export interface Measured {
  readonly _tag: "Measured"
  readonly measurement: string
  readonly unit: Unit
  readonly ours: number
  /** What the reference is, e.g. "Amplify 6.22.1". */
  readonly referenceName: string
  readonly reference: number
  readonly target: Target
  /** The command line that reproduces this row. */
  readonly reproduce: string
}

/** A measurement that could not run; the table shows why instead of a number. @since 0.1.0 */
export interface Failed {
  readonly _tag: "Failed"
  readonly measurement: string
  readonly error: string
  readonly reproduce: string
}

/** @since 0.1.0 */
export type Row = Measured | Failed

/** @since 0.1.0 */
export type Verdict = "PASS" | "MISS" | "info" | "ERROR"

/** @since 0.1.0 */
export const measured = (row: Omit<Measured, "_tag">): Measured => ({ _tag: "Measured", ...row })

/** @since 0.1.0 */
export const failed = (row: Omit<Failed, "_tag">): Failed => ({ _tag: "Failed", ...row })

/** ours / reference. @since 0.1.0 */
export const ratio = (row: Measured): number => row.ours / row.reference

/** Whether the row meets its target, on unrounded values. @since 0.1.0 */
export const verdict = (row: Row): Verdict => {
  if (row._tag === "Failed") return "ERROR"
  const r = ratio(row)
  switch (row.target._tag) {
    case "None":
      return "info"
    case "AtMost":
      return Number.isFinite(r) && r <= row.target.ratio ? "PASS" : "MISS"
    case "FasterBy":
      return Number.isFinite(r) && r > 0 && 1 / r >= row.target.factor ? "PASS" : "MISS"
    case "AtLeast":
      return Number.isFinite(row.ours) && row.ours >= row.target.value ? "PASS" : "MISS"
    case "TimesReference":
      return Number.isFinite(r) && r >= row.target.factor ? "PASS" : "MISS"
    case "Exactly":
      return row.ours === row.target.value ? "PASS" : "MISS"
  }
}

/** `12.34 ms`, `43.6 KiB` or `312 /s`. @since 0.1.0 */
export const formatValue = (value: number, unit: Unit): string =>
  unit === "ms" ? `${value.toFixed(2)} ms` : unit === "bytes" ? `${(value / 1024).toFixed(1)} KiB` : unit === "count" ? `${value}` : `${value.toFixed(0)} /s`

/** `1.27×`; speed-up rows also say how many times faster. @since 0.1.0 */
export const formatRatio = (row: Measured): string => {
  const r = ratio(row)
  const base = `${r.toFixed(2)}×`
  return row.target._tag === "FasterBy" ? `${base} (${(1 / r).toFixed(2)}× faster)` : base
}

/** @since 0.1.0 */
export const formatTarget = (target: Target): string => {
  switch (target._tag) {
    case "None":
      return "—"
    case "AtMost":
      return `≤ ${target.ratio.toFixed(2)}×`
    case "FasterBy":
      return `≥ ${target.factor.toFixed(2)}× faster`
    case "AtLeast":
      return `≥ ${formatValue(target.value, target.unit)}`
    case "TimesReference":
      return `≥ ${target.factor.toFixed(2)}×`
    case "Exactly":
      return `= ${target.value}`
  }
}

const headers = ["#", "measurement", "ours", "reference", "ref value", "ratio", "target", "result"] as const

/** Left-aligned text columns, right-aligned numeric ones. */
const rightAligned: ReadonlySet<number> = new Set([0, 2, 4, 5])

const cells = (row: Row, index: number): ReadonlyArray<string> =>
  row._tag === "Failed"
    ? [`${index + 1}`, row.measurement, "—", "—", "—", "—", "—", verdict(row)]
    : [
        `${index + 1}`,
        row.measurement,
        formatValue(row.ours, row.unit),
        row.referenceName,
        formatValue(row.reference, row.unit),
        formatRatio(row),
        formatTarget(row.target),
        verdict(row)
      ]

/** String length is display width here: `×`, `≤`, `≥` and `—` are single code units. */
const pad = (text: string, width: number, right: boolean): string =>
  right ? text.padStart(width) : text.padEnd(width)

/**
 * The whole table: a header, a rule, one line per row, then numbered footnotes with the command
 * line of each row and the error of any row that failed.
 * @since 0.1.0
 */
export const render = (rows: ReadonlyArray<Row>): string => {
  const body = rows.map(cells)
  const widths = headers.map((header, column) => Math.max(header.length, ...body.map((line) => line[column]!.length)))
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((value, column) => pad(value, widths[column]!, rightAligned.has(column)))
      .join("  ")
      .trimEnd()
  const rule = widths.map((width) => "-".repeat(width)).join("  ")
  const footnotes = rows.map((row, index) =>
    row._tag === "Failed" ? `[${index + 1}] ${row.reproduce}\n    error: ${row.error}` : `[${index + 1}] ${row.reproduce}`
  )
  return [line(headers), rule, ...body.map(line), "", ...footnotes].join("\n")
}

/** How many rows missed their target or failed. @since 0.1.0 */
export const misses = (rows: ReadonlyArray<Row>): number =>
  rows.filter((row) => verdict(row) === "MISS" || verdict(row) === "ERROR").length
