/**
 * Emulator throughput: USER_SRP_AUTH sign-ins per second that the emulator completes with many
 * clients at once. The emulator runs as users run it — its CLI in a child process
 * (`cognito-effect-emulator --port 0 --quiet`, SRP exponentiations on its worker thread) — and
 * the load comes from worker threads of this process (`SrpLoad.ts`), so the clients' SRP math is
 * not charged to the emulator, although on a 2-core machine both share the same cores.
 *
 * A sign-in counts when RespondToAuthChallenge answers tokens inside the timed window, after a
 * warm-up; any refused sign-in makes the row an ERROR. Besides the rate, each server's own CPU
 * time per sign-in is read from `/proc/<pid>/stat` over the window (Linux), which stays
 * meaningful when other processes load the machine.
 *
 * The reference, measured in the same run under the same load: `BareSrpServer.ts`, a bare
 * `node:http` server doing the same cryptography and nothing else — what any server has to spend
 * on this machine. The two are loaded in turn, twice each, and each keeps its better round. Every
 * sign-in costs the client one 512-bit-exponent modpow (`S`) and the server three 256-bit ones and
 * two RS256 signatures, ~5 ms of bare crypto on both sides together; with two HTTP exchanges on
 * each side on top, the last row (cores ÷ server and load-generator CPU per sign-in) shows the
 * most any server could complete while sharing the cores with its load.
 *
 * @since 0.1.0
 */
import { spawn, type ChildProcess } from "node:child_process"
import { createDiffieHellman, randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import { availableParallelism } from "node:os"
import { fileURLToPath } from "node:url"
import { Worker } from "node:worker_threads"
import { N } from "@cognito-effect/domain/Srp"
import * as BareSrpServer from "./BareSrpServer.js"
import { createConfirmedUser, type Pool } from "./signIn.js"
import type * as SrpLoad from "./SrpLoad.js"
import * as Table from "./Table.js"
import * as Timing from "./Timing.js"

/** The command line that reproduces this family's rows. @since 0.1.0 */
export const reproduce = "npm run bench -- --only emulator"

/** How the load is shaped. @since 0.1.0 */
export interface Plan {
  /** distinct users signing in (each with its own salt and verifier) */
  readonly users: number
  /** load-generator worker threads */
  readonly workers: number
  /** sign-ins kept in flight by each worker */
  readonly clientsPerWorker: number
  readonly warmupMillis: number
  readonly windowMillis: number
  /** random bytes of each client secret `a` (Amplify: 128; RFC 5054's minimum: 32) */
  readonly ephemeralBytes: number
}

/**
 * 48 clients over 48 users, 256-bit client ephemerals: the cheapest valid client, because the
 * load generator shares the cores it measures.
 * @since 0.1.0
 */
export const defaultPlan: Plan = { users: 48, workers: 2, clientsPerWorker: 24, warmupMillis: 2_000, windowMillis: 8_000, ephemeralBytes: 32 }

/** The target of the issue: at least this many SRP sign-ins per second on the 2-core machine. @since 0.1.0 */
export const target = 300

/** A server to load: where it listens and which process to charge its CPU time to. @since 0.1.0 */
export interface Target extends Pool {
  readonly pid: number
}

/** A running server child process (the emulator CLI or the bare reference). */
interface ServerProcess extends Target {
  readonly child: ChildProcess
}

/** The emulator CLI, found through the package's exports (`dist/src/Cli.js` → `bin/`). */
const cliPath = (): string => fileURLToPath(new URL("../../bin/cognito-effect-emulator.js", import.meta.resolve("@cognito-effect/emulator/Cli")))

/** `cognito-effect-emulator --port 0 --quiet`, as users run it. */
const emulatorCommand = (): ReadonlyArray<string> => [cliPath(), "--port", "0", "--quiet"]

/**
 * Starts a server script that prints the emulator CLI's ready line (the emulator by default) and
 * waits for that line.
 * @since 0.1.0
 */
export const startServer = (command: ReadonlyArray<string> = emulatorCommand()): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    let errors = ""
    child.stderr!.on("data", (chunk: Buffer) => void (errors += chunk.toString("utf8")))
    child.once("exit", (code) => reject(new Error(`the server exited with ${code} before it was ready: ${errors.trim()}`)))
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8")
      const line = output.split("\n").find((candidate) => candidate.startsWith("{"))
      if (line === undefined) return
      const ready = JSON.parse(line) as { endpoint: string; userPoolId: string; userPoolClientId: string }
      child.stdout!.removeAllListeners("data")
      child.stdout!.resume()
      resolve({ child, pid: child.pid!, endpoint: ready.endpoint, userPoolId: ready.userPoolId, userPoolClientId: ready.userPoolClientId })
    })
  })

const stopServer = (server: ServerProcess): Promise<void> =>
  new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve()
    server.child.removeAllListeners("exit")
    server.child.once("exit", () => resolve())
    server.child.kill("SIGTERM")
  })

