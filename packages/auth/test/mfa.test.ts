/**
 * Multi-factor authentication through the facade, against the emulator over HTTP: TOTP
 * enrolment (setUpTOTP → verifyTOTPSetup → updateMFAPreference) and sign-in with it, SMS and
 * e-mail codes from the inbox, the choice between factors, setup forced by a pool that requires
 * MFA, wrong codes, a reload in the middle of a step, and an expired challenge. TOTP codes are
 * computed with the domain's `Totp` on the emulator's clock.
 */
import * as Totp from "@cognito-effect/domain/Totp"
import type { Running } from "@cognito-effect/emulator/Server"
import * as Option from "effect/Option"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AuthClient, AuthError } from "@cognito-effect/auth"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { client, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"

const phone = "+15555550123"
const flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const

/** MFA ON with every factor, and MFA ON with TOTP alone (user names are not attributes here). */
const requiredSeed = {
  UserPools: [
    {
      Id: "us-east-1_MfaAll",
      PoolName: "mfa-required",
      MfaConfiguration: "ON" as const,
      SmsMfaConfiguration: {},
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: {},
      Clients: [{ Id: "mfaallclient", ClientName: "web", ExplicitAuthFlows: [...flows] }]
    },
    {
      Id: "us-east-1_MfaTotp",
      PoolName: "mfa-totp",
      MfaConfiguration: "ON" as const,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      Clients: [{ Id: "mfatotpclient", ClientName: "web", ExplicitAuthFlows: [...flows] }]
    }
  ]
}

let optional: Running
let required: Running
let totpOnly: Running

beforeAll(async () => {
  optional = await startEmulator()
  required = await startEmulator({ seed: requiredSeed })
  totpOnly = { ...required, userPoolId: "us-east-1_MfaTotp", userPoolClientId: "mfatotpclient" }
}, 60_000)

afterAll(async () => {
  await optional?.stop()
  await required?.stop()
})

/** The authenticator app: the code for `secret` now, on the emulator's clock. */
const totp = (emulator: Running, secret: string, offsetSteps = 0) =>
  Totp.generate(
    Option.getOrThrow(Totp.base32Decode(secret)),
    Math.floor(emulator.clock.unsafeCurrentTimeMillis() / 1000) + offsetSteps * Totp.period
  )

/** A code that is not `code`. */
const wrong = (code: string) => (code === "000000" ? "111111" : "000000")

/** The next TOTP step, so a code is not one already used. */
const nextStep = (emulator: Running) => emulator.clock.adjust(`${Totp.period} seconds`)

/** A user of the default pool (optional MFA), signed in; `attributes` besides the e-mail. */
const signedInUser = async (attributes: Record<string, string> = {}) => {
  const username = uniqueEmail("mfa")
  await createUser(optional, username, attributes)
  const auth = client(optional)
  expect(await auth.signIn({ username, password })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
  return { auth, username }
}

/** Sets up TOTP for the signed-in user of `auth` and prefers it; returns the shared secret. */
const enrolTotp = async (auth: AuthClient) => {
  const { sharedSecret } = await auth.setUpTOTP()
  await auth.verifyTOTPSetup({ code: totp(optional, sharedSecret) })
  await auth.updateMFAPreference({ totp: "PREFERRED" })
  return sharedSecret
}

describe("TOTP", () => {
  it("sets up TOTP, enables it, and signs in with it (a wrong code can be answered again)", async () => {
    const { auth, username } = await signedInUser()
    const setup = await auth.setUpTOTP()
    expect(setup.sharedSecret).toMatch(/^[A-Z2-7]{52}$/)
    const { sub } = (await auth.fetchAuthSession()).tokens!.idToken!.payload
    // Amplify's default account name is JSON.stringify(cognito:username): quotes included.
    const uri = setup.getSetupUri("My App")
    expect(uri).toBeInstanceOf(URL)
    expect(uri.href).toBe(`otpauth://totp/My%20App:%22${sub}%22?secret=${setup.sharedSecret}&issuer=My%20App`)
    expect(setup.getSetupUri("MyApp", username).href).toBe(`otpauth://totp/MyApp:${username}?secret=${setup.sharedSecret}&issuer=MyApp`)

    const refused = await rejection(auth.verifyTOTPSetup({ code: wrong(totp(optional, setup.sharedSecret)) }))
    expect(refused).toBeInstanceOf(AuthError)
    expect(refused.name).toBe("EnableSoftwareTokenMFAException")
    expect(await auth.fetchMFAPreference()).toEqual({})
    await auth.verifyTOTPSetup({ code: totp(optional, setup.sharedSecret), options: { friendlyDeviceName: "phone" } })
    await auth.updateMFAPreference({ totp: "PREFERRED" })
    expect(await auth.fetchMFAPreference()).toEqual({ enabled: ["TOTP"], preferred: "TOTP" })
    await auth.signOut()

    nextStep(optional)
    expect(await auth.signIn({ username, password })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_TOTP_CODE" }
    })
    const code = totp(optional, setup.sharedSecret)
    const mismatch = await rejection(auth.confirmSignIn({ challengeResponse: wrong(code) }))
    expect(mismatch.name).toBe("CodeMismatchException")
    expect(await auth.confirmSignIn({ challengeResponse: code })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    expect((await auth.getCurrentUser()).username).toBe(sub)
    await auth.dispose()
  })

  it("refuses a code from a step already used, then accepts the next step's", async () => {
    const { auth, username } = await signedInUser()
    const secret = await enrolTotp(auth)
    await auth.signOut()
    await auth.signIn({ username, password })
    // The code verifyTOTPSetup used moments ago is still current, but spent.
    const replayed = await rejection(auth.confirmSignIn({ challengeResponse: totp(optional, secret) }))
    expect(replayed.name).toBe("ExpiredCodeException")
    nextStep(optional)
    expect((await auth.confirmSignIn({ challengeResponse: totp(optional, secret) })).isSignedIn).toBe(true)
    await auth.dispose()
  })

  it("turns TOTP off again with updateMFAPreference", async () => {
    const { auth, username } = await signedInUser()
    await enrolTotp(auth)
    await auth.updateMFAPreference({ totp: "DISABLED" })
    expect(await auth.fetchMFAPreference()).toEqual({})
    await auth.signOut()
    expect((await auth.signIn({ username, password })).isSignedIn).toBe(true)
    await auth.dispose()
  })
})

describe("codes from the inbox", () => {
  it("signs in with an SMS code", async () => {
    const { auth, username } = await signedInUser({ phone_number: phone })
    await auth.updateMFAPreference({ sms: "PREFERRED" })
    expect(await auth.fetchMFAPreference()).toEqual({ enabled: ["SMS"], preferred: "SMS" })
    await auth.signOut()
    expect(await auth.signIn({ username, password })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_SMS_CODE", codeDeliveryDetails: { deliveryMedium: "SMS", destination: "+*******0123" } }
    })
    const code = optional.latestCode(username, "SMS_MFA")!
    expect(optional.inbox(phone, { purpose: "SMS_MFA" }).at(-1)?.medium).toBe("SMS")
    expect((await rejection(auth.confirmSignIn({ challengeResponse: wrong(code) }))).name).toBe("CodeMismatchException")
    expect(await auth.confirmSignIn({ challengeResponse: code })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    await auth.dispose()
  })

  it("signs in with an e-mail code", async () => {
    const { auth, username } = await signedInUser()
    await auth.updateMFAPreference({ email: "ENABLED" })
    await auth.signOut()
    const result = await auth.signIn({ username, password })
    expect(result.nextStep).toEqual({
      signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
      codeDeliveryDetails: { deliveryMedium: "EMAIL", destination: `m***@e***` }
    })
    expect(await auth.confirmSignIn({ challengeResponse: optional.latestCode(username, "EMAIL_OTP")! })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: "DONE" }
    })
    await auth.dispose()
  })
})

