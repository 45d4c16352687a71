/**
 * `npm run soak`: many simulated users (`SoakUser`) run randomized sessions through the Promise
 * facade against the emulator on 127.0.0.1 with faults injected into a fifth of the requests
 * (HTTP 500 and 503, throttling, a proxy's HTML page, latency, dropped connections, truncated
 * answers) and its clock ahead of theirs, token lifetimes of seconds so refreshes happen all the
 * time. Bounded in users, sessions and seconds. Prints the `SoakReport` table and exits 1 when an
 * invariant broke: a session lost while its refresh token was valid, a defect, a retry the policy
 * does not allow, or a user that did not finish.
 *
 * `--users N --sessions N --seconds N --rate R --seed N --skew S --token-seconds N`
 *
 * @since 0.1.0
 */
import { prng } from "@cognito-effect/emulator/Faults"
import { start } from "@cognito-effect/emulator/Server"
import type * as Seed from "@cognito-effect/emulator/Seed"
import { pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import { type Report, render, problems, type Settings, Tally, type WireRow } from "./SoakReport.js"
import { Counters, simulate } from "./SoakUser.js"

/** @since 0.1.0 */
export interface Options extends Partial<Settings> {
  /** the longest pause a user takes inside a session, letting tokens expire (default 3000) */
  readonly maxWaitMillis?: number
  /** progress lines (default: none) */
  readonly log?: (line: string) => void
}

/** The full run's defaults: 40 users × 5 sessions, at most 90 s, 20 % faults. @since 0.1.0 */
export const defaults: Settings = {
  users: 40,
  sessionsPerUser: 5,
  seconds: 90,
  faultRate: 0.2,
  seed: 20_240_601,
  clockSkewSeconds: 20,
  tokenSeconds: 8
}

/** A pool like the default one, with e-mail MFA on offer and tokens that live `tokenSeconds`. */
const soakSeed = (tokenSeconds: number): Seed.Seed => ({
  UserPools: [
    {
      PoolName: "soak",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "email", Required: true, Mutable: true }],
      MfaConfiguration: "OPTIONAL",
      EmailMfaConfiguration: {},
      Clients: [
        {
          ClientName: "soak",
          ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          PreventUserExistenceErrors: "ENABLED",
          EnableTokenRevocation: true,
          AccessTokenValidity: tokenSeconds,
          IdTokenValidity: tokenSeconds,
          TokenValidityUnits: { AccessToken: "seconds", IdToken: "seconds" }
        }
      ]
    }
  ]
})

/** Runs the soak and reports; never throws for a broken invariant (the report says so). @since 0.1.0 */
export const run = async (options: Options = {}): Promise<Report> => {
  const settings: Settings = {
    users: options.users ?? defaults.users,
    sessionsPerUser: options.sessionsPerUser ?? defaults.sessionsPerUser,
    seconds: options.seconds ?? defaults.seconds,
    faultRate: options.faultRate ?? defaults.faultRate,
    seed: options.seed ?? defaults.seed,
    clockSkewSeconds: options.clockSkewSeconds ?? defaults.clockSkewSeconds,
    tokenSeconds: options.tokenSeconds ?? defaults.tokenSeconds
  }
  const emulator = await start({
    port: 0,
    host: "127.0.0.1",
    seed: soakSeed(settings.tokenSeconds),
    faults: {
      rate: settings.faultRate,
      seed: settings.seed,
      latencyMillis: [5, 150],
      clockSkewSeconds: settings.clockSkewSeconds
    }
  })
  const counters = new Counters()
  const started = Date.now()
  try {
    // Users finish their running session after the soft deadline; the hard one ends the run.
    const softDeadline = started + settings.seconds * 750
    const hardDeadline = started + settings.seconds * 1000
    const context = (index: number) => ({
      emulator,
      counters,
      // A PRNG per user, from the run's seed: the same seed, the same choices.
      random: prng(settings.seed * 7919 + index),
      softDeadline,
      hardDeadline,
      maxWaitMillis: options.maxWaitMillis ?? 3_000,
      callTimeoutMillis: 60_000
    })
    let finished = 0
    await Promise.all(
      Array.from({ length: settings.users }, async (_, index) => {
        // Users arrive over the first second, not all at once.
        await new Promise((resolve) => setTimeout(resolve, (index * 1000) / settings.users))
        await simulate(context(index), index, settings.sessionsPerUser)
        options.log?.(`user ${index} done (${++finished}/${settings.users})`)
      })
    )
  } finally {
    await emulator.stop()
  }
  const stats = emulator.faults.stats()
  const operations = new Set([...Object.keys(stats.requests), ...counters.attempts.entries().map(([name]) => name)])
  const faultsByKind = new Tally()
  const wire: Array<WireRow> = [...operations].sort().map((operation) => {
    const faults = stats.faults[operation] ?? {}
    for (const [kind, count] of Object.entries(faults)) faultsByKind.add(kind, count ?? 0)
    return {
      operation,
      attempts: counters.attempts.get(operation),
      requests: stats.requests[operation] ?? 0,
      retries: stats.retries[operation] ?? 0,
      faults: Object.values(faults).reduce((sum: number, count) => sum + (count ?? 0), 0)
    }
  })
  return {
    settings,
    elapsedMillis: Date.now() - started,
    calls: counters.calls,
    failedCalls: counters.failedCalls,
    wire,
    faultsByKind,
    errorsByName: counters.errorsByName,
    usersSucceeded: counters.usersSucceeded,
    sessionsCompleted: counters.sessionsCompleted,
    sessionsLost: counters.sessionsLost,
    sessionsEndedByServer: counters.sessionsEndedByServer,
    defects: counters.defects,
    defectSamples: counters.defectSamples,
    retryViolations: stats.retryViolations
  }
}

/** The command line's settings. @since 0.1.0 */
export const parseArguments = (argv: ReadonlyArray<string>): Options => {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      users: { type: "string" },
      sessions: { type: "string" },
      seconds: { type: "string" },
      rate: { type: "string" },
      seed: { type: "string" },
      skew: { type: "string" },
      "token-seconds": { type: "string" }
    }
  })
  const number = (name: string, value: string | undefined, signed = false) => {
    if (value === undefined) return undefined
    const parsed = Number(value)
    if (value.trim() === "" || !Number.isFinite(parsed) || (!signed && parsed < 0)) throw new Error(`--${name} must be a ${signed ? "" : "non-negative "}number, not ${value}`)
    return parsed
  }
  const entries = {
    users: number("users", values.users),
    sessionsPerUser: number("sessions", values.sessions),
    seconds: number("seconds", values.seconds),
    faultRate: number("rate", values.rate),
    seed: number("seed", values.seed),
    clockSkewSeconds: number("skew", values.skew, true),
    tokenSeconds: number("token-seconds", values["token-seconds"])
  }
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Options
}

const main = async () => {
  const options = parseArguments(process.argv.slice(2))
  process.stderr.write("soak: starting (loopback only)…\n")
  const report = await run({ ...options, log: (line) => process.stderr.write(`${line}\n`) })
  process.stdout.write(`${render(report)}\n`)
  process.exitCode = problems(report).length === 0 ? 0 : 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exitCode = 1
  })
}
