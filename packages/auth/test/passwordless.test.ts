/**
 * Choice-based sign-in (`authFlowType: "USER_AUTH"`) through the facade, against the emulator
 * over HTTP: first-factor selection, e-mail and SMS codes, the password factors, the pending
 * sign-in across a reload, and sign-up without a password followed by auto sign-in.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { createAuth } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { call, client, configOf, password, rejection, uniqueEmail } from "./support/Emulator.js"
import { startPasswordlessEmulator } from "./support/Passwordless.js"

let emulator: Running
beforeAll(async () => {
  emulator = await startPasswordlessEmulator()
})
afterAll(() => emulator.stop())

const phone = "+15555550142"

/** A confirmed user with a password, a verified e-mail and a verified phone. */
const createUser = async () => {
  const username = uniqueEmail("passwordless")
  await call(emulator, "AdminCreateUser", {
    UserPoolId: emulator.userPoolId,
    Username: username,
    MessageAction: "SUPPRESS",
    UserAttributes: [
      { Name: "email", Value: username },
      { Name: "email_verified", Value: "true" },
      { Name: "phone_number", Value: phone },
      { Name: "phone_number_verified", Value: "true" }
    ]
  })
  await call(emulator, "AdminSetUserPassword", { UserPoolId: emulator.userPoolId, Username: username, Password: password, Permanent: true })
  return username
}

const wrong = (code: string) => (code === "000000" ? "111111" : "000000")

const userAuth = { authFlowType: "USER_AUTH" } as const

describe("first-factor selection", () => {
  it("offers the available challenges, then signs in with the e-mail code chosen", async () => {
    const username = await createUser()
    const auth = client(emulator)
    const events: Array<string> = []
    auth.listen(({ payload }) => events.push(payload.event))

    const choice = await auth.signIn({ username, options: userAuth })
    expect(choice).toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
        availableChallenges: ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]
      }
    })
    const code = await auth.confirmSignIn({ challengeResponse: "EMAIL_OTP" })
    expect(code).toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
        codeDeliveryDetails: { deliveryMedium: "EMAIL", destination: `${username[0]}***@e***` }
      }
    })
    const sent = emulator.latestCode(username, "EMAIL_OTP")!
    const mismatch = await rejection(auth.confirmSignIn({ challengeResponse: wrong(sent) }))
    expect(mismatch.name).toBe("CodeMismatchException")
    expect(await auth.confirmSignIn({ challengeResponse: sent })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })

    const user = await auth.getCurrentUser()
    expect(user.signInDetails).toEqual({ loginId: username, authFlowType: "USER_AUTH" })
    expect((await auth.fetchAuthSession()).tokens?.idToken?.payload["email"]).toBe(username)
    expect(events).toEqual(["signedIn"])
    await auth.dispose()
  })

  it("chooses the password: no request until the password, then PASSWORD or PASSWORD_SRP", async () => {
    const username = await createUser()
    for (const factor of ["PASSWORD", "PASSWORD_SRP"] as const) {
      const auth = client(emulator)
      await auth.signIn({ username, options: userAuth })
      expect(await auth.confirmSignIn({ challengeResponse: factor })).toEqual({
        isSignedIn: false,
        nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_PASSWORD" }
      })
      expect(await auth.confirmSignIn({ challengeResponse: password })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
      await auth.dispose()
    }
  })

  it("a wrong password after choosing PASSWORD is Cognito's NotAuthorizedException", async () => {
    const username = await createUser()
    const auth = client(emulator)
    await auth.signIn({ username, options: userAuth })
    await auth.confirmSignIn({ challengeResponse: "PASSWORD" })
    const error = await rejection(auth.confirmSignIn({ challengeResponse: "Not-the-passw0rd" }))
    expect([error.name, error.message]).toEqual(["NotAuthorizedException", "Incorrect username or password."])
    await auth.dispose()
  })

  it("the choice survives a reload (the pending sign-in is in sign-in storage)", async () => {
    const username = await createUser()
    const signInStorage = new InMemoryStorage()
    const before = client(emulator, { signInStorage })
    await before.signIn({ username, options: { ...userAuth, preferredChallenge: "EMAIL_OTP" } })
    await before.dispose()
    const after = client(emulator, { signInStorage })
    expect(await after.confirmSignIn({ challengeResponse: emulator.latestCode(username, "EMAIL_OTP")! })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: "DONE" }
    })
    await after.dispose()
  })
})

