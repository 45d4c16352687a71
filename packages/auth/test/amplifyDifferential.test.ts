/**
 * Scenarios run through the published `aws-amplify` and through this facade, each on its own copy
 * of one user pool in the emulator (same settings, same user names): every step must answer the
 * same output, or fail with the same error name, message and recovery suggestion, and the Hub must
 * tell the same auth events. Ids, tokens and secrets differ by nature and are compared by kind.
 * One user's life on an MFA-optional pool; sign-in challenges on an MFA-required one.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { Amplify as TheirAmplify } from "aws-amplify"
import * as theirs from "aws-amplify/auth"
import { ConsoleLogger, Hub as TheirHub } from "aws-amplify/utils"
import * as Totp from "@cognito-effect/domain/Totp"
import * as Option from "effect/Option"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as ours from "@cognito-effect/auth"
import { startEmulator } from "./support/Emulator.js"

const flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const
const pool = (id: string, clientId: string) => ({
  Id: id,
  PoolName: id.split("_")[1]!,
  UsernameAttributes: ["email" as const],
  AutoVerifiedAttributes: ["email" as const],
  Schema: [{ Name: "email", Required: true, Mutable: true }],
  MfaConfiguration: "OPTIONAL" as const,
  SmsMfaConfiguration: {},
  SoftwareTokenMfaConfiguration: { Enabled: true },
  EmailMfaConfiguration: {},
  Clients: [{ Id: clientId, ClientName: "web", ExplicitAuthFlows: [...flows], EnableTokenRevocation: true }]
})
const theirPool = { userPoolId: "us-east-1_DiffTheirs", userPoolClientId: "difftheirsclient0000000001" }
const ourPool = { userPoolId: "us-east-1_DiffOurs", userPoolClientId: "diffoursclient000000000001" }
/** MFA required, every factor offered. */
const mfaPool = (id: string, clientId: string) => ({ ...pool(id, clientId), MfaConfiguration: "ON" as const })
const theirMfaPool = { userPoolId: "us-east-1_DiffTheirsMfa", userPoolClientId: "difftheirsmfaclient0000001" }
const ourMfaPool = { userPoolId: "us-east-1_DiffOursMfa", userPoolClientId: "diffoursmfaclient000000001" }

let emulator: Running

beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      UserPools: [
        pool(theirPool.userPoolId, theirPool.userPoolClientId),
        pool(ourPool.userPoolId, ourPool.userPoolClientId),
        mfaPool(theirMfaPool.userPoolId, theirMfaPool.userPoolClientId),
        mfaPool(ourMfaPool.userPoolId, ourMfaPool.userPoolClientId)
      ]
    }
  })
  ConsoleLogger.LOG_LEVEL = "ERROR"
})
afterAll(() => emulator.stop())

/** The functions the scenario calls, as both libraries export them. */
type Api = Pick<
  typeof theirs,
  | "signUp"
  | "resendSignUpCode"
  | "confirmSignUp"
  | "signIn"
  | "getCurrentUser"
  | "fetchUserAttributes"
  | "updateUserAttributes"
  | "sendUserAttributeVerificationCode"
  | "confirmUserAttribute"
  | "deleteUserAttributes"
  | "fetchMFAPreference"
  | "setUpTOTP"
  | "verifyTOTPSetup"
  | "updateMFAPreference"
  | "fetchDevices"
  | "updatePassword"
  | "signOut"
  | "resetPassword"
  | "confirmResetPassword"
  | "deleteUser"
  | "confirmSignIn"
>

/** Each library's Hub, as far as the scenario listens. */
type HubLike = { listen: (channel: "auth", callback: (capsule: { payload: { event: string; data?: unknown } }) => void) => () => void }

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const jwt = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g

