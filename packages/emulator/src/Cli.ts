/**
 * `cognito-effect-emulator [--port N] [--host H] [--seed FILE] [--data DIR] [--region R]
 * [--tls] [--faults SPEC] [--quiet | --verbose]`: starts the emulator, prints one JSON line
 * `{"ready":true,"endpoint":…,"userPoolId":…,"userPoolClientId":…[,"identityPoolId":…]}` on stdout, then
 * human-readable log lines (codes sent to the inbox among them). SIGINT / SIGTERM stop it
 * cleanly (flushing `--data`). Exit status 1 with a message on stderr when it cannot start.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as LogLevel from "effect/LogLevel"
import { parseArgs } from "node:util"
import * as Faults from "./Faults.js"
import * as Server from "./Server.js"

/** Where the CLI writes, and how it leaves (replaceable in tests). @since 0.1.0 */
export interface Io {
  readonly stdout: (line: string) => void
  readonly stderr: (line: string) => void
  readonly exit: (code: number) => void
}

const processIo: Io = {
  stdout: (line) => void process.stdout.write(`${line}\n`),
  stderr: (line) => void process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code)
}

/** @since 0.1.0 */
export const usage = `Usage: cognito-effect-emulator [options]

  --port N        port to listen on (default 9229; 0 picks a free one)
  --host H        address to bind (default 127.0.0.1, loopback only)
  --seed FILE     create pools, app clients and users from a JSON seed file
  --data DIR      keep state in DIR across restarts (default: in memory)
  --region R      region of new user pool ids (default us-east-1)
  --faults SPEC   inject failures: JSON, or rate=0.2,kinds=500+503+throttling+html+latency+drop+truncated,
                  latency=50-500,skew=SECONDS,seed=N,<Operation>=RATE
  --tls           serve https:// with a self-signed certificate made at start (its PEM is in the ready line)
  --quiet         log only warnings and errors
  --verbose       also log every successful request
  --help          show this text`

/** The options of a command line, or why it is wrong. @since 0.1.0 */
export const parseArguments = (argv: ReadonlyArray<string>): { readonly options: Server.StartOptions; readonly help: boolean } | { readonly error: string } => {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        seed: { type: "string" },
        data: { type: "string" },
        region: { type: "string" },
        faults: { type: "string" },
        tls: { type: "boolean" },
        quiet: { type: "boolean" },
        verbose: { type: "boolean" },
        help: { type: "boolean" }
      }
    })
    const port = values.port === undefined ? 9229 : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `--port must be an integer from 0 to 65535, not ${values.port}` }
    const logLevel = values.quiet === true ? LogLevel.Warning : values.verbose === true ? LogLevel.Debug : LogLevel.Info
    const faults = values.faults === undefined ? undefined : Faults.parse(values.faults)
    if (faults !== undefined && Either.isLeft(faults)) return { error: `--faults: ${faults.left}` }
    return {
      help: values.help === true,
      options: {
        port,
        host: values.host ?? "127.0.0.1",
        logLevel,
        ...(values.seed !== undefined ? { seed: values.seed } : {}),
        ...(values.data !== undefined ? { dataDir: values.data } : {}),
        ...(values.region !== undefined ? { region: values.region } : {}),
        ...(faults !== undefined ? { faults: faults.right } : {}),
        ...(values.tls === true ? { tls: true } : {})
      }
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * Runs the CLI. Resolves with the running emulator (or `undefined` after `--help` or an error).
 * @since 0.1.0
 */
export const main = async (argv: ReadonlyArray<string>, io: Io = processIo): Promise<Server.Running | undefined> => {
  const parsed = parseArguments(argv)
  if ("error" in parsed) {
    io.stderr(`cognito-effect-emulator: ${parsed.error}\n\n${usage}`)
    io.exit(2)
    return undefined
  }
  if (parsed.help) {
    io.stdout(usage)
    return undefined
  }
  // Log lines wait until the ready line is out, so that line is always the first.
  let ready = false
  const early: Array<string> = []
  const log = (line: string) => (ready ? io.stdout(line) : early.push(line))
  let running: Server.Running
  try {
    running = await Server.start({ ...parsed.options, log })
  } catch (error) {
    for (const line of early) io.stderr(line)
    io.stderr(`cognito-effect-emulator: ${error instanceof Error ? error.message : String(error)}`)
    io.exit(1)
    return undefined
  }
  io.stdout(
    JSON.stringify({
      ready: true,
      endpoint: running.endpoint,
      userPoolId: running.userPoolId,
      userPoolClientId: running.userPoolClientId,
      ...(running.identityPoolId !== undefined ? { identityPoolId: running.identityPoolId } : {}),
      ...(running.certificate !== undefined ? { certificate: running.certificate } : {})
    })
  )
  ready = true
  for (const line of early) io.stdout(line)
  io.stdout(
    `Cognito emulator listening on ${running.endpoint} — user pool ${running.userPoolId}, app client ${running.userPoolClientId}` +
      (running.identityPoolId !== undefined ? `, identity pool ${running.identityPoolId}` : "") +
      (parsed.options.dataDir !== undefined ? `, data in ${parsed.options.dataDir}` : ", in memory")
  )
  io.stdout(`Codes appear here and at ${running.endpoint}/_emulator/inbox?username=<name>`)
  return running
}

/** The process entry: `main` plus clean shutdown on SIGINT / SIGTERM. @since 0.1.0 */
export const run = async (argv: ReadonlyArray<string> = process.argv.slice(2)): Promise<void> => {
  const running = await main(argv)
  if (running === undefined) return
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    processIo.stdout(`${signal}: stopping`)
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        processIo.stderr(`cognito-effect-emulator: ${String(error)}`)
        process.exit(1)
      }
    )
  }
  process.on("SIGINT", () => shutdown("SIGINT"))
  process.on("SIGTERM", () => shutdown("SIGTERM"))
}
