/**
 * What a soak run counts and the table `npm run soak` prints: facade operations run and failed,
 * per Cognito operation the attempts the clients sent, the requests the emulator saw, its retries
 * and the faults it injected, typed errors by name, and the invariants — sessions lost while
 * their refresh token was valid, defects, retries the policy does not allow — with every user's
 * outcome.
 *
 * @since 0.1.0
 */

/** Counts by name. @since 0.1.0 */
export class Tally {
  private readonly counts = new Map<string, number>()
  add(name: string, by = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + by)
  }
  get(name: string): number {
    return this.counts.get(name) ?? 0
  }
  get total(): number {
    let sum = 0
    for (const count of this.counts.values()) sum += count
    return sum
  }
  /** Largest first, then by name. */
  entries(): ReadonlyArray<readonly [string, number]> {
    return [...this.counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
  }
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.entries())
  }
}

/** The run's settings, as printed in the title. @since 0.1.0 */
export interface Settings {
  readonly users: number
  readonly sessionsPerUser: number
  readonly seconds: number
  readonly faultRate: number
  readonly seed: number
  readonly clockSkewSeconds: number
  readonly tokenSeconds: number
}

/** One Cognito operation's row. @since 0.1.0 */
export interface WireRow {
  readonly operation: string
  /** attempts the clients sent (every retry included) */
  readonly attempts: number
  /** requests the emulator received */
  readonly requests: number
  /** requests the emulator saw as retries (`attempt=n`, n > 1) */
  readonly retries: number
  readonly faults: number
}

/** @since 0.1.0 */
export interface Report {
  readonly settings: Settings
  readonly elapsedMillis: number
  /** facade calls by function */
  readonly calls: Tally
  /** facade calls that rejected, by function */
  readonly failedCalls: Tally
  readonly wire: ReadonlyArray<WireRow>
  readonly faultsByKind: Tally
  /** rejections by `error.name` (typed, documented errors only; anything else is a defect) */
  readonly errorsByName: Tally
  readonly usersSucceeded: number
  readonly sessionsCompleted: number
  /** sessions that read as signed out while their refresh token was still valid at the emulator */
  readonly sessionsLost: number
  /** sessions the emulator ended (revoked, expired refresh token): allowed, and expected to be 0 here */
  readonly sessionsEndedByServer: number
  /** rejections that are not a documented `AmplifyError`, `Unknown` from a defect, or a hang */
  readonly defects: number
  readonly defectSamples: ReadonlyArray<string>
  /** retries the emulator saw after a final answer */
  readonly retryViolations: number
}

/** The invariants a run must keep; empty when it kept them all. @since 0.1.0 */
export const problems = (report: Report): ReadonlyArray<string> => [
  ...(report.sessionsLost > 0 ? [`${report.sessionsLost} session(s) lost while the refresh token was valid`] : []),
  ...(report.defects > 0 ? [`${report.defects} defect(s): ${report.defectSamples.slice(0, 3).join(" | ")}`] : []),
  ...(report.retryViolations > 0 ? [`${report.retryViolations} retr(y/ies) after a final answer`] : []),
  ...(report.usersSucceeded < report.settings.users
    ? [`${report.settings.users - report.usersSucceeded} user(s) did not finish their sessions in time`]
    : [])
]

const table = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string => {
  const cells = rows.map((row) => row.map(String))
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => row[column]!.length)))
  const line = (values: ReadonlyArray<string>) =>
    values.map((value, column) => (column === 0 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!))).join("  ").trimEnd()
  return [line(headers), widths.map((width) => "-".repeat(width)).join("  "), ...cells.map(line)].join("\n")
}

const listing = (tally: Tally) => (tally.total === 0 ? "none" : tally.entries().map(([name, count]) => `${name} ${count}`).join(", "))

const mark = (value: number, mustBeZero: boolean) => `${value}${mustBeZero ? (value === 0 ? "   (must be 0: ok)" : "   (must be 0: FAILED)") : ""}`

/** The printed report. @since 0.1.0 */
export const render = (report: Report): string => {
  const s = report.settings
  const title =
    `Soak: ${s.users} users × ${s.sessionsPerUser} sessions, ${Math.round(s.faultRate * 100)} % faults (seed ${s.seed}), ` +
    `emulator clock ${s.clockSkewSeconds >= 0 ? "+" : ""}${s.clockSkewSeconds} s, tokens ${s.tokenSeconds} s, ` +
    `${(report.elapsedMillis / 1000).toFixed(1)} s (bound ${s.seconds} s)`
  const facade = table(
    ["facade operation", "runs", "rejected"],
    [
      ...report.calls.entries().map(([name, runs]) => [name, runs, report.failedCalls.get(name)]),
      ["total", report.calls.total, report.failedCalls.total]
    ]
  )
  const wire = table(
    ["Cognito operation", "client attempts", "emulator requests", "retries", "faults injected"],
    [
      ...report.wire.map((row) => [row.operation, row.attempts, row.requests, row.retries, row.faults]),
      [
        "total",
        report.wire.reduce((sum, row) => sum + row.attempts, 0),
        report.wire.reduce((sum, row) => sum + row.requests, 0),
        report.wire.reduce((sum, row) => sum + row.retries, 0),
        report.wire.reduce((sum, row) => sum + row.faults, 0)
      ]
    ]
  )
  const verdict = problems(report)
  return [
    title,
    "",
    facade,
    "",
    wire,
    "",
    `faults injected       ${listing(report.faultsByKind)}`,
    `typed errors by name  ${listing(report.errorsByName)}`,
    "",
    `users succeeded       ${report.usersSucceeded}/${s.users}`,
    `sessions completed    ${report.sessionsCompleted}`,
    `sessions lost         ${mark(report.sessionsLost, true)}`,
    `ended by the server   ${report.sessionsEndedByServer}`,
    `defects               ${mark(report.defects, true)}`,
    `retry violations      ${mark(report.retryViolations, true)}`,
    ...report.defectSamples.slice(0, 5).map((sample) => `  defect: ${sample}`),
    "",
    verdict.length === 0 ? "PASS" : `FAIL: ${verdict.join("; ")}`
  ].join("\n")
}