/** A value with what differs by nature (ids, tokens, secrets, functions) replaced by its kind. */
const normalized = (value: unknown, secrets: ReadonlyArray<string>): unknown => {
  if (typeof value === "string") {
    let text = value.replace(jwt, "<jwt>").replace(uuid, "<uuid>")
    for (const secret of secrets) text = text.split(secret).join("<secret>")
    return text
  }
  if (typeof value === "function") return "<function>"
  if (value instanceof URL) return normalized(value.href, secrets)
  if (value instanceof Date) return "<date>"
  if (Array.isArray(value)) return value.map((item) => normalized(item, secrets))
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, normalized(member, secrets)]))
  }
  return value
}

type Step = {
  readonly step: string
  readonly output?: unknown
  readonly error?: { readonly name: string; readonly message: string; readonly recoverySuggestion?: string }
}

/** Records each step's normalized answer; `secrets` met on the way are normalized too. */
const recorder = () => {
  const steps: Array<Step> = []
  const secrets: Array<string> = []
  const run = async <A>(step: string, call: () => Promise<A>): Promise<A | undefined> => {
    try {
      const output = await call()
      steps.push({ step, output: normalized(output, secrets) })
      return output
    } catch (error) {
      const { name, message, recoverySuggestion } = error as Error & { recoverySuggestion?: string }
      steps.push({
        step,
        error: { name, message: normalized(message, secrets) as string, ...(recoverySuggestion === undefined ? {} : { recoverySuggestion }) }
      })
      return undefined
    }
  }
  return { steps, secrets, run }
}

/** The scenario: every step's answer, in order. */
const lifeOf = async (api: Api, userPoolId: string): Promise<ReadonlyArray<Step>> => {
  const { steps, secrets, run } = recorder()
  const username = "diff-user@example.com"
  // E-mail is the user name here: after the e-mail changes, the user signs in with the new one.
  const renamed = "diff-new@example.com"
  const password = "Corr3ct-horse!"
  const newPassword = "N3w-horse-battery!"
  const inbox = (name: string, purpose?: string) =>
    emulator.inbox(name, { userPoolId, ...(purpose === undefined ? {} : { purpose }) }).at(-1)?.code ?? "none"

  await run("signUp", () => api.signUp({ username, password, options: { userAttributes: { email: username, name: "Ada" } } }))
  await run("signUp again", () => api.signUp({ username, password, options: { userAttributes: { email: username } } }))
  await run("resendSignUpCode", () => api.resendSignUpCode({ username }))
  await run("confirmSignUp, wrong code", () => api.confirmSignUp({ username, confirmationCode: "000000" }))
  await run("confirmSignUp", () => api.confirmSignUp({ username, confirmationCode: inbox(username) }))
  await run("confirmSignUp again", () => api.confirmSignUp({ username, confirmationCode: inbox(username) }))
  await run("signIn, wrong password", () => api.signIn({ username, password: "Wrong-horse1!" }))
  await run("signIn, unknown user", () => api.signIn({ username: "nobody@example.com", password }))
  await run("signIn", () => api.signIn({ username, password }))
  await run("signIn while signed in", () => api.signIn({ username, password }))
  await run("getCurrentUser", () => api.getCurrentUser())
  await run("fetchUserAttributes", () => api.fetchUserAttributes())
  await run("updateUserAttributes", () => api.updateUserAttributes({ userAttributes: { name: "Grace", email: renamed } }))
  await run("confirmUserAttribute, wrong code", () => api.confirmUserAttribute({ userAttributeKey: "email", confirmationCode: "000000" }))
  await run("fetchUserAttributes, e-mail unverified", () => api.fetchUserAttributes())
  await run("sendUserAttributeVerificationCode", () => api.sendUserAttributeVerificationCode({ userAttributeKey: "email" }))
  await run("confirmUserAttribute", () => api.confirmUserAttribute({ userAttributeKey: "email", confirmationCode: inbox(renamed) }))
  await run("deleteUserAttributes", () => api.deleteUserAttributes({ userAttributeKeys: ["name"] }))
  await run("fetchUserAttributes after", () => api.fetchUserAttributes())
  await run("fetchMFAPreference", () => api.fetchMFAPreference())
  await run("setUpTOTP", async () => {
    const details = await api.setUpTOTP()
    secrets.push(details.sharedSecret)
    return { ...details, uri: details.getSetupUri("DiffApp", "diff-user") }
  })
  await run("verifyTOTPSetup, wrong code", () => api.verifyTOTPSetup({ code: "000000" }))
  await run("updateMFAPreference, totp before setup", () => api.updateMFAPreference({ totp: "PREFERRED" }))
  await run("updateMFAPreference, email", () => api.updateMFAPreference({ email: "ENABLED" }))
  await run("fetchMFAPreference after", () => api.fetchMFAPreference())
  await run("updateMFAPreference, email off", () => api.updateMFAPreference({ email: "DISABLED" }))
  await run("fetchDevices", () => api.fetchDevices())
  await run("updatePassword, wrong old password", () => api.updatePassword({ oldPassword: "Wrong-horse1!", newPassword }))
  await run("updatePassword, weak new password", () => api.updatePassword({ oldPassword: password, newPassword: "weak" }))
  await run("updatePassword", () => api.updatePassword({ oldPassword: password, newPassword }))
  await run("signOut", () => api.signOut())
  await run("getCurrentUser signed out", () => api.getCurrentUser())
  await run("fetchUserAttributes signed out", () => api.fetchUserAttributes())
  await run("signIn, the old e-mail", () => api.signIn({ username, password: newPassword }))
  await run("resetPassword", () => api.resetPassword({ username: renamed }))
  await run("confirmResetPassword, wrong code", () => api.confirmResetPassword({ username: renamed, newPassword: password, confirmationCode: "000000" }))
  await run("confirmResetPassword, weak password", () => api.confirmResetPassword({ username: renamed, newPassword: "weak", confirmationCode: inbox(renamed, "FORGOT_PASSWORD") }))
  await run("confirmResetPassword", () => api.confirmResetPassword({ username: renamed, newPassword: password, confirmationCode: inbox(renamed, "FORGOT_PASSWORD") }))
  await run("signIn, the password before the reset", () => api.signIn({ username: renamed, password: newPassword }))
  await run("signIn after the reset", () => api.signIn({ username: renamed, password }))
  await run("deleteUser", () => api.deleteUser())
  await run("signIn, deleted", () => api.signIn({ username: renamed, password }))
  return steps
}