/** Linux's clock ticks per second for `/proc/<pid>/stat` (USER_HZ; 100 on every mainstream kernel). */
const ticksPerSecond = 100

/** CPU time (user + system, every thread) a process has used, in ms; undefined off Linux. @since 0.1.0 */
export const processCpuMillis = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    // The command name (field 2) may contain spaces; the fields after its closing parenthesis don't.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
  } catch {
    return undefined
  }
}

/** Median ms of the three server-side exponentiations of one sign-in on bare `node:crypto`. @since 0.1.0 */
export const serverMathMillis = (runs = 51): number => {
  const toBuffer = (n: bigint) => {
    const hex = n.toString(16)
    return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, "hex")
  }
  const group = createDiffieHellman(toBuffer(N), 2)
  const v = toBuffer(BigInt(`0x${randomBytes(384).toString("hex")}`) % N)
  const A = toBuffer(BigInt(`0x${randomBytes(384).toString("hex")}`) % N)
  const samples: Array<number> = []
  for (let i = 0; i < runs + 5; i++) {
    const b = randomBytes(32)
    const u = randomBytes(32)
    const started = performance.now()
    group.setPrivateKey(b)
    group.generateKeys()
    group.setPrivateKey(u)
    group.computeSecret(v)
    group.setPrivateKey(b)
    group.computeSecret(A)
    if (i >= 5) samples.push(performance.now() - started)
  }
  return Timing.median(samples)
}

const startWorker = (setup: SrpLoad.Setup): Promise<Worker> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./SrpLoad.js", import.meta.url), { workerData: { role: "srp-load", setup } })
    worker.once("error", reject)
    worker.once("message", (report: SrpLoad.Report) => (report._tag === "Ready" ? resolve(worker) : reject(new Error("unexpected worker report"))))
  })

const finish = (worker: Worker): Promise<Extract<SrpLoad.Report, { _tag: "Done" }>> =>
  new Promise((resolve, reject) => {
    worker.once("error", reject)
    worker.once("message", (report: SrpLoad.Report) => (report._tag === "Done" ? resolve(report) : reject(new Error("unexpected worker report"))))
  })

