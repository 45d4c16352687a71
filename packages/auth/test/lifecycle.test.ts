/**
 * The authentication lifecycle through the facade, against the emulator over HTTP: every
 * nextStep path of signUp / confirmSignUp / signIn / confirmSignIn / autoSignIn, sign-out, the
 * current user, events, and the pending sign-in surviving a reload.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AuthError } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { call, client, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.stop())

describe("sign-up", () => {
  it("signs up, confirms with the inbox code, signs in with SRP and out again", async () => {
    const auth = client(emulator)
    const events: Array<string> = []
    auth.listen(({ payload }) => events.push(payload.event))
    const username = uniqueEmail()

    const signUp = await auth.signUp({ username, password, options: { userAttributes: { email: username } } })
    expect(signUp.isSignUpComplete).toBe(false)
    expect(signUp.userId).toMatch(/^[0-9a-f-]{36}$/)
    expect(signUp.nextStep).toMatchObject({
      signUpStep: "CONFIRM_SIGN_UP",
      codeDeliveryDetails: { deliveryMedium: "EMAIL", attributeName: "email" }
    })

    const code = emulator.latestCode(username, "SIGN_UP")!
    expect(await auth.confirmSignUp({ username, confirmationCode: code })).toEqual({
      isSignUpComplete: true,
      nextStep: { signUpStep: "DONE" }
    })

    expect(await auth.signIn({ username, password })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    const user = await auth.getCurrentUser()
    expect(user.userId).toBe(signUp.userId)
    expect(user.signInDetails).toEqual({ loginId: username, authFlowType: "USER_SRP_AUTH" })
    const session = await auth.fetchAuthSession()
    expect(session.userSub).toBe(signUp.userId)
    expect(session.tokens?.idToken?.payload["email"]).toBe(username)
    expect(String(session.tokens?.accessToken).split(".")).toHaveLength(3)

    await auth.signOut()
    expect(await auth.fetchAuthSession()).toEqual({})
    await expect(auth.getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" })
    expect(events).toEqual(["signedIn", "signedOut"])
    await auth.dispose()
  })

  it("refuses a wrong code with Cognito's error and accepts the right one after", async () => {
    const auth = client(emulator)
    const username = uniqueEmail()
    await auth.signUp({ username, password, options: { userAttributes: { email: username } } })
    const code = emulator.latestCode(username, "SIGN_UP")!
    const wrong = code === "000000" ? "111111" : "000000"
    const error = await rejection(auth.confirmSignUp({ username, confirmationCode: wrong }))
    expect(error).toBeInstanceOf(AuthError)
    expect(error.name).toBe("CodeMismatchException")
    expect(error.metadata?.httpStatusCode).toBe(400)
    await auth.confirmSignUp({ username, confirmationCode: code })
    await auth.dispose()
  })

  it("resends the code to the same destination", async () => {
    const auth = client(emulator)
    const username = uniqueEmail()
    await auth.signUp({ username, password, options: { userAttributes: { email: username } } })
    const delivery = await auth.resendSignUpCode({ username })
    expect(delivery).toMatchObject({ deliveryMedium: "EMAIL", attributeName: "email" })
    expect(emulator.inbox(username, { purpose: "SIGN_UP" })).toHaveLength(2)
    await auth.dispose()
  })

  it("reports a duplicate user and a weak password with Cognito's names", async () => {
    const auth = client(emulator)
    const username = uniqueEmail()
    await auth.signUp({ username, password, options: { userAttributes: { email: username } } })
    expect((await rejection(auth.signUp({ username, password, options: { userAttributes: { email: username } } }))).name).toBe(
      "UsernameExistsException"
    )
    const weak = await rejection(auth.signUp({ username: uniqueEmail(), password: "short", options: { userAttributes: { email: "x@example.com" } } }))
    expect(weak.name).toBe("InvalidPasswordException")
    await auth.dispose()
  })

  it("reports a missing password as EmptySignUpPassword, after the request, as Amplify does", async () => {
    const auth = client(emulator)
    const username = uniqueEmail()
    const error = await rejection(auth.signUp({ username, options: { userAttributes: { email: username } } }))
    expect(error.name).toBe("EmptySignUpPassword")
    await auth.dispose()
  })

  it("auto signs in after confirmation", async () => {
    const auth = client(emulator)
    const username = uniqueEmail()
    const signUp = await auth.signUp({ username, password, options: { userAttributes: { email: username }, autoSignIn: true } })
    expect(signUp.nextStep.signUpStep).toBe("CONFIRM_SIGN_UP")
    await expect(auth.autoSignIn()).rejects.toMatchObject({ name: "AutoSignInException" })
    const confirmed = await auth.confirmSignUp({ username, confirmationCode: emulator.latestCode(username, "SIGN_UP")! })
    expect(confirmed.nextStep.signUpStep).toBe("COMPLETE_AUTO_SIGN_IN")
    expect(await auth.autoSignIn()).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    expect((await auth.getCurrentUser()).signInDetails?.loginId).toBe(username)
    await auth.dispose()
  })
})

describe("sign-in flows", () => {
  it("signs in with USER_PASSWORD_AUTH", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    const result = await auth.signIn({ username, password, options: { authFlowType: "USER_PASSWORD_AUTH" } })
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    expect((await auth.getCurrentUser()).signInDetails?.authFlowType).toBe("USER_PASSWORD_AUTH")
    await auth.dispose()
  })

  it("fails with UnexpectedSignInInterruptionException when the storage keeps nothing (cookies a server could not set)", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    class Forgetful extends InMemoryStorage {
      override async setItem() {}
    }
    const auth = client(emulator, { storage: new Forgetful() })
    const events: Array<string> = []
    auth.listen(({ payload }) => events.push(payload.event))
    const error = await rejection(auth.signIn({ username, password }))
    expect(error.name).toBe("UnexpectedSignInInterruptionException")
    expect(error.message).toBe("Unable to get user session following successful sign-in.")
    expect(events).not.toContain("signedIn")
    await auth.dispose()
  })

  it("answers the emulator's custom challenge without SRP", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    const first = await auth.signIn({ username, options: { authFlowType: "CUSTOM_WITHOUT_SRP" } })
    expect(first.nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE")
    expect(first.nextStep).toMatchObject({ additionalInfo: { CHALLENGE: "EMULATOR_INBOX_CODE" } })
    const wrong = await auth.confirmSignIn({ challengeResponse: "not-the-code" })
    expect(wrong.nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE")
    const done = await auth.confirmSignIn({ challengeResponse: emulator.latestCode(username, "CUSTOM_CHALLENGE")! })
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    await auth.dispose()
  })

  it("answers the custom challenge after SRP (CUSTOM_WITH_SRP)", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    const first = await auth.signIn({ username, password, options: { authFlowType: "CUSTOM_WITH_SRP" } })
    expect(first.nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE")
    const done = await auth.confirmSignIn({ challengeResponse: emulator.latestCode(username, "CUSTOM_CHALLENGE")! })
    expect(done.isSignedIn).toBe(true)
    await auth.dispose()
  })

  it("sets a new password for an invited user, with the missing attributes", async () => {
    const username = uniqueEmail()
    await call(emulator, "AdminCreateUser", {
      UserPoolId: emulator.userPoolId,
      Username: username,
      TemporaryPassword: "Temp-passw0rd!",
      MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: username }]
    })
    const auth = client(emulator)
    const first = await auth.signIn({ username, password: "Temp-passw0rd!" })
    expect(first.nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED")
    const done = await auth.confirmSignIn({ challengeResponse: password, options: { userAttributes: { name: "Ada" } } })
    expect(done.isSignedIn).toBe(true)
    await auth.signOut()
    expect((await auth.signIn({ username, password })).isSignedIn).toBe(true)
    await auth.dispose()
  })

  it("turns an unconfirmed user into CONFIRM_SIGN_UP instead of an error", async () => {
    const auth = client(emulator)
    const username = uniqueEmail()
    await auth.signUp({ username, password, options: { userAttributes: { email: username } } })
    expect(await auth.signIn({ username, password })).toEqual({ isSignedIn: false, nextStep: { signInStep: "CONFIRM_SIGN_UP" } })
    await auth.dispose()
  })

  it("turns a required password reset into RESET_PASSWORD", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    await call(emulator, "AdminResetUserPassword", { UserPoolId: emulator.userPoolId, Username: username })
    const auth = client(emulator)
    expect(await auth.signIn({ username, password })).toEqual({ isSignedIn: false, nextStep: { signInStep: "RESET_PASSWORD" } })
    await auth.dispose()
  })

  it("refuses a wrong password and an unknown user alike", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    const wrong = await rejection(auth.signIn({ username, password: "Wrong-passw0rd!" }))
    expect(wrong.name).toBe("NotAuthorizedException")
    const unknown = await rejection(auth.signIn({ username: uniqueEmail("nobody"), password }))
    expect(unknown.name).toBe("NotAuthorizedException")
    await auth.dispose()
  })

  it("refuses a second sign-in while signed in, without a request", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    await auth.signIn({ username, password })
    const error = await rejection(auth.signIn({ username, password }))
    expect(error.name).toBe("UserAlreadyAuthenticatedException")
    expect(error.recoverySuggestion).toBe("Call signOut before calling signIn again.")
    await auth.dispose()
  })

  it("keeps the pending challenge across a reload (a new instance on the same storage)", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const storage = new InMemoryStorage()
    const signInStorage = new InMemoryStorage()
    const before = client(emulator, { storage, signInStorage })
    await before.signIn({ username, options: { authFlowType: "CUSTOM_WITHOUT_SRP" } })
    await before.dispose()
    const after = client(emulator, { storage, signInStorage })
    const done = await after.confirmSignIn({ challengeResponse: emulator.latestCode(username, "CUSTOM_CHALLENGE")! })
    expect(done.isSignedIn).toBe(true)
    expect((await after.getCurrentUser()).signInDetails?.authFlowType).toBe("CUSTOM_WITHOUT_SRP")
    await after.dispose()
  })

  it("forgets the pending challenge after Cognito's 3 minutes", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const signInStorage = new InMemoryStorage()
    const auth = client(emulator, { signInStorage })
    await auth.signIn({ username, options: { authFlowType: "CUSTOM_WITHOUT_SRP" } })
    const expiry = Number(await signInStorage.getItem("CognitoSignInState.expiry"))
    expect(expiry - Date.now()).toBeGreaterThan(170_000)
    expect(expiry - Date.now()).toBeLessThanOrEqual(180_000)
    // three minutes later, as Amplify's own key says
    await signInStorage.setItem("CognitoSignInState.expiry", String(Date.now() - 1))
    const error = await rejection(auth.confirmSignIn({ challengeResponse: emulator.latestCode(username, "CUSTOM_CHALLENGE")! }))
    expect(error.name).toBe("SignInException")
    expect(await signInStorage.getItem("CognitoSignInState.username")).toBeNull()
    await auth.dispose()
  })
})

describe("sign-out", () => {
  it("revokes the refresh token on a local sign-out", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    await auth.signIn({ username, password })
    const session = await auth.fetchAuthSession()
    const accessToken = String(session.tokens?.accessToken)
    await auth.signOut()
    await expect(call(emulator, "GetUser", { AccessToken: accessToken })).rejects.toThrow(/NotAuthorizedException/)
    await auth.dispose()
  })

  it("signs out everywhere with global: true", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const phone = client(emulator)
    const laptop = client(emulator)
    await phone.signIn({ username, password })
    await laptop.signIn({ username, password })
    const laptopToken = String((await laptop.fetchAuthSession()).tokens?.accessToken)
    await phone.signOut({ global: true })
    await expect(call(emulator, "GetUser", { AccessToken: laptopToken })).rejects.toThrow(/NotAuthorizedException/)
    await phone.dispose()
    await laptop.dispose()
  })

  it("clears the local session even when the server cannot be reached", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const storage = new InMemoryStorage()
    const auth = client(emulator, { storage })
    await auth.signIn({ username, password })
    const offline = client(emulator, { storage, fetch: () => Promise.reject(new TypeError("network down")) })
    await offline.signOut()
    expect(await offline.fetchAuthSession()).toEqual({})
    await auth.dispose()
    await offline.dispose()
  })
})