/** Admin calls on the emulator's JSON API. */
const admin = async (operation: string, body: unknown): Promise<void> => {
  const response = await fetch(emulator.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body)
  })
  if (response.status !== 200) throw new Error(`${operation}: ${await response.text()}`)
}

/**
 * Sign-in challenges on a pool that requires MFA: a first sign-in with a temporary password, a
 * new password, TOTP enrolled during sign-in, a later sign-in with a TOTP code; a user with a
 * phone signs in with SMS. The Hub's auth events are recorded with the steps.
 */
const challengesOf = async (api: Api, hub: HubLike, userPoolId: string): Promise<ReadonlyArray<Step>> => {
  const { steps, secrets, run } = recorder()
  const stop = hub.listen("auth", ({ payload }) => steps.push({ step: `hub: ${payload.event}`, output: normalized(payload.data, secrets) }))
  const temporary = "diff-temp@example.com"
  const phone = "diff-phone@example.com"
  const password = "Corr3ct-horse!"
  await admin("AdminCreateUser", {
    UserPoolId: userPoolId,
    Username: temporary,
    TemporaryPassword: "Temp-Passw0rd!",
    MessageAction: "SUPPRESS",
    UserAttributes: [{ Name: "email", Value: temporary }, { Name: "email_verified", Value: "true" }]
  })
  await admin("AdminCreateUser", {
    UserPoolId: userPoolId,
    Username: phone,
    MessageAction: "SUPPRESS",
    UserAttributes: [
      { Name: "email", Value: phone },
      { Name: "email_verified", Value: "true" },
      { Name: "phone_number", Value: "+15555550123" },
      { Name: "phone_number_verified", Value: "true" }
    ]
  })
  await admin("AdminSetUserPassword", { UserPoolId: userPoolId, Username: phone, Password: password, Permanent: true })
  const totpNow = (secret: string) => Totp.generate(Option.getOrThrow(Totp.base32Decode(secret)), Math.floor(emulator.clock.unsafeCurrentTimeMillis() / 1000))
  const inbox = (name: string, purpose: string) => emulator.inbox(name, { userPoolId, purpose }).at(-1)?.code ?? "none"

  await run("signIn, temporary password", () => api.signIn({ username: temporary, password: "Temp-Passw0rd!" }))
  await run("confirmSignIn, new password", () => api.confirmSignIn({ challengeResponse: password }))
  const setup = await run("confirmSignIn, choose TOTP", async () => {
    const output = await api.confirmSignIn({ challengeResponse: "TOTP" })
    if (output.nextStep.signInStep === "CONTINUE_SIGN_IN_WITH_TOTP_SETUP") secrets.push(output.nextStep.totpSetupDetails.sharedSecret)
    return output
  })
  const secret = setup?.nextStep.signInStep === "CONTINUE_SIGN_IN_WITH_TOTP_SETUP" ? setup.nextStep.totpSetupDetails.sharedSecret : "AAAA"
  await run("confirmSignIn, wrong TOTP", () => api.confirmSignIn({ challengeResponse: "000000" }))
  await run("confirmSignIn, TOTP", () => api.confirmSignIn({ challengeResponse: totpNow(secret) }))
  await run("fetchMFAPreference", () => api.fetchMFAPreference())
  await run("signOut", () => api.signOut())
  emulator.clock.adjust(`${Totp.period} seconds`)
  await run("signIn with TOTP", () => api.signIn({ username: temporary, password }))
  await run("confirmSignIn, TOTP code", () => api.confirmSignIn({ challengeResponse: totpNow(secret) }))
  await run("signOut again", () => api.signOut())

  const first = await run("signIn, phone user", () => api.signIn({ username: phone, password }))
  if (first?.nextStep.signInStep === "CONTINUE_SIGN_IN_WITH_MFA_SELECTION") {
    await run("confirmSignIn, choose SMS", () => api.confirmSignIn({ challengeResponse: "SMS" }))
  }
  await run("confirmSignIn, wrong SMS code", () => api.confirmSignIn({ challengeResponse: "000000" }))
  await run("confirmSignIn, SMS code", () => api.confirmSignIn({ challengeResponse: inbox(phone, "SMS_MFA") }))
  await run("signOut, phone user", () => api.signOut())
  await run("confirmSignIn with nothing pending", () => api.confirmSignIn({ challengeResponse: "000000" }))
  stop()
  return steps
}