describe("choosing a factor", () => {
  it("offers the enabled factors, refuses a method that is not one, and continues with the chosen one", async () => {
    const { auth, username } = await signedInUser({ phone_number: phone })
    await auth.updateMFAPreference({ sms: "ENABLED", email: "ENABLED" })
    expect(await auth.fetchMFAPreference()).toEqual({ enabled: ["SMS", "EMAIL"] })
    await auth.signOut()
    expect(await auth.signIn({ username, password })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: "CONTINUE_SIGN_IN_WITH_MFA_SELECTION", allowedMFATypes: ["SMS", "EMAIL"] }
    })
    const invalid = await rejection(auth.confirmSignIn({ challengeResponse: "VOICE" }))
    expect(invalid.name).toBe("IncorrectMFAMethod")
    // TOTP is a method Amplify knows, but not one this user can use: Cognito refuses it.
    expect((await rejection(auth.confirmSignIn({ challengeResponse: "TOTP" }))).name).toBe("InvalidParameterException")
    expect((await auth.confirmSignIn({ challengeResponse: "EMAIL" })).nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
    expect((await auth.confirmSignIn({ challengeResponse: optional.latestCode(username, "EMAIL_OTP")! })).isSignedIn).toBe(true)
    await auth.dispose()
  })

  it("a preferred factor is asked for directly", async () => {
    const { auth, username } = await signedInUser({ phone_number: phone })
    await auth.updateMFAPreference({ sms: "ENABLED", email: "PREFERRED" })
    await auth.signOut()
    expect((await auth.signIn({ username, password })).nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
    await auth.dispose()
  })
})