const percentile = (samples: ReadonlyArray<number>, p: number): number => {
  const sorted = [...samples].sort((x, y) => x - y)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

/** What one load run measured. @since 0.1.0 */
export interface Measurement {
  readonly signInsPerSecond: number
  /** the emulator process's CPU ms per completed sign-in, if readable */
  readonly serverCpuMillis: number | undefined
  /** this process's CPU ms per completed sign-in: the load generator's own cost */
  readonly clientCpuMillis: number
  readonly completed: number
  readonly p50Millis: number
  readonly p95Millis: number
  readonly inlinePairs: number
}

/** Loads a running server with `plan` and measures it; throws if any sign-in was refused. @since 0.1.0 */
export const measure = async (server: Target, plan: Plan = defaultPlan): Promise<Measurement> => {
  const users = Array.from({ length: plan.users }, (_, i) => ({ username: `load-${i}@example.com`, password: `Load-Passw0rd!${i}` }))
  for (const user of users) await createConfirmedUser(server, user.username, user.password)
  // Enough pairs for the target rate over warm-up and window, and a fifth more; past that, inline.
  const seconds = (plan.warmupMillis + plan.windowMillis) / 1000
  const pairs = Math.ceil((1.2 * target * seconds) / plan.workers)
  const workers = await Promise.all(
    Array.from({ length: plan.workers }, (_, index) =>
      startWorker({
        endpoint: server.endpoint,
        userPoolId: server.userPoolId,
        clientId: server.userPoolClientId,
        users: users.filter((_, i) => i % plan.workers === index),
        clients: plan.clientsPerWorker,
        pairs,
        ephemeralBytes: plan.ephemeralBytes
      })
    )
  )
  try {
    const results = workers.map(finish)
    for (const worker of workers) worker.postMessage({ _tag: "Go", warmupMillis: plan.warmupMillis, windowMillis: plan.windowMillis } satisfies SrpLoad.Command)
    const cpu = await new Promise<{ readonly before: number | undefined; readonly after: number | undefined; readonly client: NodeJS.CpuUsage }>((resolve) =>
      setTimeout(() => {
        const before = processCpuMillis(server.pid)
        const client = process.cpuUsage()
        setTimeout(() => resolve({ before, after: processCpuMillis(server.pid), client: process.cpuUsage(client) }), plan.windowMillis)
      }, plan.warmupMillis)
    )
    const reports = await Promise.all(results)
    const failed = reports.reduce((sum, report) => sum + report.failed, 0)
    if (failed > 0) throw new Error(`${failed} sign-ins were refused; the first: ${reports.find((report) => report.firstError)?.firstError}`)
    const latencies = reports.flatMap((report) => report.latencies)
    const completed = latencies.length
    return {
      signInsPerSecond: completed / (plan.windowMillis / 1000),
      serverCpuMillis: cpu.before !== undefined && cpu.after !== undefined && completed > 0 ? (cpu.after - cpu.before) / completed : undefined,
      clientCpuMillis: (cpu.client.user + cpu.client.system) / 1000 / completed,
      completed,
      p50Millis: percentile(latencies, 50),
      p95Millis: percentile(latencies, 95),
      inlinePairs: reports.reduce((sum, report) => sum + report.inlinePairs, 0)
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

/** What the same load measured on the emulator and on the bare reference server. @since 0.1.0 */
export interface Comparison {
  readonly emulator: Measurement
  readonly bare: Measurement
}

/** cores × 1000 ÷ CPU ms per sign-in: the sign-ins per second `millis` of work per sign-in allows. */
const perSecond = (cores: number, millis: number): number => (cores * 1000) / millis

const latency = (measured: Measurement): string =>
  `${measured.completed} sign-ins in the window; latency p50 ${measured.p50Millis.toFixed(0)} ms, p95 ${measured.p95Millis.toFixed(0)} ms`

/** The rows of one comparison. @since 0.1.0 */
export const rows = (plan: Plan, measured: Comparison, mathMillis: number, cores: number): ReadonlyArray<Table.Row> => {
  const clients = plan.workers * plan.clientsPerWorker
  const { emulator, bare } = measured
  return [
    Table.measured({
      measurement: `Emulator SRP sign-ins/s, ${clients} clients`,
      unit: "per-second",
      ours: emulator.signInsPerSecond,
      referenceName: "bare node:http server, same crypto",
      reference: bare.signInsPerSecond,
      target: Table.atLeast(target, "per-second"),
      reproduce:
        `${reproduce}   (${latency(emulator)}; the bare server (BareSrpServer.ts): ${latency(bare)}; ` +
        `${plan.ephemeralBytes * 8}-bit client ephemerals, precomputed, ${emulator.inlinePairs + bare.inlinePairs} inside the runs)`
    }),
    ...(emulator.serverCpuMillis === undefined || bare.serverCpuMillis === undefined
      ? []
      : [
          Table.measured({
            measurement: "Emulator CPU per SRP sign-in",
            unit: "ms",
            ours: emulator.serverCpuMillis,
            referenceName: "the bare server's",
            reference: bare.serverCpuMillis,
            target: Table.informative,
            reproduce:
              `${reproduce}   (server process CPU over the window, /proc/<pid>/stat; its 3 modpows alone take ${mathMillis.toFixed(2)} ms on node:crypto; ` +
              `the load generator used ${emulator.clientCpuMillis.toFixed(2)} ms per sign-in on the same cores, ${bare.clientCpuMillis.toFixed(2)} ms against the bare server)`
          }),
          Table.measured({
            measurement: "  its capacity, all cores its own",
            unit: "per-second",
            ours: perSecond(cores, emulator.serverCpuMillis),
            referenceName: "the bare server's",
            reference: perSecond(cores, bare.serverCpuMillis),
            target: Table.informative,
            reproduce: `${reproduce}   (cores × 1000 ÷ the server's CPU ms per sign-in: the rate with no load generator sharing the cores)`
          }),
          Table.measured({
            measurement: "  ceiling with the load generator",
            unit: "per-second",
            ours: perSecond(cores, emulator.serverCpuMillis + emulator.clientCpuMillis),
            referenceName: "the bare server's",
            reference: perSecond(cores, bare.serverCpuMillis + bare.clientCpuMillis),
            target: Table.informative,
            reproduce:
              `${reproduce}   (cores × 1000 ÷ (server + load generator CPU ms per sign-in): the most these cores can complete while they run both; ` +
              `below ${target} for the bare server means no server reaches the target on this machine under this load)`
          })
        ])
  ]
}

/** The better of two runs of one server: the one that completed more sign-ins. */
const better = (left: Measurement | undefined, right: Measurement): Measurement =>
  left === undefined || right.signInsPerSecond > left.signInsPerSecond ? right : left

/** Starts the server `command` runs, loads it with `plan`, stops it. */
const loadServer = async (command: ReadonlyArray<string>, plan: Plan): Promise<Measurement> => {
  const server = await startServer(command)
  try {
    return await measure(server, plan)
  } finally {
    await stopServer(server)
  }
}

/**
 * Loads the emulator CLI and the bare reference server in turn, `rounds` times each, and keeps
 * each one's best round (other work on a shared machine only ever slows a round down).
 * @since 0.1.0
 */
export const run = async (plan: Plan = defaultPlan, rounds = 2): Promise<ReadonlyArray<Table.Row>> => {
  const mathMillis = serverMathMillis()
  let emulator: Measurement | undefined
  let bare: Measurement | undefined
  for (let round = 0; round < rounds; round++) {
    emulator = better(emulator, await loadServer(emulatorCommand(), plan))
    bare = better(bare, await loadServer(BareSrpServer.command(), plan))
  }
  return rows(plan, { emulator: emulator!, bare: bare! }, mathMillis, availableParallelism())
}
