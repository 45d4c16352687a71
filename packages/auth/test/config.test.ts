/**
 * Configuration as Amplify treats it (checked against the published aws-amplify 6.22.1 /
 * @aws-amplify/auth 6.21.1): before `configure` the global functions answer as 6.21.1 does;
 * `configure` and `createAuth` take whatever Amplify's `configure` takes — half a user pool, a
 * pool id without a region, an `aws-exports` document — and each call then fails with Amplify's
 * error, class and order; `getConfig()` and the `core` `configure` event carry the
 * `ResourcesConfig` that was read. Against the emulator over HTTP on 127.0.0.1.
 *
 * The "before configure" tests come first: this file's module state starts unconfigured.
 */
import { MemoryRedirect } from "@cognito-effect/adapters/Redirect"
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import * as Auth from "@cognito-effect/auth"
import { Amplify, AmplifyError, AuthError, createAuth, type HubCapsule, Hub } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"
import { HostedUiUser } from "./support/HostedUi.js"

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.stop())
afterEach(() => {
  vi.restoreAllMocks()
})

/** Records the URL of every request and forwards it (only loopback addresses are ever reached). */
const recording = (seen: Array<string>): typeof fetch => (input, init) => {
  const url = input instanceof Request ? input.url : String(input)
  seen.push(url)
  return url.startsWith("http://127.0.0.1") ? fetch(input, init) : Promise.reject(new TypeError(`refused: ${url}`))
}

/**
 * For an app configured with Amplify's own endpoints (aws-exports has no endpoint key): the
 * regional Cognito and Cognito Identity endpoints of the emulator's region are sent to the
 * emulator, and recorded as the app addressed them.
 */
const rerouting = (seen: Array<string>): typeof fetch => (input, init) => {
  const url = input instanceof Request ? input.url : String(input)
  const region = emulator.userPoolId.split("_")[0]
  if (url === `https://cognito-idp.${region}.amazonaws.com/` || url === `https://cognito-identity.${region}.amazonaws.com/`) {
    seen.push(url)
    return fetch(emulator.endpoint, init)
  }
  return recording(seen)(input, init)
}

const offline = (seen: Array<string> = []) => ({ crossTabEvents: false, signInStorage: new InMemoryStorage(), fetch: recording(seen) })

type Call = () => Promise<unknown>
type Expected = readonly [name: string, kind: "AuthError" | "AmplifyError", message?: string, recoverySuggestion?: string]

/** Checks a rejection's name, class (an `AmplifyError` that is not an `AuthError`, or an `AuthError`) and text. */
const expectFailure = async (label: string, call: Call, [name, kind, message, recoverySuggestion]: Expected) => {
  const error = await rejection(call())
  expect(error, label).toBeInstanceOf(AmplifyError)
  expect(error.name, label).toBe(name)
  expect(error instanceof AuthError, `${label}: ${name} is ${kind}`).toBe(kind === "AuthError")
  if (message !== undefined) expect(error.message, label).toBe(message)
  if (recoverySuggestion !== undefined) expect(error.recoverySuggestion, label).toBe(recoverySuggestion)
}

const noContext: Expected = [
  "NoAmplifyContextError",
  "AmplifyError",
  "No AmplifyContext available. Call Amplify.configure() to set a global context, or pass a context as the first argument.",
  "Call Amplify.configure() before using this API, or pass an AmplifyContext created via createAmplifyContext() as the first argument."
]
const noUserPool: Expected = [
  "AuthUserPoolException",
  "AmplifyError",
  "Auth UserPool not configured.",
  "Make sure to call Amplify.configure in your app with userPoolId and userPoolClientId."
]
const invalidUserPoolId: Expected = ["InvalidUserPoolId", "AuthError", "Invalid user pool id provided."]
const noAutoSignIn: Expected = [
  "AutoSignInException",
  "AuthError",
  "The autoSignIn flow has not started, or has been cancelled/completed.",
  "Please try to use the signIn API or log out before starting a new autoSignIn flow."
]
const unconfiguredWarning = "Amplify has not been configured. Please call Amplify.configure() before using this service."