describe("a pool that requires MFA", () => {
  it("makes a user with no factor set one up: TOTP when it is the only one, straight to the code step", async () => {
    const username = uniqueEmail("totp")
    await createUser(totpOnly, username)
    const auth = client(totpOnly)
    const setup = await auth.signIn({ username, password })
    expect(setup.isSignedIn).toBe(false)
    if (setup.nextStep.signInStep !== "CONTINUE_SIGN_IN_WITH_TOTP_SETUP") throw new Error(`unexpected ${setup.nextStep.signInStep}`)
    const { sharedSecret, getSetupUri } = setup.nextStep.totpSetupDetails
    // During sign-in the default account name is the plain user name.
    expect(getSetupUri("MyApp").href).toBe(`otpauth://totp/MyApp:${username}?secret=${sharedSecret}&issuer=MyApp`)
    const mismatch = await rejection(auth.confirmSignIn({ challengeResponse: wrong(totp(required, sharedSecret)) }))
    expect(mismatch.name).toBe("EnableSoftwareTokenMFAException")
    expect(
      await auth.confirmSignIn({ challengeResponse: totp(required, sharedSecret), options: { friendlyDeviceName: "my phone" } })
    ).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    expect(await auth.fetchMFAPreference()).toEqual({ enabled: ["TOTP"], preferred: "TOTP" })

    await auth.signOut()
    nextStep(required)
    expect((await auth.signIn({ username, password })).nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_TOTP_CODE")
    expect((await auth.confirmSignIn({ challengeResponse: totp(required, sharedSecret) })).isSignedIn).toBe(true)
    await auth.dispose()
  })

  it("lets the user choose between TOTP and e-mail setup, and sets up e-mail from an address", async () => {
    const username = uniqueEmail("pick")
    await createUser(required, username)
    const auth = client(required)
    expect(await auth.signIn({ username, password })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION", allowedMFATypes: ["TOTP", "EMAIL"] }
    })
    const unusable = await rejection(auth.confirmSignIn({ challengeResponse: "SMS" }))
    expect(unusable.name).toBe("SignInException")
    expect(await auth.confirmSignIn({ challengeResponse: "EMAIL" })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP" }
    })
    const address = uniqueEmail("setup")
    expect(await auth.confirmSignIn({ challengeResponse: address })).toEqual({
      isSignedIn: false,
      nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE", codeDeliveryDetails: { deliveryMedium: "EMAIL", destination: "s***@e***" } }
    })
    const code = required.latestCode(address, "EMAIL_OTP")!
    expect((await rejection(auth.confirmSignIn({ challengeResponse: wrong(code) }))).name).toBe("CodeMismatchException")
    expect((await auth.confirmSignIn({ challengeResponse: code })).isSignedIn).toBe(true)
    expect(await auth.fetchMFAPreference()).toEqual({ enabled: ["EMAIL"], preferred: "EMAIL" })
    expect(await auth.fetchUserAttributes()).toMatchObject({ email: address, email_verified: "true" })
    await auth.dispose()
  })

  it("sets up TOTP after choosing it", async () => {
    const username = uniqueEmail("choose")
    await createUser(required, username)
    const auth = client(required)
    await auth.signIn({ username, password })
    const setup = await auth.confirmSignIn({ challengeResponse: "TOTP" })
    if (setup.nextStep.signInStep !== "CONTINUE_SIGN_IN_WITH_TOTP_SETUP") throw new Error(`unexpected ${setup.nextStep.signInStep}`)
    const secret = setup.nextStep.totpSetupDetails.sharedSecret
    expect((await auth.confirmSignIn({ challengeResponse: totp(required, secret) })).isSignedIn).toBe(true)
    await auth.dispose()
  })

  it("sends an SMS code to a user who has a phone", async () => {
    const username = uniqueEmail("phone")
    await createUser(required, username, { phone_number: phone })
    const auth = client(required)
    expect((await auth.signIn({ username, password })).nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_SMS_CODE")
    expect((await auth.confirmSignIn({ challengeResponse: required.latestCode(username, "SMS_MFA")! })).isSignedIn).toBe(true)
    await auth.dispose()
  })
})