describe("aws-amplify and this facade answer a user's life the same", () => {
  it("sign-in challenges, step by step, with the Hub's events", async () => {
    TheirAmplify.configure({ Auth: { Cognito: { ...theirMfaPool, userPoolEndpoint: emulator.endpoint } } })
    const amplify = await challengesOf(theirs, TheirHub as unknown as HubLike, theirMfaPool.userPoolId)
    ours.Amplify.configure({ Auth: { Cognito: { ...ourMfaPool, userPoolEndpoint: emulator.endpoint } } })
    const facade = await challengesOf(ours as unknown as Api, ours.Hub as unknown as HubLike, ourMfaPool.userPoolId)
    for (const [index, expected] of amplify.entries()) expect(facade[index], expected.step).toEqual(expected)
    expect(facade.length).toBe(amplify.length)
  }, 60_000)

  it("step by step: outputs, error names and messages", async () => {
    TheirAmplify.configure({ Auth: { Cognito: { ...theirPool, userPoolEndpoint: emulator.endpoint } } })
    const amplify = await lifeOf(theirs, theirPool.userPoolId)
    ours.Amplify.configure({ Auth: { Cognito: { ...ourPool, userPoolEndpoint: emulator.endpoint } } })
    const facade = await lifeOf(ours as unknown as Api, ourPool.userPoolId)
    for (const [index, expected] of amplify.entries()) expect(facade[index], expected.step).toEqual(expected)
    expect(facade.length).toBe(amplify.length)
  }, 60_000)
})