describe("before Amplify.configure (6.21.1)", () => {
  it("user-pool functions reject with NoAmplifyContextError, whatever their input", async () => {
    const calls: ReadonlyArray<readonly [string, Call]> = [
      ["resendSignUpCode({})", () => Auth.resendSignUpCode({} as never)],
      ["resetPassword({})", () => Auth.resetPassword({} as never)],
      ["signUp({})", () => Auth.signUp({} as never)],
      ["signIn", () => Auth.signIn({ username: "u", password: "p" })],
      ["confirmSignIn", () => Auth.confirmSignIn({ challengeResponse: "123456" })],
      ["getCurrentUser", () => Auth.getCurrentUser()],
      ["fetchUserAttributes", () => Auth.fetchUserAttributes()],
      ["updateUserAttribute", () => Auth.updateUserAttribute({ userAttribute: { attributeKey: "name", value: "Ada" } })],
      ["signOut", () => Auth.signOut()],
      ["signInWithRedirect", () => Auth.signInWithRedirect()],
      ["deleteUser", () => Auth.deleteUser()],
      ["fetchDevices", () => Auth.fetchDevices()]
    ]
    for (const [label, call] of calls) await expectFailure(label, call, noContext)
  })

  it("autoSignIn rejects with AutoSignInException, as no flow can have started", async () => {
    await expectFailure("autoSignIn", () => Auth.autoSignIn(), noAutoSignIn)
  })

  it("fetchAuthSession resolves an empty session, its four keys undefined", async () => {
    expect(await Auth.fetchAuthSession()).toStrictEqual({ tokens: undefined, credentials: undefined, identityId: undefined, userSub: undefined })
  })

  it("getConfig answers {} with Amplify's warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined)
    expect(Amplify.getConfig()).toEqual({})
    expect(warn).toHaveBeenCalledWith(unconfiguredWarning)
  })
})

const cognito = (fields: Record<string, unknown>) => ({ Auth: { Cognito: fields } })

