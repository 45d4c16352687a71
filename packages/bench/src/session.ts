/**
 * Session benchmarks against the local emulator, ours next to the published `aws-amplify`:
 *
 * - cached `fetchAuthSession` calls per second: a signed-in session with fresh tokens, calls
 *   awaited one after the other for a fixed time, both sides in alternating rounds;
 * - heap attributable to the library after configure + one sign-in, each side measured in its own
 *   `node --expose-gc` process (`sessionHeap.ts`): heap after import, configure and sign-in minus
 *   the heap before the import, both after full collections; median of several processes. Most of
 *   a library's heap in Node is the source text of the modules it loads, so the packaging decides:
 *   the judged row compares both as published (ours: the facade's Node build, `dist/node`, one
 *   minified ESM bundle with Effect inlined); two informative rows show ours unbundled
 *   (`dist/src`, what browser bundlers read) and Amplify minified into one bundle the same way;
 *   the same processes time the import and the configure (a cold start, informative);
 * - requests made by 1,000 concurrent `fetchAuthSession` calls on an expired token (an app client
 *   whose tokens live 7 seconds: after sign-in each side waits until Amplify's 5-second margin
 *   reads them as expired, then fires the calls at once).
 *
 * @since 0.1.0
 */
import { type AuthClient, createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { start } from "@cognito-effect/emulator/Server"
import * as esbuild from "esbuild"
import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { amplifyVersion } from "./Reference.js"
import { amplifyConfig, createConfirmedUser, type Pool } from "./signIn.js"
import * as Table from "./Table.js"
import { median } from "./Timing.js"

/** The command line that reproduces this family's rows. @since 0.1.0 */
export const reproduce = "npm run bench -- --only session"

const username = "bench-session@example.com"
const password = "Bench-Passw0rd!1"

/** Calls per second of `call`, awaited one after another for `millis`. @since 0.1.0 */
export const rate = async (call: () => Promise<unknown>, millis: number): Promise<number> => {
  let calls = 0
  const started = performance.now()
  const end = started + millis
  while (performance.now() < end) {
    await call()
    calls++
  }
  return calls / ((performance.now() - started) / 1000)
}

/** Median rates of both sides over `rounds` alternating rounds, after a warm-up of each. @since 0.1.0 */
export const compareRates = async (
  ours: () => Promise<unknown>,
  reference: () => Promise<unknown>,
  plan: { readonly rounds: number; readonly millis: number } = { rounds: 5, millis: 400 }
): Promise<{ readonly ours: number; readonly reference: number }> => {
  await rate(ours, plan.millis)
  await rate(reference, plan.millis)
  const oursRates: Array<number> = []
  const referenceRates: Array<number> = []
  for (let round = 0; round < plan.rounds; round++) {
    if (round % 2 === 0) {
      oursRates.push(await rate(ours, plan.millis))
      referenceRates.push(await rate(reference, plan.millis))
    } else {
      referenceRates.push(await rate(reference, plan.millis))
      oursRates.push(await rate(ours, plan.millis))
    }
  }
  return { ours: median(oursRates), reference: median(referenceRates) }
}

const requireSignedIn = (client: string, output: { readonly isSignedIn: boolean }) => {
  if (!output.isSignedIn) throw new Error(`${client} did not finish signing in`)
}

/** How long the expiring client's tokens live. */
const shortLifetimeSeconds = 7

/** Until tokens received now read as expired under Amplify's 5-second margin. */
const untilExpired = () => new Promise((resolve) => setTimeout(resolve, (shortLifetimeSeconds - 5) * 1000 + 300))

/** An app client of the pool whose tokens live `shortLifetimeSeconds`. */
const shortLivedClient = async (pool: Pool): Promise<string> => {
  const response = await fetch(pool.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.CreateUserPoolClient" },
    body: JSON.stringify({
      UserPoolId: pool.userPoolId,
      ClientName: "bench-expiring",
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      AccessTokenValidity: shortLifetimeSeconds,
      IdTokenValidity: shortLifetimeSeconds,
      TokenValidityUnits: { AccessToken: "seconds", IdToken: "seconds" }
    })
  })
  if (!response.ok) throw new Error(`CreateUserPoolClient answered ${response.status}`)
  return (await response.json()).UserPoolClient.ClientId
}

/** A `fetch` that counts the requests for one Cognito operation. */
const countingFetch = (operation: string) => {
  const counter = { count: 0 }
  const original = globalThis.fetch
  const counted: typeof globalThis.fetch = (input, init) => {
    const headers = new Headers(init?.headers)
    if (headers.get("x-amz-target")?.endsWith(`.${operation}`) === true) counter.count++
    return original(input, init)
  }
  return { counter, counted, original }
}

type AmplifyModules = readonly [
  typeof import("aws-amplify"),
  typeof import("aws-amplify/auth"),
  typeof import("aws-amplify/auth/cognito"),
  typeof import("aws-amplify/utils")
]

