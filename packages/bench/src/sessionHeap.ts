/**
 * One heap measurement, run in its own process (`node --expose-gc`): the heap in use after a full
 * collection, before importing the client and after importing it, configuring it and signing in
 * once against the emulator the parent runs. Prints `{"bytes": <difference>, "startMillis": <ms>}`
 * as its last line, `startMillis` being the wall time of the import and the configure (a cold
 * start: nothing of the client was loaded in this process before).
 *
 * `node --expose-gc dist/src/sessionHeap.js <ours|amplify> <bundle file | -> <endpoint> <userPoolId> <clientId> <username> <password>`
 *
 * With a bundle file, the client is imported from it (it must export `Amplify` and `signIn`);
 * with `-`, from its packages (`@cognito-effect/auth`, or `aws-amplify` and `aws-amplify/auth`).
 *
 * @since 0.1.0
 */
import { pathToFileURL } from "node:url"

const collect = (): number => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error("run with --expose-gc")
  for (let i = 0; i < 6; i++) gc()
  return process.memoryUsage().heapUsed
}

/** What both clients offer. */
interface Client {
  readonly Amplify: { configure(config: unknown): void }
  readonly signIn: (input: { username: string; password: string }) => Promise<{
    readonly isSignedIn: boolean
    readonly nextStep: { readonly signInStep: string }
  }>
}

/** Kept reachable until the second measurement, so nothing the client holds is collected early. */
const kept: Array<unknown> = []

const main = async (): Promise<void> => {
  const [side, bundle, endpoint, userPoolId, userPoolClientId, username, password] = process.argv.slice(2)
  if (
    side === undefined || bundle === undefined || endpoint === undefined || userPoolId === undefined || userPoolClientId === undefined ||
    username === undefined || password === undefined
  ) {
    throw new Error("usage: sessionHeap <ours|amplify> <bundle|-> <endpoint> <userPoolId> <clientId> <username> <password>")
  }
  const config = { Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } } }
  const before = collect()
  const started = performance.now()
  const client: Client = bundle !== "-"
    ? ((await import(pathToFileURL(bundle).href)) as Client)
    : side === "ours"
    ? ((await import("@cognito-effect/auth")) as unknown as Client)
    : { Amplify: (await import("aws-amplify")).Amplify, signIn: (await import("aws-amplify/auth")).signIn } as unknown as Client
  client.Amplify.configure(config)
  const startMillis = performance.now() - started
  const output = await client.signIn({ username, password })
  if (!output.isSignedIn) throw new Error(`${side} stopped at ${output.nextStep.signInStep}`)
  kept.push(client, output)
  const after = collect()
  process.stdout.write(`${JSON.stringify({ bytes: after - before, startMillis })}\n`)
}

main().then(
  // Both clients keep timers alive; the number is out, so leave.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)