describe("configure takes what Amplify takes; each call reports what is missing, in Amplify's order", () => {
  it("a user pool id without a region: validation first, then InvalidUserPoolId before any request", async () => {
    const seen: Array<string> = []
    Amplify.configure(cognito({ userPoolId: "badpool", userPoolClientId: emulator.userPoolClientId, userPoolEndpoint: emulator.endpoint }), undefined, offline(seen))
    const username = uniqueEmail("badpool")
    const expectations: ReadonlyArray<readonly [string, Call, Expected]> = [
      ["signUp({})", () => Auth.signUp({} as never), ["EmptySignUpUsername", "AuthError", "username is required to signUp"]],
      ["signUp", () => Auth.signUp({ username, password }), invalidUserPoolId],
      ["signIn({})", () => Auth.signIn({} as never), ["EmptySignInUsername", "AuthError"]],
      ["signIn", () => Auth.signIn({ username, password }), invalidUserPoolId],
      ["signIn USER_PASSWORD_AUTH", () => Auth.signIn({ username, password, options: { authFlowType: "USER_PASSWORD_AUTH" } }), invalidUserPoolId],
      ["confirmSignUp({})", () => Auth.confirmSignUp({} as never), ["EmptyConfirmSignUpUsername", "AuthError"]],
      ["confirmSignUp", () => Auth.confirmSignUp({ username, confirmationCode: "123456" }), invalidUserPoolId],
      ["resendSignUpCode", () => Auth.resendSignUpCode({ username }), invalidUserPoolId],
      ["resetPassword({})", () => Auth.resetPassword({} as never), ["EmptyResetPasswordUsername", "AuthError"]],
      ["resetPassword", () => Auth.resetPassword({ username }), invalidUserPoolId],
      ["getCurrentUser", () => Auth.getCurrentUser(), ["UserUnAuthenticatedException", "AuthError"]],
      ["fetchUserAttributes", () => Auth.fetchUserAttributes(), ["UserUnAuthenticatedException", "AuthError"]],
      ["autoSignIn", () => Auth.autoSignIn(), noAutoSignIn],
      ["confirmSignIn", () => Auth.confirmSignIn({ challengeResponse: "123456" }), ["SignInException", "AuthError"]],
      ["signInWithRedirect", () => Auth.signInWithRedirect(), ["OAuthNotConfigureException", "AmplifyError", "oauth param not configured."]]
    ]
    for (const [label, call, expected] of expectations) await expectFailure(label, call, expected)
    expect(await Auth.fetchAuthSession()).toEqual({})
    await Auth.signOut()
    expect(seen).toEqual([])
  })

  it("half a user pool: AuthUserPoolException (an AmplifyError) first, except where Amplify validates first", async () => {
    for (const fields of [{ userPoolId: emulator.userPoolId }, { userPoolClientId: emulator.userPoolClientId }]) {
      const seen: Array<string> = []
      Amplify.configure(cognito({ ...fields, userPoolEndpoint: emulator.endpoint }), undefined, offline(seen))
      const expectations: ReadonlyArray<readonly [string, Call, Expected]> = [
        ["signUp({})", () => Auth.signUp({} as never), noUserPool],
        ["signIn({})", () => Auth.signIn({} as never), noUserPool],
        ["signIn", () => Auth.signIn({ username: "u", password }), noUserPool],
        ["confirmSignUp({})", () => Auth.confirmSignUp({} as never), noUserPool],
        ["resendSignUpCode", () => Auth.resendSignUpCode({ username: "u" }), noUserPool],
        ["resetPassword({})", () => Auth.resetPassword({} as never), ["EmptyResetPasswordUsername", "AuthError"]],
        ["resetPassword", () => Auth.resetPassword({ username: "u" }), noUserPool],
        ["getCurrentUser", () => Auth.getCurrentUser(), noUserPool],
        ["fetchUserAttributes", () => Auth.fetchUserAttributes(), noUserPool],
        ["signOut", () => Auth.signOut(), noUserPool],
        ["confirmSignIn", () => Auth.confirmSignIn({ challengeResponse: "123456" }), noUserPool],
        ["signInWithRedirect", () => Auth.signInWithRedirect(), noUserPool],
        ["autoSignIn", () => Auth.autoSignIn(), noAutoSignIn]
      ]
      for (const [label, call, expected] of expectations) await expectFailure(`${JSON.stringify(fields)} ${label}`, call, expected)
      expect(await Auth.fetchAuthSession()).toEqual({})
      expect(seen).toEqual([])
    }
  })

  it("an identity pool id without ':': guest credentials fail with InvalidIdentityPoolIdException (an AuthError), before any request", async () => {
    const seen: Array<string> = []
    Amplify.configure(cognito({ identityPoolId: "nocolon", allowGuestAccess: true, identityPoolEndpoint: emulator.endpoint }), undefined, offline(seen))
    await expectFailure("fetchAuthSession", () => Auth.fetchAuthSession(), [
      "InvalidIdentityPoolIdException",
      "AuthError",
      "Invalid identity pool id provided.",
      "Make sure a valid identityPoolId is given in the config."
    ])
    await expectFailure("signIn", () => Auth.signIn({ username: "u", password }), noUserPool)
    Amplify.configure(cognito({ identityPoolId: "nocolon", identityPoolEndpoint: emulator.endpoint }), undefined, offline(seen))
    expect(await Auth.fetchAuthSession()).toEqual({})
    expect(seen).toEqual([])
  })

  it("replaces the running instance even when the new configuration's calls will fail (regression: the old one kept running)", async () => {
    const username = uniqueEmail("replaced")
    Amplify.configure(cognito({ userPoolId: emulator.userPoolId, userPoolClientId: emulator.userPoolClientId, userPoolEndpoint: emulator.endpoint }), undefined, offline())
    expect((await Auth.signUp({ username, password, options: { userAttributes: { email: username } } })).nextStep.signUpStep).toBe("CONFIRM_SIGN_UP")
    Amplify.configure(cognito({ userPoolId: "badpool", userPoolClientId: emulator.userPoolClientId, userPoolEndpoint: emulator.endpoint }), undefined, offline())
    await expectFailure("resendSignUpCode", () => Auth.resendSignUpCode({ username }), invalidUserPoolId)
    Amplify.configure(cognito({ userPoolId: emulator.userPoolId }), undefined, offline())
    await expectFailure("resendSignUpCode", () => Auth.resendSignUpCode({ username }), noUserPool)
    expect(emulator.inbox(username, { purpose: "SIGN_UP" })).toHaveLength(1)
  })

  it("throws only where Amplify's configure throws, and then keeps the running instance", async () => {
    const good = cognito({ userPoolId: emulator.userPoolId, userPoolClientId: emulator.userPoolClientId, userPoolEndpoint: emulator.endpoint })
    Amplify.configure(good, undefined, offline())
    for (const config of [null, undefined, "config", 42]) {
      expect(() => Amplify.configure(config), String(config)).toThrow(expect.objectContaining({ name: "InvalidConfig" }))
    }
    let thrown: unknown
    try {
      Amplify.configure({ aws_user_pools_id: emulator.userPoolId, aws_user_pools_web_client_id: emulator.userPoolClientId })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AmplifyError)
    expect(thrown).not.toBeInstanceOf(AuthError)
    expect(thrown).toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid config parameter.",
      recoverySuggestion: "Ensure passing the config object imported from  `amplifyconfiguration.json`."
    })
    expect(Amplify.getConfig()).toBe(good)
    const username = uniqueEmail("kept")
    expect((await Auth.signUp({ username, password, options: { userAttributes: { email: username } } })).isSignUpComplete).toBe(false)
  })

  it("createAuth takes the same configurations and its calls fail the same way", async () => {
    const seen: Array<string> = []
    const options = { ...offline(seen), storage: new InMemoryStorage() }
    const badPool = createAuth(cognito({ userPoolId: "badpool", userPoolClientId: "c", userPoolEndpoint: emulator.endpoint }), options)
    await expectFailure("signUp({})", () => badPool.signUp({} as never), ["EmptySignUpUsername", "AuthError"])
    await expectFailure("signUp", () => badPool.signUp({ username: "u", password }), invalidUserPoolId)
    await badPool.dispose()
    const half = createAuth(cognito({ userPoolId: emulator.userPoolId }), options)
    await expectFailure("signIn", () => half.signIn({ username: "u", password }), noUserPool)
    expect(await half.fetchAuthSession()).toEqual({})
    await half.dispose()
    expect(seen).toEqual([])
    expect(() => createAuth(null)).toThrow(AmplifyError)
  })
})