const loadAmplify = async (): Promise<AmplifyModules> => {
  const modules = await Promise.all([
    import("aws-amplify"),
    import("aws-amplify/auth"),
    import("aws-amplify/auth/cognito"),
    import("aws-amplify/utils")
  ])
  // Amplify warns on every configure that the endpoint is custom; keep the table readable.
  modules[3].ConsoleLogger.LOG_LEVEL = "ERROR"
  return modules
}

/** A storage of the user's own: it reports no changes, so every call reads it (no kept answer). */
class PlainStorage {
  private readonly items = new Map<string, string>()
  async setItem(key: string, value: string) {
    this.items.set(key, value)
  }
  async getItem(key: string) {
    return this.items.get(key) ?? null
  }
  async removeItem(key: string) {
    this.items.delete(key)
  }
  async clear() {
    this.items.clear()
  }
}

const cachedCalls = async (pool: Pool, amplify: AmplifyModules): Promise<ReadonlyArray<Table.Row>> => {
  const ours: AuthClient = createAuth(amplifyConfig(pool), { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage() })
  const plain: AuthClient = createAuth(amplifyConfig(pool), { storage: new PlainStorage(), signInStorage: new InMemoryStorage() })
  try {
    requireSignedIn("ours", await ours.signIn({ username, password }))
    requireSignedIn("ours", await plain.signIn({ username, password }))
    const [{ Amplify }, auth, { cognitoUserPoolsTokenProvider }, { sharedInMemoryStorage }] = amplify
    Amplify.configure(amplifyConfig(pool))
    cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage)
    requireSignedIn("Amplify", await auth.signIn({ username, password }))
    const check = async (session: { readonly tokens?: unknown }) => {
      if (session.tokens === undefined) throw new Error("a cached session came back without tokens")
    }
    await check(await ours.fetchAuthSession())
    await check(await plain.fetchAuthSession())
    await check(await auth.fetchAuthSession())
    const result = await compareRates(() => ours.fetchAuthSession(), () => auth.fetchAuthSession())
    const uncached = await compareRates(() => plain.fetchAuthSession(), () => auth.fetchAuthSession(), { rounds: 3, millis: 400 })
    await auth.signOut()
    const referenceName = `aws-amplify ${amplifyVersion()}`
    return [
      Table.measured({
        measurement: "Cached fetchAuthSession calls",
        unit: "per-second",
        ours: result.ours,
        referenceName,
        reference: result.reference,
        target: Table.timesReference(10),
        reproduce
      }),
      Table.measured({
        measurement: "  the same, a custom storage (read every call)",
        unit: "per-second",
        ours: uncached.ours,
        referenceName,
        reference: uncached.reference,
        target: Table.informative,
        reproduce
      })
    ]
  } finally {
    for (const client of [ours, plain]) {
      await client.signOut().catch(() => undefined)
      await client.dispose()
    }
  }
}

const heapChild = fileURLToPath(new URL("./sessionHeap.js", import.meta.url))
/** This package's folder (`dist/src/..` → the package), where bundle entries resolve from. */
const packageDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))))

/** A minified ESM bundle for Node of `source`, written into `dir`. @since 0.1.0 */
export const bundleForNode = async (source: string, dir: string, name: string): Promise<string> => {
  const outfile = join(dir, `${name}.mjs`)
  await esbuild.build({
    stdin: { contents: source, resolveDir: packageDir, sourcefile: `${name}-entry.js`, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    // Amplify's CommonJS dependencies call `require` at run time.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    outfile,
    logLevel: "silent"
  })
  return outfile
}

/** One child process's measurement: heap bytes, and the ms its import and configure took. @since 0.1.0 */
export interface ColdStart {
  readonly bytes: number
  readonly startMillis: number
}

/** Runs one child process (`sessionHeap.ts`). @since 0.1.0 */
export const heapOnce = (side: "ours" | "amplify", bundle: string | undefined, pool: Pool): Promise<ColdStart> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--expose-gc", heapChild, side, bundle ?? "-", pool.endpoint, pool.userPoolId, pool.userPoolClientId, username, password],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error !== null) return reject(new Error(`${side} heap child failed: ${stderr.trim() || error.message}`))
        const last = stdout.trim().split("\n").at(-1) ?? ""
        try {
          resolve(JSON.parse(last) as ColdStart)
        } catch {
          reject(new Error(`${side} heap child printed ${JSON.stringify(last)}`))
        }
      }
    )
  })

/** The facade's unbundled build (`dist/src/index.js`), next to the Node build Node resolves. */
const unbundledFacade = (): string => join(dirname(fileURLToPath(import.meta.resolve("@cognito-effect/auth"))), "..", "src", "index.js")

