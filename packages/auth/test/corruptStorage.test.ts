/**
 * Corrupted storage: every key Amplify's layout uses (tokens, `signInDetails`, `clockDrift`,
 * device keys, `LastAuthUser`, `CognitoSignInState.*`) and keys that belong to someone else
 * (another user, another app client, other features) are seeded with truncated JSON, wrong types,
 * tokens of another session, half sessions and garbage. Every read API then answers signed out, a
 * session, or a documented error — never a crash — and a sign-in still works afterwards.
 */
import { AmplifyError, type AuthClient } from "@cognito-effect/auth"
import { validationMessages } from "@cognito-effect/domain/AuthError"
import * as Tokens from "@cognito-effect/domain/Tokens"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { password } from "./support/Emulator.js"
import {
  createUserInProcess,
  freshUsername,
  type InProcess,
  inProcessClient,
  MapStorage,
  signedInItems,
  startInProcess
} from "./support/InProcess.js"

const runs = Number(process.env["FUZZ_RUNS"] ?? 50)
const seed = process.env["FUZZ_SEED"] === undefined ? {} : { seed: Number(process.env["FUZZ_SEED"]) }

let fixture: InProcess
const owner = freshUsername("owner")
let ownSession: ReadonlyMap<string, string>
let otherSession: ReadonlyMap<string, string>

/** A session's per-user key prefix (`CognitoIdentityServiceProvider.<client>.<user>.`) and user. */
const layoutOf = (session: ReadonlyMap<string, string>) => {
  const [lastKey, user] = [...session].find(([key]) => key.endsWith(".LastAuthUser"))!
  const clientPrefix = lastKey.slice(0, -".LastAuthUser".length)
  return { lastKey, user, clientPrefix, userPrefix: `${clientPrefix}.${user}.` }
}

const perUserKeys = [
  "accessToken",
  "idToken",
  "refreshToken",
  "clockDrift",
  "signInDetails",
  "deviceKey",
  "deviceGroupKey",
  "randomPasswordKey",
  "oauthMetadata",
  "oidcProvider"
] as const

const signInStateKeys = ["username", "challengeName", "signInSession", "expiry", "signInDetails", "context"].map(
  (key) => `CognitoSignInState.${key}`
)

const base64Url = (text: string) => Buffer.from(text, "utf8").toString("base64url")

/** An unsigned JWT around any payload text (clients never verify signatures). */
const jwtAround = (payload: string) => `${base64Url('{"alg":"RS256","kid":"x"}')}.${base64Url(payload)}.c2ln`

const junkJson = fc.constantFrom("", "{", '{"loginId":', "[1,2", "null", "true", "42", '"text"', "[]", "{}", '{"loginId":5}', '{"authFlowType":["x"]}', '{"oauthSignIn":"yes"}')
const junkNumbers = fc.constantFrom("NaN", "Infinity", "-", "1e309", "12abc", "0x10", " ", "-999999999999999999999", "3.5")
const junkText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constant("a.b.c"),
  fc.constant("..."),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => "ü".repeat(n))
)
const craftedJwt = fc.oneof(
  fc.json({ maxDepth: 2 }).map(jwtAround),
  fc.record(
    {
      sub: fc.oneof(fc.uuid(), fc.integer(), fc.constant(null)),
      exp: fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }), fc.constant("soon"), fc.constant(null)),
      iat: fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }), fc.constant([])),
      username: fc.oneof(fc.string(), fc.integer(), fc.object()),
      "cognito:username": fc.oneof(fc.string(), fc.constant({})),
      client_id: fc.oneof(fc.string(), fc.constant(7)),
      aud: fc.oneof(fc.string(), fc.array(fc.string()), fc.integer()),
      origin_jti: fc.oneof(fc.uuid(), fc.constant(null))
    },
    { requiredKeys: [] }
  ).map((payload) => jwtAround(JSON.stringify(payload)))
)

/** A value for `key` given the real value it would hold in each session (if any). */
const valueFor = (own: string | undefined, other: string | undefined): fc.Arbitrary<string> => {
  const real = [own, other].filter((value): value is string => value !== undefined)
  const mangled = real.length === 0
    ? []
    : [
      fc.constantFrom(...real),
      fc.tuple(fc.constantFrom(...real), fc.nat()).map(([value, cut]) => value.slice(0, cut % (value.length + 1))),
      fc.tuple(fc.constantFrom(...real), fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([value, at, char]) => {
        const i = at % Math.max(1, value.length)
        return value.slice(0, i) + char + value.slice(i + 1)
      })
    ]
  return fc.oneof(...mangled, junkJson, junkNumbers, junkText, craftedJwt)
}