describe("getConfig and the core configure event", () => {
  it("carry the ResourcesConfig read from amplify_outputs.json, frozen, with Amplify's source", async () => {
    const events: Array<HubCapsule> = []
    const stop = Hub.listen("core", (capsule) => events.push(capsule))
    const warn = vi.spyOn(console, "warn")
    Amplify.configure({
      version: "1.4",
      auth: {
        aws_region: "us-east-1",
        user_pool_id: emulator.userPoolId,
        user_pool_client_id: emulator.userPoolClientId,
        user_pool_endpoint: emulator.endpoint,
        username_attributes: ["email"]
      },
      data: { url: "https://example.com/graphql" }
    }, undefined, offline())
    stop()
    const config = Amplify.getConfig()
    expect(config).toEqual({
      Auth: {
        Cognito: {
          userPoolId: emulator.userPoolId,
          userPoolClientId: emulator.userPoolClientId,
          userPoolEndpoint: emulator.endpoint,
          loginWith: { email: true, phone: false, username: false }
        }
      }
    })
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.Auth?.Cognito?.loginWith)).toBe(true)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ channel: "core", payload: { event: "configure" }, source: "Configure" })
    expect(events[0]!.payload.data).toBe(config)
    expect(warn).not.toHaveBeenCalled()
    // The instance runs on what was read.
    await expectFailure("getCurrentUser", () => Auth.getCurrentUser(), ["UserUnAuthenticatedException", "AuthError"])
  })

  it("return a ResourcesConfig as given, frozen as Amplify freezes it", () => {
    const input = {
      Auth: { Cognito: { userPoolId: emulator.userPoolId, userPoolClientId: emulator.userPoolClientId, loginWith: { email: true } } },
      Storage: { S3: { bucket: "b", region: "us-east-1" } }
    }
    Amplify.configure(input, undefined, offline())
    expect(Amplify.getConfig()).toBe(input)
    expect(Object.isFrozen(input.Auth.Cognito.loginWith)).toBe(true)
    expect(Object.isFrozen(input.Storage.S3)).toBe(true)
  })
})