const heap = async (pool: Pool, runs = 5): Promise<ReadonlyArray<Table.Row>> => {
  const dir = mkdtempSync(join(tmpdir(), "cognito-effect-heap-"))
  try {
    const amplifyBundle = await bundleForNode(`export { Amplify } from "aws-amplify"; export { signIn } from "aws-amplify/auth"`, dir, "amplify")
    const samples = { ours: [] as Array<ColdStart>, oursUnbundled: [] as Array<ColdStart>, amplify: [] as Array<ColdStart>, amplifyBundle: [] as Array<ColdStart> }
    const bytes = (of: ReadonlyArray<ColdStart>) => median(of.map((sample) => sample.bytes))
    for (let run = 0; run < runs; run++) {
      samples.ours.push(await heapOnce("ours", undefined, pool))
      samples.amplify.push(await heapOnce("amplify", undefined, pool))
      samples.oursUnbundled.push(await heapOnce("ours", unbundledFacade(), pool))
      samples.amplifyBundle.push(await heapOnce("amplify", amplifyBundle, pool))
    }
    const reference = `aws-amplify ${amplifyVersion()}`
    return [
      Table.measured({
        measurement: "Heap after configure + one sign-in",
        unit: "bytes",
        ours: bytes(samples.ours),
        referenceName: `${reference} as published`,
        reference: bytes(samples.amplify),
        target: Table.atMost(1),
        reproduce
      }),
      Table.measured({
        measurement: "  the same, ours unbundled (dist/src)",
        unit: "bytes",
        ours: bytes(samples.oursUnbundled),
        referenceName: `${reference} as published`,
        reference: bytes(samples.amplify),
        target: Table.informative,
        reproduce
      }),
      Table.measured({
        measurement: "  the same, Amplify bundled too",
        unit: "bytes",
        ours: bytes(samples.ours),
        referenceName: `${reference} bundled`,
        reference: bytes(samples.amplifyBundle),
        target: Table.informative,
        reproduce
      }),
      Table.measured({
        measurement: "Import + configure in a fresh Node process",
        unit: "ms",
        ours: median(samples.ours.map((sample) => sample.startMillis)),
        referenceName: `${reference} as published`,
        reference: median(samples.amplify.map((sample) => sample.startMillis)),
        target: Table.informative,
        reproduce
      })
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const concurrentRefresh = async (pool: Pool, amplify: AmplifyModules, calls = 1000): Promise<Table.Row> => {
  const clientId = await shortLivedClient(pool)
  const expiring = { ...pool, userPoolClientId: clientId }
  const oursCount = countingFetch("GetTokensFromRefreshToken")
  const ours = createAuth(amplifyConfig(expiring), {
    storage: new InMemoryStorage(),
    signInStorage: new InMemoryStorage(),
    fetch: oursCount.counted
  })
  try {
    requireSignedIn("ours", await ours.signIn({ username, password }))
    await untilExpired()
    await Promise.all(Array.from({ length: calls }, () => ours.fetchAuthSession()))
  } finally {
    await ours.signOut().catch(() => undefined)
    await ours.dispose()
  }

  const [{ Amplify }, auth, { cognitoUserPoolsTokenProvider }, { sharedInMemoryStorage }] = amplify
  Amplify.configure(amplifyConfig(expiring))
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage)
  requireSignedIn("Amplify", await auth.signIn({ username, password }))
  await untilExpired()
  const amplifyCount = countingFetch("GetTokensFromRefreshToken")
  globalThis.fetch = amplifyCount.counted
  try {
    await Promise.all(Array.from({ length: calls }, () => auth.fetchAuthSession()))
  } finally {
    globalThis.fetch = amplifyCount.original
    await auth.signOut()
  }
  return Table.measured({
    measurement: `Refresh requests, ${calls} concurrent calls, expired token`,
    unit: "count",
    ours: oursCount.counter.count,
    referenceName: `aws-amplify ${amplifyVersion()}`,
    reference: amplifyCount.counter.count,
    target: Table.exactly(1),
    reproduce
  })
}

/** Starts the emulator, seeds one user, measures the three rows, stops the emulator. @since 0.1.0 */
export const run = async (): Promise<ReadonlyArray<Table.Row>> => {
  const emulator = await start()
  try {
    await createConfirmedUser(emulator, username, password)
    const amplify = await loadAmplify()
    const rows: Array<Table.Row> = []
    const attempt = async (measurement: string, measure: () => Promise<Table.Row | ReadonlyArray<Table.Row>>) => {
      try {
        const measured = await measure()
        rows.push(...(Array.isArray(measured) ? measured : [measured as Table.Row]))
      } catch (error) {
        rows.push(Table.failed({ measurement, error: error instanceof Error ? error.message : String(error), reproduce }))
      }
    }
    await attempt("Cached fetchAuthSession calls", () => cachedCalls(emulator, amplify))
    await attempt("Heap after configure + one sign-in", () => heap(emulator))
    await attempt("Refresh requests, 1000 concurrent calls, expired token", () => concurrentRefresh(emulator, amplify))
    return rows
  } finally {
    await emulator.stop()
  }
}
