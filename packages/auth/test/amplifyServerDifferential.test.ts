/**
 * The server side, run through the published `aws-amplify` (`adapter-core`, `auth/server`) and
 * through `@cognito-effect/auth/server`, each on its own copy of one user pool: a session in a
 * cookie jar (written through each library's cookie key-value storage), read on the server in
 * `runWithAmplifyServerContext`, then refreshed there once the access token has expired. Outputs,
 * errors and the calls each library makes on the cookie adapter (which cookies, with what options)
 * must match.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { Amplify as TheirAmplify } from "aws-amplify"
import * as TheirServer from "aws-amplify/adapter-core"
import { cognitoUserPoolsTokenProvider as theirTokenProvider } from "aws-amplify/auth/cognito"
import * as theirs from "aws-amplify/auth"
import * as theirsOnServer from "aws-amplify/auth/server"
import { ConsoleLogger } from "aws-amplify/utils"
import { afterAll, afterEach, beforeAll, describe, it, vi } from "vitest"
import * as ours from "@cognito-effect/auth"
import * as OurServer from "@cognito-effect/auth/server"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { createUser, password, startEmulator } from "./support/Emulator.js"
import { expectSameSteps, recorder, type Step } from "./support/Differential.js"

const flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const
const pool = (id: string, clientId: string) => ({
  Id: id,
  PoolName: id.split("_")[1]!,
  UsernameAttributes: ["email" as const],
  Clients: [{ Id: clientId, ClientName: "web", ExplicitAuthFlows: [...flows] }]
})
const theirPool = { userPoolId: "us-east-1_SsrTheirs", userPoolClientId: "ssrtheirsclient00000000001" }
const ourPool = { userPoolId: "us-east-1_SsrOurs", userPoolClientId: "ssroursclient0000000000001" }

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator({ seed: { UserPools: [pool(theirPool.userPoolId, theirPool.userPoolClientId), pool(ourPool.userPoolId, ourPool.userPoolClientId)] } })
  ConsoleLogger.LOG_LEVEL = "ERROR"
})
afterAll(() => emulator.stop())
afterEach(() => {
  vi.useRealTimers()
})

/** A cookie jar behind Amplify's cookie storage adapter, recording what the library does to it. */
const cookieJar = (clientId: string) => {
  const cookies = new Map<string, string>()
  const calls: Array<unknown> = []
  // Cookie names carry the client id and the user's id; compare them by kind.
  const kind = (name: string) => name.replace(clientId, "<client>").replace(/\.[0-9a-f-]{36}\./, ".<user>.")
  const adapter = {
    get: (name: string) => (cookies.has(name) ? { name, value: cookies.get(name)! } : undefined),
    getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, options?: object) => {
      calls.push({ set: kind(name), options })
      cookies.set(name, value)
    },
    delete: (name: string) => {
      calls.push({ delete: kind(name) })
      cookies.delete(name)
    }
  }
  return { adapter, calls }
}

/**
 * The cookie calls as a set. The order differs on purpose: ours clears the access token first and
 * writes it last, so a request that dies half-way leaves no half-written session behind (the
 * access token is what says a session is there); Amplify writes it second.
 */
const touched = (calls: Array<unknown>) => [...new Set(calls.splice(0).map((call) => JSON.stringify(call)))].sort().map((call) => JSON.parse(call))

type Server = {
  readonly runWithAmplifyServerContext: typeof TheirServer.runWithAmplifyServerContext
  readonly createKeyValueStorageFromCookieStorageAdapter: typeof TheirServer.createKeyValueStorageFromCookieStorageAdapter
  readonly createUserPoolsTokenProvider: typeof TheirServer.createUserPoolsTokenProvider
  readonly fetchAuthSession: typeof theirsOnServer.fetchAuthSession
  readonly getCurrentUser: typeof theirsOnServer.getCurrentUser
  readonly fetchUserAttributes: typeof theirsOnServer.fetchUserAttributes
}

/** A browser signs in into the jar (through the library's own client), then the server reads it. */
const serverSide = async (
  server: Server,
  signInInto: (storage: ReturnType<Server["createKeyValueStorageFromCookieStorageAdapter"]>) => Promise<void>,
  ids: typeof theirPool
): Promise<ReadonlyArray<Step>> => {
  const { steps, run } = recorder()
  const config = { Auth: { Cognito: { ...ids, userPoolEndpoint: emulator.endpoint } } }
  const jar = cookieJar(ids.userPoolClientId)
  const storage = server.createKeyValueStorageFromCookieStorageAdapter(jar.adapter)
  await signInInto(storage)
  steps.push({ step: "cookies written at sign-in", output: touched(jar.calls) })
  const inContext = <A>(operation: (context: never) => Promise<A>) =>
    server.runWithAmplifyServerContext(config, { Auth: { tokenProvider: server.createUserPoolsTokenProvider(config.Auth, storage) } }, operation as never) as Promise<A>
  const tokenNames = (session: Awaited<ReturnType<Server["fetchAuthSession"]>>) => ({
    accessToken: session.tokens?.accessToken.payload["token_use"],
    idToken: session.tokens?.idToken?.payload["token_use"],
    userSub: session.userSub === undefined ? undefined : "<uuid>"
  })
  await run("fetchAuthSession", () => inContext((context) => server.fetchAuthSession(context).then(tokenNames)))
  await run("getCurrentUser", () => inContext((context) => server.getCurrentUser(context)))
  await run("fetchUserAttributes", () => inContext((context) => server.fetchUserAttributes(context)))
  steps.push({ step: "cookies touched reading", output: touched(jar.calls) })

  // Two hours on: the access token has expired and the server refreshes it.
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * 3600_000 })
  await run("fetchAuthSession, expired", () => inContext((context) => server.fetchAuthSession(context).then(tokenNames)))
  steps.push({ step: "cookies written by the refresh", output: touched(jar.calls) })
  vi.useRealTimers()
  return steps
}

describe("aws-amplify and this facade on the server", () => {
  it("read a cookie session and refresh it, touching the same cookies the same way", async () => {
    const username = "ssr-user@example.com"
    await createUser({ ...emulator, ...theirPool }, username)
    await createUser({ ...emulator, ...ourPool }, username)

    const amplify = await serverSide(
      { ...TheirServer, ...theirsOnServer },
      async (storage) => {
        TheirAmplify.configure({ Auth: { Cognito: { ...theirPool, userPoolEndpoint: emulator.endpoint } } })
        theirTokenProvider.setKeyValueStorage(storage)
        await theirs.signIn({ username, password })
      },
      theirPool
    )
    const facade = await serverSide(
      OurServer as unknown as Server,
      async (storage) => {
        const browser = ours.createAuth(
          { Auth: { Cognito: { ...ourPool, userPoolEndpoint: emulator.endpoint } } },
          { storage, signInStorage: new InMemoryStorage(), crossTabEvents: false }
        )
        await browser.signIn({ username, password })
        await browser.dispose()
      },
      ourPool
    )
    expectSameSteps(facade, amplify)
  }, 60_000)
})
