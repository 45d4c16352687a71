/**
 * Property tests on the input of every facade function: fast-check's `anything()`, wrong types for
 * each field, empty, huge and unicode strings, missing fields — signed out, signed in, and with
 * each challenge pending — against the emulator in this process. Every call resolves, or rejects
 * with an `AmplifyError` whose `name` is documented (a validation name, a configuration or
 * runtime name, a Cognito exception name); never a `TypeError`, never `Unknown` from a defect.
 */
import * as Facade from "@cognito-effect/auth"
import { Amplify, AmplifyError, type AuthClient, createAuth, Hub } from "@cognito-effect/auth"
import { bindings } from "@cognito-effect/auth/AuthClient"
import { validationMessages } from "@cognito-effect/domain/AuthError"
import * as EmulatorClient from "@cognito-effect/emulator/EmulatorClient"
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

const runs = Number(process.env["FUZZ_RUNS"] ?? 30)
const seed = process.env["FUZZ_SEED"] === undefined ? {} : { seed: Number(process.env["FUZZ_SEED"]) }
const timeout = 180_000
/** A call that takes longer than this is a hang, not a slow answer (everything runs in process). */
const callTimeout = 15_000

// --- what counts as a documented error ------------------------------------------------------

/** Amplify's configuration, runtime and passkey names (api.md §6.3–6.6), and this library's own. */
const runtimeNames = [
  "AuthUserPoolException",
  "InvalidUserPoolId",
  "InvalidIdentityPoolIdException",
  "OAuthNotConfigureException",
  "AuthTokenConfigException",
  "AuthUserPoolAndIdentityPoolException",
  "InvalidConfig",
  "InvalidParameterException",
  "NoAmplifyContextError",
  "UserUnAuthenticatedException",
  "UserAlreadyAuthenticatedException",
  "DeviceMetadataNotFoundException",
  "AutoSignInException",
  "SignInException",
  "UnexpectedSignInInterruptionException",
  "SetUpTOTPException",
  "OAuthSignInException",
  "oauthSignInError",
  "OAuthSignOutException",
  "InvalidRedirectException",
  "InvalidOriginException",
  "InvalidPreferredRedirectUrlException",
  "TokenRefreshException",
  "NoSessionFoundException",
  "InvalidTokens",
  "iatNotFoundException",
  "EmptyUserIdForSRPException",
  "CredentialsNotFoundException",
  "CredentialsException",
  "GetIdResponseException",
  "InvalidIdTokenException",
  "NoHubcallbackProvidedException",
  "PasskeyNotSupported",
  "PasskeyAlreadyExists",
  "InvalidPasskeyRegistrationOptions",
  "InvalidPasskeyAuthenticationOptions",
  "RelyingPartyMismatch",
  "PasskeyRegistrationFailed",
  "PasskeyRetrievalFailed",
  "PasskeyRegistrationCanceled",
  "PasskeyAuthenticationCanceled",
  "PasskeyOperationAborted",
  "NetworkError",
  "TimeoutError",
  "StorageError"
]

const documented = new Set<string>([...Object.keys(validationMessages), ...runtimeNames])

const tagOf = (value: unknown): string | undefined =>
  typeof value === "object" && value !== null && "_tag" in value ? String((value as { _tag: unknown })._tag) : undefined

const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return `a thrown ${typeof error}: ${String(error)}`
  const underlying = (error as { underlyingError?: unknown }).underlyingError
  const cause = underlying instanceof Error ? `\n  underlying ${underlying.name}: ${underlying.message}\n${underlying.stack ?? ""}` : ""
  return `${error.constructor.name} ${error.name}: ${error.message}${cause}`
}

/** Why `error` is not a documented failure, or `undefined` when it is one. */
const problemWith = (error: unknown): string | undefined => {
  if (!(error instanceof AmplifyError)) return `not an AmplifyError: ${describeError(error)}`
  const underlying = error.underlyingError
  if (error.name === "Unknown") {
    return tagOf(underlying) === "TransportError" ? undefined : `Unknown from a defect: ${describeError(error)}`
  }
  if (documented.has(error.name)) return undefined
  // Cognito's names pass through; an InternalErrorException here is an emulator defect.
  if (tagOf(underlying) === "CognitoServiceError" && /^[A-Z][A-Za-z]+Exception$/.test(error.name) && error.name !== "InternalErrorException") {
    return undefined
  }
  return `undocumented name: ${describeError(error)}`
}

