/**
 * `npm run bench`: runs every measurement family (or those named by `--only srp,bundle,signin`),
 * prints one table and exits 0 — a missed target is a MISS in the table, not a failed process.
 *
 * @since 0.1.0
 */
import { availableParallelism } from "node:os"
import * as Bundle from "./bundle.js"
import * as EmulatorLoad from "./emulator.js"
import * as Session from "./session.js"
import * as SignIn from "./signIn.js"
import * as Srp from "./srp.js"
import * as Table from "./Table.js"

interface Family {
  readonly title: string
  readonly reproduce: string
  readonly run: () => Promise<ReadonlyArray<Table.Row>>
}

const families: Record<string, Family> = {
  srp: { title: "Client SRP per sign-in", reproduce: Srp.reproduce, run: () => Srp.run() },
  bundle: { title: "Browser bundle size", reproduce: Bundle.reproduce, run: () => Bundle.run() },
  signin: { title: "End-to-end sign-in against the emulator", reproduce: SignIn.reproduce, run: () => SignIn.run() },
  session: { title: "Sessions: cached calls, heap, concurrent refresh", reproduce: Session.reproduce, run: () => Session.run() },
  emulator: { title: "Emulator throughput, SRP sign-ins", reproduce: EmulatorLoad.reproduce, run: () => EmulatorLoad.run() }
}

/** The families named by `--only a,b` (or `--only=a,b`), all of them by default. */
const selected = (args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const index = args.findIndex((arg) => arg === "--only" || arg.startsWith("--only="))
  if (index === -1) return Object.keys(families)
  const arg = args[index]!
  const value = arg === "--only" ? (args[index + 1] ?? "") : arg.slice("--only=".length)
  const names = value.split(",").filter((name) => name.length > 0)
  const unknown = names.filter((name) => !(name in families))
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--only takes a comma-separated list of: ${Object.keys(families).join(", ")}`)
  }
  return names
}

const main = async (): Promise<void> => {
  const names = selected(process.argv.slice(2))
  const rows: Array<Table.Row> = []
  for (const name of names) {
    const family = families[name]!
    process.stderr.write(`running ${name}: ${family.title}…\n`)
    const start = performance.now()
    try {
      rows.push(...(await family.run()))
    } catch (error) {
      rows.push(
        Table.failed({
          measurement: family.title,
          error: error instanceof Error ? error.message : String(error),
          reproduce: family.reproduce
        })
      )
    }
    process.stderr.write(`  ${name} done in ${((performance.now() - start) / 1000).toFixed(1)} s\n`)
  }
  console.log(`cognito-effect benchmarks — Node ${process.version}, ${availableParallelism()} cores; times are medians, ratio = ours / reference\n`)
  console.log(Table.render(rows))
  const missed = Table.misses(rows)
  console.log(`\n${rows.length - missed} of ${rows.length} rows met their target or are informative; ${missed} MISS/ERROR.`)
}

main().then(
  // Amplify keeps timers and sockets alive in Node; the table is printed, so leave now.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
)