/** What the Amplify CLI writes to aws-exports.js for the emulator's pools. */
const awsExports = (extra: Record<string, unknown> = {}) => ({
  aws_project_region: emulator.userPoolId.split("_")[0],
  aws_cognito_region: emulator.userPoolId.split("_")[0],
  aws_user_pools_id: emulator.userPoolId,
  aws_user_pools_web_client_id: emulator.userPoolClientId,
  aws_cognito_identity_pool_id: emulator.identityPoolId,
  aws_mandatory_sign_in: "disable",
  aws_cognito_username_attributes: ["EMAIL"],
  aws_cognito_signup_attributes: ["EMAIL"],
  aws_cognito_mfa_configuration: "OFF",
  aws_cognito_mfa_types: ["SMS"],
  aws_cognito_password_protection_settings: { passwordPolicyMinLength: 8, passwordPolicyCharacters: [] },
  aws_cognito_verification_mechanisms: ["EMAIL"],
  ...extra
})

describe("aws-exports", () => {
  it("signs in through the global functions with only aws-exports keys, at the pool's regional endpoints", async () => {
    const username = uniqueEmail("exports")
    await createUser(emulator, username)
    const seen: Array<string> = []
    Amplify.configure(awsExports(), undefined, { ...offline(), fetch: rerouting(seen) })
    expect(Amplify.getConfig()).toMatchObject({
      Auth: { Cognito: { userPoolId: emulator.userPoolId, identityPoolId: emulator.identityPoolId, allowGuestAccess: true, loginWith: { email: true } } }
    })

    const guest = await Auth.fetchAuthSession()
    expect(guest.tokens).toBeUndefined()
    expect(guest.identityId).toMatch(/:/)
    expect(guest.credentials?.accessKeyId).toBeTruthy()

    expect(await Auth.signIn({ username, password })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    expect((await Auth.getCurrentUser()).signInDetails?.loginId).toBe(username)
    const session = await Auth.fetchAuthSession()
    expect(session.tokens?.idToken?.payload["email"]).toBe(username)
    await Auth.signOut()

    const region = emulator.userPoolId.split("_")[0]
    expect(new Set(seen)).toEqual(new Set([`https://cognito-idp.${region}.amazonaws.com/`, `https://cognito-identity.${region}.amazonaws.com/`]))
  })

  it("signs in through the hosted UI with the aws-exports OAuth block (createAuth)", async () => {
    const username = uniqueEmail("exports-hosted")
    await createUser(emulator, username)
    const app = "http://127.0.0.1:5173/"
    const page = new MemoryRedirect(app)
    const seen: Array<string> = []
    const auth = createAuth(
      awsExports({
        oauth: {
          domain: new URL(emulator.endpoint).host,
          scope: ["email", "openid", "profile", "aws.cognito.signin.user.admin"],
          redirectSignIn: `https://app.example.com/,${app}`,
          redirectSignOut: app,
          responseType: "code"
        },
        aws_cognito_social_providers: ["GOOGLE"]
      }),
      { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage(), crossTabEvents: false, redirect: page, fetch: rerouting(seen) }
    )
    await auth.signInWithRedirect()
    const authorize = new URL(page.navigations[0]!)
    expect(authorize.origin + authorize.pathname).toBe(`${emulator.endpoint}/oauth2/authorize`)
    expect(authorize.searchParams.get("redirect_uri")).toBe(app)
    expect(authorize.searchParams.get("scope")).toBe("email openid profile aws.cognito.signin.user.admin")
    expect(authorize.searchParams.get("response_type")).toBe("code")
    expect(authorize.searchParams.get("client_id")).toBe(emulator.userPoolClientId)

    page.url = await new HostedUiUser().signIn(page.url, { username, password })
    expect(await auth.completeSignInWithRedirect()).toEqual({ isSignedIn: true })
    const session = await auth.fetchAuthSession()
    expect(session.tokens?.idToken?.payload["email"]).toBe(username)
    await auth.dispose()
  })
})