describe("the pending MFA step", () => {
  it("survives a reload: a new instance on the same storage answers the code", async () => {
    const { auth: first, username } = await signedInUser({ phone_number: phone })
    await first.updateMFAPreference({ sms: "PREFERRED" })
    await first.signOut()
    await first.dispose()
    const storage = new InMemoryStorage()
    const signInStorage = new InMemoryStorage()
    const before = client(optional, { storage, signInStorage })
    expect((await before.signIn({ username, password })).nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_SMS_CODE")
    await before.dispose()
    const after = client(optional, { storage, signInStorage })
    expect(await after.confirmSignIn({ challengeResponse: optional.latestCode(username, "SMS_MFA")! })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: "DONE" }
    })
    expect((await after.getCurrentUser()).signInDetails).toEqual({ loginId: username, authFlowType: "USER_SRP_AUTH" })
    await after.dispose()
  })

  it("survives a reload in the middle of TOTP setup", async () => {
    const username = uniqueEmail("reload")
    await createUser(totpOnly, username)
    const storage = new InMemoryStorage()
    const signInStorage = new InMemoryStorage()
    const before = client(totpOnly, { storage, signInStorage })
    const setup = await before.signIn({ username, password })
    if (setup.nextStep.signInStep !== "CONTINUE_SIGN_IN_WITH_TOTP_SETUP") throw new Error(`unexpected ${setup.nextStep.signInStep}`)
    const secret = setup.nextStep.totpSetupDetails.sharedSecret
    await before.dispose()
    const after = client(totpOnly, { storage, signInStorage })
    expect((await after.confirmSignIn({ challengeResponse: totp(required, secret) })).isSignedIn).toBe(true)
    await after.dispose()
  })

  it("an expired challenge gives Cognito's error and leaves no pending sign-in behind", async () => {
    const { auth: first, username } = await signedInUser({ phone_number: phone })
    await first.updateMFAPreference({ sms: "PREFERRED" })
    await first.signOut()
    await first.dispose()
    const signInStorage = new InMemoryStorage()
    const auth = client(optional, { signInStorage })
    await auth.signIn({ username, password })
    // Past the 3-minute session; the clock cannot go back, so no further than needed (SRP's TIMESTAMP must stay within 5 minutes).
    optional.clock.adjust("181 seconds")
    const expired = await rejection(auth.confirmSignIn({ challengeResponse: optional.latestCode(username, "SMS_MFA")! }))
    expect(expired.name).toBe("NotAuthorizedException")
    expect(expired.message).toBe("Invalid session for the user, session is expired.")
    expect(await signInStorage.getItem("CognitoSignInState.username")).toBeNull()
    const after = await rejection(auth.confirmSignIn({ challengeResponse: "123456" }))
    expect(after.name).toBe("SignInException")
    // A new sign-in starts cleanly.
    expect((await auth.signIn({ username, password })).nextStep.signInStep).toBe("CONFIRM_SIGN_IN_WITH_SMS_CODE")
    expect((await auth.confirmSignIn({ challengeResponse: optional.latestCode(username, "SMS_MFA")! })).isSignedIn).toBe(true)
    await auth.dispose()
  })
})
