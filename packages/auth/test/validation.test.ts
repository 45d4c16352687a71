/**
 * Pre-network checks: every validation error of the lifecycle APIs, in Amplify's order, with no
 * request sent. The transport counts calls and refuses them.
 */
import { CognitoClient } from "@cognito-effect/domain/services/CognitoClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { describe, expect, it } from "vitest"
import { AmplifyError, type AuthClient, AuthError, createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"

const config = { Auth: { Cognito: { userPoolId: "us-east-1_Test", userPoolClientId: "client", userPoolEndpoint: "http://127.0.0.1:9" } } }

const setup = () => {
  const calls: Array<string> = []
  const transport = Layer.succeed(CognitoClient, {
    call: (operation) => Effect.die(calls.push(operation.name))
  })
  const auth = createAuth(config, {
    transport,
    storage: new InMemoryStorage(),
    signInStorage: new InMemoryStorage(),
    crossTabEvents: false
  })
  return { auth, calls }
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error as AmplifyError
  }
  throw new Error("expected a rejection")
}

describe("validation before any request", () => {
  const cases: ReadonlyArray<readonly [string, (auth: AuthClient) => Promise<unknown>, string, string | undefined]> = [
    ["signIn without username", (a) => a.signIn({ username: "", password: "x" }), "EmptySignInUsername", "username is required to signIn"],
    ["signIn without password", (a) => a.signIn({ username: "u" }), "EmptySignInPassword", "password is required to signIn"],
    ["USER_PASSWORD_AUTH without password", (a) => a.signIn({ username: "u", options: { authFlowType: "USER_PASSWORD_AUTH" } }), "EmptySignInPassword", "password is required to signIn"],
    ["CUSTOM_WITHOUT_SRP with password", (a) => a.signIn({ username: "u", password: "p", options: { authFlowType: "CUSTOM_WITHOUT_SRP" } }), "CustomAuthSignInPassword", "A password is not needed when signing in with CUSTOM_WITHOUT_SRP"],
    ["signUp without username", (a) => a.signUp({ username: "", password: "p" }), "EmptySignUpUsername", "username is required to signUp"],
    ["confirmSignUp without username", (a) => a.confirmSignUp({ username: "", confirmationCode: "1" }), "EmptyConfirmSignUpUsername", "username is required to confirmSignUp"],
    ["confirmSignUp without code", (a) => a.confirmSignUp({ username: "u", confirmationCode: "" }), "EmptyConfirmSignUpCode", "code is required to confirmSignUp"],
    ["resendSignUpCode without username (Amplify's quirk)", (a) => a.resendSignUpCode({ username: "" }), "EmptySignUpUsername", "username is required to signUp"],
    ["confirmSignIn without answer", (a) => a.confirmSignIn({ challengeResponse: "" }), "EmptyChallengeResponse", "challengeResponse is required to confirmSignIn"],
    ["confirmSignIn with nothing pending", (a) => a.confirmSignIn({ challengeResponse: "123456" }), "SignInException", undefined],
    ["autoSignIn with no flow", (a) => a.autoSignIn(), "AutoSignInException", "The autoSignIn flow has not started, or has been cancelled/completed."],
    ["getCurrentUser signed out", (a) => a.getCurrentUser(), "UserUnAuthenticatedException", "User needs to be authenticated to call this API."]
  ]
  it.each(cases)("%s", async (_, call, name, message) => {
    const { auth, calls } = setup()
    const error = await failure(call(auth))
    expect(error).toBeInstanceOf(AuthError)
    expect(error.name).toBe(name)
    if (message !== undefined) expect(error.message).toBe(message)
    expect(calls).toEqual([])
    await auth.dispose()
  })

  it("reads a non-object input as empty instead of throwing a TypeError", async () => {
    const { auth } = setup()
    const error = await failure(auth.signIn(undefined as never))
    expect(error.name).toBe("EmptySignInUsername")
    await auth.dispose()
  })

  it("resolves an empty session when signed out", async () => {
    const { auth, calls } = setup()
    expect(await auth.fetchAuthSession()).toEqual({})
    expect(calls).toEqual([])
    await auth.dispose()
  })

  it("signs out a signed-out user without a request and still publishes signedOut", async () => {
    const { auth, calls } = setup()
    const events: Array<string> = []
    auth.listen(({ payload }) => events.push(payload.event))
    await auth.signOut()
    expect(events).toEqual(["signedOut"])
    expect(calls).toEqual([])
    await auth.dispose()
  })

  it("accepts a configuration without a user pool client, as Amplify does; its calls fail with AuthUserPoolException", async () => {
    const auth = createAuth({ Auth: { Cognito: { userPoolId: "us-east-1_x" } } }, { storage: new InMemoryStorage(), crossTabEvents: false })
    const error = await failure(auth.signIn({ username: "u", password: "p" }))
    expect(error).toBeInstanceOf(AmplifyError)
    expect(error).not.toBeInstanceOf(AuthError)
    expect(error.name).toBe("AuthUserPoolException")
    await auth.dispose()
  })

  it("refuses a configuration that is not an object, synchronously", () => {
    expect(() => createAuth(null)).toThrow(AmplifyError)
  })

  it("aborts with the signal's reason before starting", async () => {
    const { auth } = setup()
    const controller = new AbortController()
    controller.abort(new Error("stop"))
    await expect(auth.signIn({ username: "u", password: "p" }, { signal: controller.signal })).rejects.toThrow("stop")
    await auth.dispose()
  })
})

describe("listen", () => {
  it("refuses a listener that is not a function, as Amplify's Hub does (regression)", async () => {
    const { auth } = setup()
    expect(() => auth.listen("not a function" as never)).toThrow(expect.objectContaining({ name: "NoHubcallbackProvidedException" }))
    await auth.dispose()
  })
})

describe("untyped input", () => {
  it("refuses a username that is not text before it names a storage key (regression: TypeError from the device lookup)", async () => {
    const { auth, calls } = setup()
    const error = await failure(
      auth.signIn({ username: Object.create(null), password: "Corr3ct-horse!", options: { authFlowType: "USER_PASSWORD_AUTH" } } as never)
    )
    expect(error).toBeInstanceOf(AuthError)
    expect(error.name).toBe("SerializationException")
    expect(calls).toEqual([])
    await auth.dispose()
  })
})