/** Calls `call` and throws (failing the property) unless it resolves or rejects with a documented error. */
const settles = async (label: string, call: () => unknown): Promise<unknown> => {
  let result: unknown
  try {
    result = call()
  } catch (error) {
    throw new Error(`${label} threw synchronously: ${describeError(error)}`)
  }
  if (!(result instanceof Promise)) throw new Error(`${label} did not return a Promise`)
  let timer: ReturnType<typeof setTimeout> | undefined
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} neither resolved nor rejected within ${callTimeout} ms`)), callTimeout)
  })
  try {
    return await Promise.race([result, hung])
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`${label} neither`)) throw error
    const problem = problemWith(error)
    if (problem !== undefined) throw new Error(`${label}: ${problem}`)
    return error
  } finally {
    clearTimeout(timer)
  }
}

/** `fc.assert` with a short report: the failure and the counterexample, long strings cut. */
const check = async <T>(property: fc.IAsyncProperty<T> | fc.IProperty<T>, numRuns: number): Promise<void> => {
  const details = await fc.check(property, { numRuns, ...seed })
  if (!details.failed) return
  const example = fc.stringify(details.counterexample).replace(/(.{40})[^"]{200,}/g, "$1…")
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
  throw new Error(`${error.slice(0, 2_000)}\ncounterexample (seed ${details.seed}, path ${details.counterexamplePath}): ${example.slice(0, 600)}`)
}

// --- arbitraries -------------------------------------------------------------------------------

const huge = fc.integer({ min: 2_000, max: 40_000 }).map((n) => "ü𝒳a".repeat(n))
const strings = fc.oneof(
  fc.constant(""),
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  huge,
  fc.constantFrom(" ", "\u0000", "null", "undefined", "__proto__", "constructor", "toString", "@", "🦀@example.com", "١٢٣٤٥٦")
)
const wrongTypes = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.date(),
  fc.constant(Symbol("fuzz")),
  fc.constant(() => "a function"),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
  fc.constant(Object.create(null) as object),
  fc.constant(new Map([["a", "b"]])),
  fc.constant(new Uint8Array([1, 2, 3]))
)
const anything = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withObjectString: true,
  withUnicodeString: true
})
const bad = fc.oneof(strings, wrongTypes)

/** A field: a plausible value, a bad string, or a value of the wrong type. */
const field = <A>(valid: fc.Arbitrary<A>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: bad })
/** An input object whose fields may each be missing. */
const record = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) => fc.record(model, { requiredKeys: [] })
/** The whole input: a shaped object most of the time, anything at all otherwise. */
const input = <A>(shaped: fc.Arbitrary<A>) => fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: anything })
/** The trailing call options: absent, junk, or a junk `signal`. */
const callOptions = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: bad },
  { weight: 1, arbitrary: record({ signal: bad }) }
)

const metadata = fc.dictionary(fc.string(), fc.oneof(fc.string(), wrongTypes), { maxKeys: 3 })
const code = fc.stringMatching(/^\d{6}$/)
const attributeNames = fc.constantFrom("email", "name", "phone_number", "custom:role", "sub", "email_verified", "given_name")
const attributes = fc.dictionary(fc.oneof(attributeNames, fc.string()), fc.oneof(fc.string(), fc.constant(undefined), wrongTypes), {
  maxKeys: 4
})
const flows = fc.constantFrom("USER_SRP_AUTH", "USER_PASSWORD_AUTH", "CUSTOM_WITH_SRP", "CUSTOM_WITHOUT_SRP", "USER_AUTH")
const factors = fc.constantFrom("WEB_AUTHN", "EMAIL_OTP", "SMS_OTP", "PASSWORD", "PASSWORD_SRP")
const mfaPreference = fc.constantFrom("ENABLED", "DISABLED", "PREFERRED", "NOT_PREFERRED")
const signInOptions = record({
  authFlowType: field(flows),
  clientMetadata: field(metadata),
  preferredChallenge: field(factors)
})

let fixture: InProcess
const known = freshUsername("known")
let signedInSession: ReadonlyMap<string, string>

const usernames = () => fc.oneof(fc.constant(known), fc.constant(known.toUpperCase()), fc.constant(freshUsername()))

/** Each documented function with an arbitrary for its arguments. */
const shapes = (): Record<string, fc.Arbitrary<ReadonlyArray<unknown>>> => ({
  signUp: fc.tuple(
    input(
      record({
        username: field(usernames()),
        password: field(fc.constant(password)),
        options: field(
          record({
            userAttributes: field(attributes),
            validationData: field(metadata),
            clientMetadata: field(metadata),
            autoSignIn: field(fc.oneof(fc.boolean(), signInOptions))
          })
        )
      })
    ),
    callOptions
  ),
  confirmSignUp: fc.tuple(
    input(
      record({
        username: field(usernames()),
        confirmationCode: field(code),
        options: field(record({ clientMetadata: field(metadata), forceAliasCreation: field(fc.boolean()) }))
      })
    ),
    callOptions
  ),
  resendSignUpCode: fc.tuple(
    input(record({ username: field(usernames()), options: field(record({ clientMetadata: field(metadata) })) })),
    callOptions
  ),
  autoSignIn: fc.tuple(callOptions),
  signIn: fc.tuple(
    input(
      record({
        username: field(usernames()),
        password: field(fc.constant(password)),
        options: field(signInOptions)
      })
    ),
    callOptions
  ),
  confirmSignIn: fc.tuple(
    input(
      record({
        challengeResponse: field(fc.oneof(code, fc.constantFrom("SMS", "TOTP", "EMAIL", "PASSWORD", "PASSWORD_SRP", "a@b.co", password))),
        options: field(
          record({ userAttributes: field(attributes), clientMetadata: field(metadata), friendlyDeviceName: field(fc.string()) })
        )
      })
    ),
    callOptions
  ),
  signOut: fc.tuple(input(record({ global: field(fc.boolean()) })), callOptions),
  getCurrentUser: fc.tuple(callOptions),
  fetchAuthSession: fc.tuple(input(record({ forceRefresh: field(fc.boolean()) })), callOptions),
  resetPassword: fc.tuple(
    input(record({ username: field(usernames()), options: field(record({ clientMetadata: field(metadata) })) })),
    callOptions
  ),
  confirmResetPassword: fc.tuple(
    input(
      record({
        username: field(usernames()),
        newPassword: field(fc.constant(password)),
        confirmationCode: field(code),
        options: field(record({ clientMetadata: field(metadata) }))
      })
    ),
    callOptions
  ),
  updatePassword: fc.tuple(
    input(record({ oldPassword: field(fc.constant(password)), newPassword: field(fc.constant(`${password}2`)) })),
    callOptions
  ),
  fetchUserAttributes: fc.tuple(callOptions),
  updateUserAttributes: fc.tuple(
    input(record({ userAttributes: field(attributes), options: field(record({ clientMetadata: field(metadata) })) })),
    callOptions
  ),
  updateUserAttribute: fc.tuple(
    input(
      record({
        userAttribute: field(record({ attributeKey: field(attributeNames), value: field(fc.string()) })),
        options: field(record({ clientMetadata: field(metadata) }))
      })
    ),
    callOptions
  ),
  confirmUserAttribute: fc.tuple(
    input(record({ userAttributeKey: field(attributeNames), confirmationCode: field(code) })),
    callOptions
  ),
  sendUserAttributeVerificationCode: fc.tuple(
    input(record({ userAttributeKey: field(attributeNames), options: field(record({ clientMetadata: field(metadata) })) })),
    callOptions
  ),
  deleteUserAttributes: fc.tuple(
    input(record({ userAttributeKeys: field(fc.array(fc.oneof(attributeNames, bad), { maxLength: 3 })) })),
    callOptions
  ),
  deleteUser: fc.tuple(callOptions),
  setUpTOTP: fc.tuple(callOptions),
  verifyTOTPSetup: fc.tuple(
    input(record({ code: field(code), options: field(record({ friendlyDeviceName: field(fc.string()) })) })),
    callOptions
  ),
  updateMFAPreference: fc.tuple(
    input(record({ sms: field(mfaPreference), totp: field(mfaPreference), email: field(mfaPreference) })),
    callOptions
  ),
  fetchMFAPreference: fc.tuple(callOptions),
  rememberDevice: fc.tuple(callOptions),
  forgetDevice: fc.tuple(input(record({ device: field(record({ id: field(fc.string()) })) })), callOptions),
  fetchDevices: fc.tuple(callOptions)
})

/** Functions after which the signed-in session of the run is gone, so each run gets its own. */
const endsSession = new Set(["signOut", "deleteUser", "updatePassword"])

/** The documented functions of a client: every binding (the instance's own helpers are fuzzed apart). */
const documentedFunctions = Object.keys(bindings)

const invoke = async (auth: AuthClient, name: string, args: ReadonlyArray<unknown>): Promise<void> => {
  await settles(name, () => (auth as unknown as Record<string, (...args: ReadonlyArray<unknown>) => unknown>)[name]!(...args))
}

/** Runs `fn` on a fresh instance over `storage`, then disposes of it. */
const withClient = async <A>(storage: MapStorage, signInStorage: MapStorage, fn: (auth: AuthClient) => Promise<A>): Promise<A> => {
  const auth = inProcessClient(fixture, storage, signInStorage)
  try {
    return await fn(auth)
  } finally {
    await auth.dispose()
  }
}

beforeAll(async () => {
  fixture = await startInProcess()
  await createUserInProcess(fixture, known)
  signedInSession = await signedInItems(fixture)
}, 60_000)
afterAll(() => fixture.stop())

describe("every documented function, any input", () => {
  const names = Object.keys(shapes())

  it("covers every function of a client (new functions get anything())", () => {
    // Functions other features add are fuzzed below with anything(); the shaped ones must exist.
    expect(documentedFunctions).toEqual(expect.arrayContaining(names))
  })

  describe("signed out", () => {
    it.each(names)("%s", async (name) => {
      await check(
        fc.asyncProperty(shapes()[name]!, (args) => withClient(new MapStorage(), new MapStorage(), (auth) => invoke(auth, name, args))),
        runs
      )
    }, timeout)
  })

  describe("signed in", () => {
    it.each(names)("%s", async (name) => {
      await check(
        fc.asyncProperty(shapes()[name]!, async (args) => {
          const session = endsSession.has(name) ? await signedInItems(fixture) : signedInSession
          await withClient(new MapStorage(session), new MapStorage(), (auth) => invoke(auth, name, args))
        }),
        endsSession.has(name) ? Math.ceil(runs / 2) : runs
      )
    }, timeout)
  })

  describe("with a challenge pending", () => {
    const challenges = [
      "SMS_MFA",
      "SMS_OTP",
      "SOFTWARE_TOKEN_MFA",
      "EMAIL_OTP",
      "SELECT_MFA_TYPE",
      "NEW_PASSWORD_REQUIRED",
      "CUSTOM_CHALLENGE",
      "MFA_SETUP",
      "SELECT_CHALLENGE",
      "PASSWORD",
      "PASSWORD_SRP",
      "WEB_AUTHN",
      "DEVICE_SRP_AUTH",
      "SOMETHING_NEW"
    ]
    const contextsOf = (challengeName: string): ReadonlyArray<string | undefined> =>
      challengeName === "MFA_SETUP"
        ? [undefined, '{"mfaSetup":"TOTP"}', '{"mfaSetup":"EMAIL"}']
        : challengeName === "SELECT_CHALLENGE"
          ? ['{"availableChallenges":"[\\"PASSWORD\\",\\"EMAIL_OTP\\"]"}']
          : [undefined]
    const cases = challenges.flatMap((challengeName) => contextsOf(challengeName).map((context) => [challengeName, context] as const))
    it.each(cases)("confirmSignIn answers %s (context %s)", async (challengeName, context) => {
      await check(
        fc.asyncProperty(shapes()["confirmSignIn"]!, async (args) => {
          const signInStorage = new MapStorage([
            ["CognitoSignInState.username", known],
            ["CognitoSignInState.challengeName", challengeName],
            ["CognitoSignInState.signInSession", "AYABeFAKE-session"],
            ["CognitoSignInState.expiry", String(Date.now() + 60_000)],
            ...(context === undefined ? [] : [["CognitoSignInState.context", context] as const])
          ] as ReadonlyArray<readonly [string, string]>)
          await withClient(new MapStorage(), signInStorage, (auth) => invoke(auth, "confirmSignIn", args))
        }),
        runs
      )
    }, timeout)
  })

  it("autoSignIn after a sign-up with arbitrary auto sign-in options", async () => {
    await check(
      fc.asyncProperty(shapes()["signUp"]!, callOptions, (signUpArgs, autoArgs) =>
        withClient(new MapStorage(), new MapStorage(), async (auth) => {
          await invoke(auth, "signUp", signUpArgs)
          await invoke(auth, "autoSignIn", [autoArgs])
        })
      ),
      runs
    )
  }, timeout)

  it("functions added by other features, with anything()", async () => {
    const others = documentedFunctions.filter((name) => !names.includes(name))
    for (const name of others) {
      await check(
        fc.asyncProperty(fc.boolean(), fc.array(anything, { maxLength: 2 }), async (signedIn, args) => {
          await withClient(new MapStorage(signedIn ? signedInSession : []), new MapStorage(), (client) => invoke(client, name, args))
        }),
        runs
      )
    }
  }, timeout)
})

describe("the module's own functions", () => {
  it("the global functions, before and after Amplify.configure", async () => {
    const globals = (Object.entries(Facade) as Array<[string, unknown]>).filter(
      (entry): entry is [string, (...args: ReadonlyArray<unknown>) => unknown] =>
        typeof entry[1] === "function" && !/^class\b/.test(Function.prototype.toString.call(entry[1])) &&
        !["createAuth", "decodeJWT"].includes(entry[0])
    )
    expect(globals.map(([name]) => name)).toEqual(expect.arrayContaining(["signIn", "fetchAuthSession", "getCurrentUser"]))
    for (const configured of [false, true]) {
      if (configured) {
        Amplify.configure(fixture.config, undefined, {
          transport: EmulatorClient.layer(fixture.emulator),
          signInStorage: new MapStorage(),
          crossTabEvents: false
        })
      }
      for (const [name, fn] of globals) {
        await check(
          fc.asyncProperty(fc.array(anything, { maxLength: 2 }), async (args) => {
            await settles(name, () => fn(...args))
          }),
          Math.ceil(runs / 2)
        )
      }
    }
  }, timeout)

  it("createAuth and Amplify.configure take any object, as Amplify does, and refuse anything else with AmplifyError, synchronously; calls then answer documented errors", () => {
    const configs = fc.oneof(
      anything,
      record({ Auth: field(record({ Cognito: field(record({ userPoolId: bad, userPoolClientId: bad, identityPoolId: bad, allowGuestAccess: bad })) })) }),
      record({ version: fc.constantFrom("1", "1.4"), auth: field(record({ user_pool_id: bad, user_pool_client_id: bad, identity_pool_id: bad })) }),
      record({ aws_project_region: field(fc.constant("us-east-1")), aws_user_pools_id: bad, aws_user_pools_web_client_id: bad, aws_cognito_identity_pool_id: bad })
    )
    return check(
      fc.asyncProperty(configs, async (config) => {
        // Requests go to the emulator in this process; anything else (identity pool, hosted UI) is refused before leaving it.
        const offline = {
          transport: EmulatorClient.layer(fixture.emulator),
          fetch: () => Promise.reject(new TypeError("offline")),
          signInStorage: new MapStorage(),
          crossTabEvents: false
        }
        const refused = (label: string, configure: () => AuthClient | void): AuthClient | void => {
          try {
            return configure()
          } catch (error) {
            if (!(error instanceof AmplifyError)) throw new Error(`${label}: not an AmplifyError: ${describeError(error)}`)
            expect(documented.has(error.name)).toBe(true)
            const legacy = typeof config === "object" && config !== null && Object.keys(config).some((key) => key.startsWith("aws_"))
            if (typeof config === "object" && config !== null && !legacy) throw new Error(`${label} refused an object: ${describeError(error)}`)
          }
        }
        const auth = refused("createAuth", () => createAuth(config, { ...offline, storage: new MapStorage() }))
        if (auth !== undefined) {
          await settles("signIn", () => auth.signIn({ username: known, password }))
          await settles("fetchAuthSession", () => auth.fetchAuthSession())
          await auth.dispose()
        }
        refused("Amplify.configure", () => Amplify.configure(config, undefined, offline))
        await settles("signUp", () => Facade.signUp({ username: freshUsername(), password }))
        await settles("getCurrentUser", () => Facade.getCurrentUser())
      }),
      runs * 2
    )
  }, timeout)

  it("createAuth with arbitrary options still answers with documented errors", async () => {
    await check(
      fc.asyncProperty(
        fc.oneof(anything, record({ storage: bad, signInStorage: bad, fetch: bad, headers: bad, crossTabEvents: bad })),
        async (options) => {
          let auth: AuthClient
          try {
            // Without a transport in the options, requests go to a closed loopback port.
            auth = createAuth({ Auth: { Cognito: { ...fixture.config.Auth.Cognito, userPoolEndpoint: "http://127.0.0.1:9" } } }, options as never)
          } catch (error) {
            const problem = problemWith(error)
            if (problem !== undefined) throw new Error(`createAuth: ${problem}`)
            return
          }
          await settles("getCurrentUser", () => auth.getCurrentUser())
          await settles("fetchAuthSession", () => auth.fetchAuthSession())
          await settles("signIn", () => auth.signIn({ username: known, password }))
          await auth.dispose()
        }
      ),
      Math.ceil(runs / 4)
    )
  }, timeout)

  it("a client's listen and setKeyValueStorage take anything; later calls answer documented errors", async () => {
    await check(
      fc.asyncProperty(anything, anything, async (callback, storage) => {
        const auth = inProcessClient(fixture, new MapStorage(signedInSession))
        try {
          try {
            auth.listen(callback as never)
          } catch (error) {
            const problem = problemWith(error)
            if (problem !== undefined) throw new Error(`listen: ${problem}`)
          }
          await settles("signOut", () => auth.signOut())
          auth.setKeyValueStorage(storage as never)
          await settles("getCurrentUser", () => auth.getCurrentUser())
          await settles("fetchAuthSession", () => auth.fetchAuthSession())
        } finally {
          await auth.dispose()
        }
      }),
      runs
    )
  }, timeout)

  it("decodeJWT throws Amplify's plain Error for anything that is not a JWT", () => {
    return check(
      fc.property(fc.oneof(anything, strings, fc.tuple(strings, strings, strings).map((parts) => parts.join("."))), (token) => {
        try {
          Facade.decodeJWT(token as string)
        } catch (error) {
          expect(error).toBeInstanceOf(Error)
          expect(error).not.toBeInstanceOf(TypeError)
          expect((error as Error).message).toMatch(/^Invalid token/)
        }
      }),
      runs * 5
    )
  })

  it("Hub.listen refuses a missing callback with Amplify's error; dispatch takes anything", () => {
    return check(
      fc.property(anything, anything, anything, (channel, callback, payload) => {
        try {
          Hub.listen(channel as string, callback as never)()
        } catch (error) {
          expect(error).toBeInstanceOf(AmplifyError)
          expect((error as AmplifyError).name).toBe("NoHubcallbackProvidedException")
        }
        Hub.dispatch(String(typeof channel), payload as never)
      }),
      runs * 5
    )
  })
})

describe("regressions found by these properties", () => {
  const rejectionOf = async (promise: Promise<unknown>) => {
    try {
      await promise
    } catch (error) {
      return error as AmplifyError
    }
    throw new Error("expected a rejection")
  }

  it("a `signal` that is not an AbortSignal is ignored (was a TypeError from addEventListener)", async () => {
    const auth = inProcessClient(fixture)
    for (const signal of ["", 0, {}, [], new Map()]) {
      expect(await auth.fetchAuthSession(undefined, { signal } as never)).toEqual({})
      expect((await rejectionOf(auth.getCurrentUser({ signal } as never))).name).toBe("UserUnAuthenticatedException")
    }
    await auth.dispose()
  })

  it("a value of the wrong type is refused as Cognito would refuse it, before sending (was a defect in AwsJson.exchange)", async () => {
    const auth = inProcessClient(fixture)
    const error = await rejectionOf(
      auth.confirmResetPassword({ username: known, newPassword: (() => "x") as never, confirmationCode: "123456" })
    )
    expect(error.name).toBe("SerializationException")
    expect(error.message).toContain("Password")
    expect(error.metadata?.httpStatusCode).toBeUndefined()
    const wrongMap = await rejectionOf(auth.resendSignUpCode({ username: known, options: { clientMetadata: { a: 5 as never } } }))
    expect(wrongMap.name).toBe("SerializationException")
    await auth.dispose()
  })

  it("updateUserAttribute(s) without attributes is InvalidParameterException (was a TypeError)", async () => {
    const auth = inProcessClient(fixture, new MapStorage(signedInSession))
    expect((await rejectionOf(auth.updateUserAttribute({} as never))).name).toBe("InvalidParameterException")
    expect((await rejectionOf(auth.updateUserAttribute({ userAttribute: "email" } as never))).name).toBe("SerializationException")
    expect((await rejectionOf(auth.updateUserAttributes({} as never))).name).toBe("InvalidParameterException")
    expect((await rejectionOf(auth.updateUserAttributes({ userAttributes: 5 } as never))).name).toBe("SerializationException")
    await auth.dispose()
  })

  it("a `headers` option that is not a function is ignored (was a TypeError on every request)", async () => {
    // The default transport, over a `fetch` that never connects: no request leaves the process.
    const auth = createAuth(fixture.config, {
      headers: "x-custom: 1" as never,
      storage: new MapStorage(),
      signInStorage: new MapStorage(),
      crossTabEvents: false,
      fetch: () => Promise.reject(new TypeError("connection refused"))
    })
    expect((await rejectionOf(auth.signIn({ username: known, password }))).name).toBe("NetworkError")
    await auth.dispose()
  })

  it("signIn with a password that is not text is refused (was a TypeError in the SRP math)", async () => {
    const auth = inProcessClient(fixture)
    for (const wrong of [Object.create(null), Symbol("password"), 12345678]) {
      const error = await rejectionOf(auth.signIn({ username: known, password: wrong }))
      expect(error.name).toBe("SerializationException")
    }
    await auth.dispose()
  })

  it("setKeyValueStorage(null) makes calls fail with StorageError (was a synchronous TypeError)", async () => {
    const auth = inProcessClient(fixture)
    auth.setKeyValueStorage(null as never)
    expect((await rejectionOf(auth.fetchAuthSession())).name).toBe("StorageError")
    expect((await rejectionOf(auth.getCurrentUser())).name).toBe("StorageError")
    await auth.dispose()
  })

  it("signUp with null attributes sends none; with a number, refuses it (was a TypeError)", async () => {
    const auth = inProcessClient(fixture)
    const username = freshUsername("null-attributes")
    const result = await auth.signUp({ username, password, options: { userAttributes: null as never, validationData: null as never } })
    expect(result.nextStep.signUpStep).toBe("CONFIRM_SIGN_UP")
    const error = await rejectionOf(auth.signUp({ username: freshUsername(), password, options: { userAttributes: 5 as never } }))
    expect(error.name).toBe("SerializationException")
    await auth.dispose()
  })

  it("confirmSignIn with a non-string answer is refused (was a TypeError at MFA_SETUP)", async () => {
    const pendingAt = (challengeName: string) =>
      new MapStorage([
        ["CognitoSignInState.username", known],
        ["CognitoSignInState.challengeName", challengeName],
        ["CognitoSignInState.signInSession", "AYABeFAKE-session"],
        ["CognitoSignInState.expiry", String(Date.now() + 60_000)]
      ])
    const setup = inProcessClient(fixture, new MapStorage(), pendingAt("MFA_SETUP"))
    expect((await rejectionOf(setup.confirmSignIn({ challengeResponse: {} as never }))).name).toBe("SerializationException")
    expect((await rejectionOf(setup.confirmSignIn({ challengeResponse: Symbol("x") as never }))).name).toBe("SerializationException")
    await setup.dispose()
    const select = inProcessClient(fixture, new MapStorage(), pendingAt("SELECT_MFA_TYPE"))
    expect((await rejectionOf(select.confirmSignIn({ challengeResponse: 1 as never }))).name).toBe("IncorrectMFAMethod")
    await select.dispose()
  })
})