/** Storage contents: any subset of the keys of both sessions, plus foreign keys, each with a value. */
const corruptStorage = () => {
  const own = layoutOf(ownSession)
  const other = layoutOf(otherSession)
  const model: Record<string, fc.Arbitrary<string>> = {}
  // The other session's keys, translated to this user's and under their own names (a foreign user).
  for (const key of perUserKeys) {
    const mine = ownSession.get(`${own.userPrefix}${key}`)
    const theirs = otherSession.get(`${other.userPrefix}${key}`)
    model[`${own.userPrefix}${key}`] = valueFor(mine, theirs)
    model[`${other.userPrefix}${key}`] = valueFor(theirs, mine)
    model[`${own.clientPrefix}.username.${key}`] = valueFor(mine, theirs)
    model[`CognitoIdentityServiceProvider.another-client.${own.user}.${key}`] = valueFor(mine, theirs)
  }
  model[own.lastKey] = fc.oneof(fc.constantFrom(own.user, other.user, "username", "", owner), junkText, junkJson)
  for (const key of signInStateKeys) {
    model[key] = fc.oneof(
      fc.constantFrom("SMS_MFA", "CUSTOM_CHALLENGE", "MFA_SETUP", "NEW_PASSWORD_REQUIRED", own.user, String(Date.now() + 60_000), String(Date.now() - 1)),
      junkJson,
      junkNumbers,
      junkText
    )
  }
  for (const suffix of ["inflightOAuth", "inflightOAuthDeadline", "oauthSignIn", "oauthPKCE", "oauthState"]) {
    model[`${own.clientPrefix}.${suffix}`] = fc.oneof(fc.constantFrom("true", "false", "true,false"), junkJson, junkText)
  }
  model[`cognito-effect-refresh:${own.clientPrefix.split(".")[1]}.lease`] = fc.oneof(
    fc.constant(JSON.stringify({ owner: "someone", expiresAt: Date.now() - 1 })),
    junkJson,
    junkText
  )
  model["Cognito.us-east-1:00000000-0000-0000-0000-000000000000.identityId"] = fc.oneof(junkJson, junkText)
  return fc.record(model, { requiredKeys: [] })
}

// --- documented outcomes ------------------------------------------------------------------

const runtimeNames = new Set([
  ...Object.keys(validationMessages),
  "UserUnAuthenticatedException",
  "UserAlreadyAuthenticatedException",
  "DeviceMetadataNotFoundException",
  "AutoSignInException",
  "SignInException",
  "InvalidTokens",
  // A session stored without its refresh token cannot be refreshed (Amplify's implicit-grant rule).
  "TokenRefreshException",
  // A storage that keeps nothing fails the sign-in that wrote to it.
  "UnexpectedSignInInterruptionException",
  "EmptyUserIdForSRPException",
  "NetworkError",
  "StorageError"
])

const tagOf = (value: unknown) => (typeof value === "object" && value !== null && "_tag" in value ? String(value._tag) : undefined)

const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return `a thrown ${typeof error}: ${String(error)}`
  const underlying = (error as { underlyingError?: unknown }).underlyingError
  return `${error.name}: ${error.message}${underlying instanceof Error ? `\n  underlying ${underlying.name}: ${underlying.message}\n${underlying.stack ?? ""}` : ""}`
}

