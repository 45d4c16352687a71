/**
 * Passwords and user attributes through the facade, against the emulator over HTTP: reset with
 * the inbox code, change, attribute reads, updates that need a code (also in a pool that keeps
 * the original e-mail until the new one is verified), verification, deletion, deleting the user,
 * and codes asked for too often.
 */
import { AuthError } from "@cognito-effect/auth"
import type { Seed } from "@cognito-effect/emulator/Seed"
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { client, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.stop())

const newPassword = "N3w-passw0rd!!"

describe("passwords", () => {
  it("resets a password with the inbox code, then signs in with the new one", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    const reset = await auth.resetPassword({ username })
    expect(reset).toMatchObject({
      isPasswordReset: false,
      nextStep: { resetPasswordStep: "CONFIRM_RESET_PASSWORD_WITH_CODE", codeDeliveryDetails: { deliveryMedium: "EMAIL" } }
    })
    const code = emulator.latestCode(username, "FORGOT_PASSWORD")!
    const wrong = await rejection(auth.confirmResetPassword({ username, newPassword, confirmationCode: code === "000000" ? "111111" : "000000" }))
    expect(wrong.name).toBe("CodeMismatchException")
    const weak = await rejection(auth.confirmResetPassword({ username, newPassword: "weak", confirmationCode: code }))
    expect(weak.name).toBe("InvalidPasswordException")
    await auth.confirmResetPassword({ username, newPassword, confirmationCode: code })
    expect((await rejection(auth.signIn({ username, password }))).name).toBe("NotAuthorizedException")
    expect((await auth.signIn({ username, password: newPassword })).isSignedIn).toBe(true)
    await auth.dispose()
  })

  it("changes the password of the signed-in user", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    await auth.signIn({ username, password })
    expect((await rejection(auth.updatePassword({ oldPassword: "Wrong-passw0rd!", newPassword }))).name).toBe("NotAuthorizedException")
    await auth.updatePassword({ oldPassword: password, newPassword })
    await auth.signOut()
    expect((await auth.signIn({ username, password: newPassword })).isSignedIn).toBe(true)
    await auth.dispose()
  })

  it("needs a signed-in user to change the password", async () => {
    const auth = client(emulator)
    expect((await rejection(auth.updatePassword({ oldPassword: password, newPassword }))).name).toBe("UserUnAuthenticatedException")
    await auth.dispose()
  })
})

describe("user attributes", () => {
  it("reads, updates, verifies and deletes attributes", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    await auth.signIn({ username, password })
    const before = await auth.fetchUserAttributes()
    expect(before).toMatchObject({ email: username, email_verified: "true" })
    expect(before.sub).toMatch(/^[0-9a-f-]{36}$/)

    const updated = await auth.updateUserAttributes({ userAttributes: { name: "Ada Lovelace" } })
    expect(updated).toEqual({ name: { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } } })
    expect((await auth.fetchUserAttributes()).name).toBe("Ada Lovelace")

    const changed = uniqueEmail("changed")
    const email = await auth.updateUserAttribute({ userAttribute: { attributeKey: "email", value: changed } })
    expect(email).toMatchObject({
      isUpdated: false,
      nextStep: { updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE", codeDeliveryDetails: { attributeName: "email", deliveryMedium: "EMAIL" } }
    })
    const code = emulator.latestCode(changed, "VERIFY_ATTRIBUTE")!
    expect((await rejection(auth.confirmUserAttribute({ userAttributeKey: "email", confirmationCode: code === "000000" ? "111111" : "000000" }))).name).toBe(
      "CodeMismatchException"
    )
    await auth.confirmUserAttribute({ userAttributeKey: "email", confirmationCode: code })
    expect(await auth.fetchUserAttributes()).toMatchObject({ email: changed, email_verified: "true" })

    const delivery = await auth.sendUserAttributeVerificationCode({ userAttributeKey: "email" })
    expect(delivery).toMatchObject({ attributeName: "email", deliveryMedium: "EMAIL" })

    await auth.deleteUserAttributes({ userAttributeKeys: ["name"] })
    expect((await auth.fetchUserAttributes()).name).toBeUndefined()
    await auth.dispose()
  })

  it("refuses an attribute the pool does not have, with Cognito's error", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    await auth.signIn({ username, password })
    const error = await rejection(auth.updateUserAttributes({ userAttributes: { "custom:nope": "x" } }))
    expect(error.name).toBe("InvalidParameterException")
    await auth.dispose()
  })

  it("deletes the user, signs out with the event, and the user is gone", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    const events: Array<string> = []
    auth.listen(({ payload }) => events.push(payload.event))
    await auth.signIn({ username, password })
    await auth.deleteUser()
    expect(events).toEqual(["signedIn", "signedOut"])
    expect((await auth.fetchAuthSession()).tokens).toBeUndefined()
    expect((await rejection(auth.signIn({ username, password }))).name).toBe("NotAuthorizedException")
    await auth.dispose()
  })
})

describe("keeping the original e-mail until the new one is verified", () => {
  const keepsEmail: Seed = {
    UserPools: [{
      PoolName: "keeps-email",
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "email", Required: true }],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
      Clients: [{ ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }]
    }]
  }
  let keeping: Running
  beforeAll(async () => {
    keeping = await startEmulator({ seed: keepsEmail })
  })
  afterAll(() => keeping.stop())

  it("asks for the code sent to the new address; the verified one stays until confirmUserAttribute", async () => {
    const username = uniqueEmail("kept")
    await createUser(keeping, username)
    const auth = client(keeping)
    await auth.signIn({ username, password })
    const changed = uniqueEmail("changed")
    const updated = await auth.updateUserAttributes({ userAttributes: { email: changed } })
    expect(updated).toMatchObject({
      email: {
        isUpdated: false,
        nextStep: {
          updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE",
          codeDeliveryDetails: { attributeName: "email", deliveryMedium: "EMAIL", destination: "c***@e***" }
        }
      }
    })
    expect(await auth.fetchUserAttributes()).toMatchObject({ email: username, email_verified: "true" })
    const code = keeping.latestCode(changed, "VERIFY_ATTRIBUTE")!
    await auth.confirmUserAttribute({ userAttributeKey: "email", confirmationCode: code })
    expect(await auth.fetchUserAttributes()).toMatchObject({ email: changed, email_verified: "true" })

    await auth.signOut()
    expect((await rejection(auth.signIn({ username, password }))).name).toBe("UserNotFoundException")
    expect((await auth.signIn({ username: changed, password })).isSignedIn).toBe(true)
    await auth.dispose()
  })
})

describe("codes asked for too often", () => {
  it("resetPassword a sixth time within the hour rejects with LimitExceededException", async () => {
    const username = uniqueEmail()
    await createUser(emulator, username)
    const auth = client(emulator)
    for (let i = 0; i < 5; i++) await auth.resetPassword({ username })
    const error = await rejection(auth.resetPassword({ username }))
    expect(error).toBeInstanceOf(AuthError)
    expect(error.name).toBe("LimitExceededException")
    expect(error.message).toBe("Attempt limit exceeded, please try after some time.")
    expect(emulator.inbox(username, { purpose: "FORGOT_PASSWORD" })).toHaveLength(5)
    await auth.dispose()
  })
})