describe("preferred challenges", () => {
  it("EMAIL_OTP and SMS_OTP go straight to their code", async () => {
    const username = await createUser()
    const byEmail = client(emulator)
    const email = await byEmail.signIn({ username, options: { ...userAuth, preferredChallenge: "EMAIL_OTP" } })
    expect(email.nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
    expect((await byEmail.confirmSignIn({ challengeResponse: emulator.latestCode(username, "EMAIL_OTP")! })).isSignedIn).toBe(true)
    await byEmail.dispose()

    const bySms = client(emulator)
    const sms = await bySms.signIn({ username, options: { ...userAuth, preferredChallenge: "SMS_OTP" } })
    expect(sms.nextStep).toEqual({
      signInStep: "CONFIRM_SIGN_IN_WITH_SMS_CODE",
      codeDeliveryDetails: { deliveryMedium: "SMS", destination: "+*******0142" }
    })
    expect(emulator.inbox(phone, { purpose: "SMS_OTP" }).at(-1)?.destination).toBe(phone)
    expect((await bySms.confirmSignIn({ challengeResponse: emulator.latestCode(username, "SMS_OTP")! })).isSignedIn).toBe(true)
    await bySms.dispose()
  })

  it("PASSWORD and PASSWORD_SRP sign in with the password given to signIn, and require one", async () => {
    const username = await createUser()
    for (const preferredChallenge of ["PASSWORD", "PASSWORD_SRP"] as const) {
      const auth = client(emulator)
      const missing = await rejection(auth.signIn({ username, options: { ...userAuth, preferredChallenge } }))
      expect(missing.name).toBe("EmptySignInPassword")
      expect(await auth.signIn({ username, password, options: { ...userAuth, preferredChallenge } })).toEqual({
        isSignedIn: true,
        nextStep: { signInStep: "DONE" }
      })
      await auth.dispose()
    }
  })

  it("a preferred challenge the app's passwordless config does not enable is refused before any request", async () => {
    const username = await createUser()
    const config = configOf(emulator)
    const limited = createAuth(
      { Auth: { Cognito: { ...config.Auth.Cognito, passwordless: { emailOtpEnabled: true } } } },
      { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage(), crossTabEvents: false }
    )
    const error = await rejection(limited.signIn({ username, options: { ...userAuth, preferredChallenge: "SMS_OTP" } }))
    expect(error.name).toBe("InvalidPreferredChallenge")
    expect(emulator.inbox(username, { purpose: "SMS_OTP" })).toHaveLength(0)
    // The configured preferred challenge is the default.
    const defaulted = createAuth(
      { Auth: { Cognito: { ...config.Auth.Cognito, passwordless: { emailOtpEnabled: true, preferredChallenge: "EMAIL_OTP" } } } },
      { storage: new InMemoryStorage(), signInStorage: new InMemoryStorage(), crossTabEvents: false }
    )
    expect((await defaulted.signIn({ username, options: userAuth })).nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
    await limited.dispose()
    await defaulted.dispose()
  })
})

describe("sign-up without a password", () => {
  it("signs up, confirms, and auto signs in with USER_AUTH: no code beyond the sign-up code", async () => {
    const username = uniqueEmail("nopassword")
    const auth = client(emulator)
    const events: Array<string> = []
    auth.listen(({ payload }) => events.push(payload.event))
    const signUp = await auth.signUp({ username, options: { userAttributes: { email: username }, autoSignIn: { authFlowType: "USER_AUTH" } } })
    expect(signUp.nextStep).toMatchObject({ signUpStep: "CONFIRM_SIGN_UP", codeDeliveryDetails: { deliveryMedium: "EMAIL" } })
    const confirmed = await auth.confirmSignUp({ username, confirmationCode: emulator.latestCode(username, "SIGN_UP")! })
    expect(confirmed).toEqual({ isSignUpComplete: true, nextStep: { signUpStep: "COMPLETE_AUTO_SIGN_IN" } })
    expect(await auth.autoSignIn()).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    expect((await auth.getCurrentUser()).userId).toBe(signUp.userId)
    expect(emulator.inbox(username, { purpose: "EMAIL_OTP" })).toHaveLength(0)
    expect(events).toEqual(["signedIn"])
    await auth.signOut()

    // Later sign-ins have no password to offer; e-mail codes work.
    const later = await auth.signIn({ username, options: userAuth })
    expect(later.nextStep).toEqual({ signInStep: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION", availableChallenges: ["EMAIL_OTP"] })
    await auth.dispose()
  })

  it("a sign-in started in between resets the auto sign-in, as in Amplify", async () => {
    const username = uniqueEmail("nopassword")
    const auth = client(emulator)
    await auth.signUp({ username, options: { userAttributes: { email: username }, autoSignIn: { authFlowType: "USER_AUTH" } } })
    await auth.confirmSignUp({ username, confirmationCode: emulator.latestCode(username, "SIGN_UP")! })
    await auth.signIn({ username, options: { ...userAuth, preferredChallenge: "EMAIL_OTP" } })
    await expect(auth.autoSignIn()).rejects.toMatchObject({ name: "AutoSignInException" })
    await auth.dispose()
  })
})