/** The call's outcome: `{ ok }` or `{ error: name }`; throws on anything undocumented or a hang. */
const outcome = async (label: string, call: () => Promise<unknown>): Promise<{ readonly ok: unknown } | { readonly error: string }> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} hung`)), 15_000)
  })
  try {
    return { ok: await Promise.race([call(), hung]) }
  } catch (error) {
    if (!(error instanceof AmplifyError)) throw new Error(`${label}: not an AmplifyError: ${describeError(error)}`)
    const serviceName = tagOf(error.underlyingError) === "CognitoServiceError" && /Exception$/.test(error.name) && error.name !== "InternalErrorException"
    if (!runtimeNames.has(error.name) && !serviceName) throw new Error(`${label}: undocumented ${describeError(error)}`)
    return { error: error.name }
  } finally {
    clearTimeout(timer)
  }
}

/** Whether a value reads as a JWT (what the token store requires of an access token). */
const decodes = (value: string | undefined) => value !== undefined && value !== "" && Either.isRight(Tokens.decode(value))

/** The access token the token store would find: the one of `LastAuthUser` (or `username`). */
const storedAccessToken = (items: Record<string, string>) => {
  const { clientPrefix } = layoutOf(ownSession)
  const last = items[`${clientPrefix}.LastAuthUser`]
  const user = last === undefined || last === "" ? "username" : last
  return items[`${clientPrefix}.${user}.accessToken`]
}

const readApis: ReadonlyArray<readonly [string, (auth: AuthClient) => Promise<unknown>]> = [
  ["getCurrentUser", (auth) => auth.getCurrentUser()],
  ["fetchAuthSession", (auth) => auth.fetchAuthSession()],
  ["fetchAuthSession forced", (auth) => auth.fetchAuthSession({ forceRefresh: true })],
  ["fetchUserAttributes", (auth) => auth.fetchUserAttributes()],
  ["fetchMFAPreference", (auth) => auth.fetchMFAPreference()],
  ["fetchDevices", (auth) => auth.fetchDevices()],
  ["rememberDevice", (auth) => auth.rememberDevice()],
  ["confirmSignIn", (auth) => auth.confirmSignIn({ challengeResponse: "123456" })],
  ["autoSignIn", (auth) => auth.autoSignIn()]
]

beforeAll(async () => {
  fixture = await startInProcess()
  await createUserInProcess(fixture, owner)
  ownSession = await signInItems(owner)
  otherSession = await signedInItems(fixture)
}, 60_000)
afterAll(() => fixture.stop())

const signInItems = async (username: string) => {
  const storage = new MapStorage()
  const auth = inProcessClient(fixture, storage)
  await auth.signIn({ username, password })
  await auth.dispose()
  return new Map(storage.items)
}

describe("corrupted storage", () => {
  it("reads as signed out, a session or a documented error; signIn works afterwards", async () => {
    const details = await fc.check(
      fc.asyncProperty(corruptStorage(), async (generated) => {
        const items = generated as Record<string, string>
        const storage = new MapStorage(Object.entries(items))
        const signInStorage = new MapStorage(Object.entries(items).filter(([key]) => key.startsWith("CognitoSignInState.")))
        const auth = inProcessClient(fixture, storage, signInStorage)
        try {
          const results = new Map<string, { readonly ok: unknown } | { readonly error: string }>()
          for (const [name, read] of readApis) results.set(name, await outcome(name, () => read(auth)))
          // A stored access token that is not a JWT is no session at all.
          if (!decodes(storedAccessToken(items))) {
            expect(results.get("getCurrentUser")).toEqual({ error: "UserUnAuthenticatedException" })
            expect(results.get("fetchAuthSession")).toEqual({ ok: {} })
          }
          // Whatever was there, a sign-in (after a sign-out if something reads as a session) works.
          const first = await outcome("signIn", () => auth.signIn({ username: owner, password }))
          if ("error" in first) {
            expect(first.error).toBe("UserAlreadyAuthenticatedException")
            expect(await outcome("signOut", () => auth.signOut())).toEqual({ ok: undefined })
            expect(await outcome("signIn again", () => auth.signIn({ username: owner, password }))).toEqual({
              ok: { isSignedIn: true, nextStep: { signInStep: "DONE" } }
            })
          } else {
            expect(first.ok).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
          }
          const user = await auth.getCurrentUser()
          expect(user.signInDetails?.loginId).toBe(owner)
          expect((await auth.fetchUserAttributes())["email"]).toBe(owner)
        } finally {
          await auth.dispose()
        }
      }),
      { numRuns: runs, ...seed }
    )
    if (details.failed) {
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
      throw new Error(`${error.slice(0, 3_000)}\ncounterexample (seed ${details.seed}): ${fc.stringify(details.counterexample).slice(0, 3_000)}`)
    }
  }, 300_000)

  it("a storage that hands back non-strings reads as signed out", async () => {
    const odd = {
      getItem: async (key: string) => (key.endsWith("LastAuthUser") ? ({ user: "x" } as unknown as string) : (42 as unknown as string)),
      setItem: async () => {},
      removeItem: async () => {},
      clear: async () => {}
    }
    const auth = inProcessClient(fixture, odd, new MapStorage())
    expect(await auth.fetchAuthSession()).toEqual({})
    await expect(auth.getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" })
    await auth.dispose()
  })

  it("every Amplify key holding truncated JSON at once reads as signed out", async () => {
    const { clientPrefix, userPrefix, lastKey, user } = layoutOf(ownSession)
    const items: Array<[string, string]> = [[lastKey, user]]
    for (const key of perUserKeys) items.push([`${userPrefix}${key}`, (ownSession.get(`${userPrefix}${key}`) ?? '{"x":1}').slice(0, 9)])
    for (const key of signInStateKeys) items.push([key, '{"trunc'])
    items.push([`${clientPrefix}.inflightOAuth`, '{"'])
    const auth = inProcessClient(fixture, new MapStorage(items), new MapStorage(items.filter(([key]) => key.startsWith("CognitoSignInState."))))
    expect(await auth.fetchAuthSession()).toEqual({})
    await expect(auth.getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" })
    await expect(auth.confirmSignIn({ challengeResponse: "123456" })).rejects.toMatchObject({ name: "SignInException" })
    expect(await auth.signIn({ username: owner, password })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    await auth.dispose()
  })
})
