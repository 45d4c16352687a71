/**
 * Passkeys through the facade, against the emulator over HTTP, with the software authenticator in
 * place of `navigator.credentials`: registering (associateWebAuthnCredential), listing with
 * pages, deleting, signing in with WEB_AUTHN (preferred or chosen) without a password, and
 * Amplify's passkey error names for every failure.
 */
import type { AuthenticatorService } from "@cognito-effect/domain/services/Authenticator"
import { type Running, start } from "@cognito-effect/emulator/Server"
import { AmplifyError, AuthError, PasskeyError } from "@cognito-effect/auth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { client, createUser, rejection, uniqueEmail } from "./support/Emulator.js"
import { authenticator, passkeyClient, rewritingFetch, signInWithPassword, startPasswordlessEmulator } from "./support/Passwordless.js"

let emulator: Running
beforeAll(async () => {
  emulator = await startPasswordlessEmulator()
})
afterAll(() => emulator.stop())

const passkeySignIn = { authFlowType: "USER_AUTH", preferredChallenge: "WEB_AUTHN" } as const

/** A user signed in with their password on a client whose passkeys live on `device`. */
const signedIn = async (device: AuthenticatorService = authenticator(), options: Parameters<typeof passkeyClient>[2] = {}) => {
  const username = uniqueEmail("passkey")
  await createUser(emulator, username)
  const auth = passkeyClient(emulator, device, options)
  await signInWithPassword(auth, username)
  return { username, auth, device }
}

describe("registering and signing in", () => {
  it("registers a passkey, lists it, and signs in with it, no password typed", async () => {
    const device = authenticator()
    const { username, auth } = await signedIn(device)
    expect(await auth.associateWebAuthnCredential()).toBeUndefined()
    const { credentials, nextToken } = await auth.listWebAuthnCredentials()
    expect(nextToken).toBeUndefined()
    expect(credentials).toHaveLength(1)
    const [credential] = credentials
    expect(credential).toMatchObject({
      credentialId: device.credentials()[0]!.id,
      friendlyCredentialName: "Passkey 1",
      relyingPartyId: "localhost",
      authenticatorAttachment: "platform",
      authenticatorTransports: ["internal"]
    })
    expect(credential!.createdAt).toBeInstanceOf(Date)
    await auth.signOut()

    const events: Array<string> = []
    auth.listen(({ payload }) => events.push(payload.event))
    expect(await auth.signIn({ username, options: passkeySignIn })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    expect((await auth.getCurrentUser()).signInDetails).toEqual({ loginId: username, authFlowType: "USER_AUTH" })
    expect(events).toEqual(["signedIn"])
    expect(device.credentials()[0]!.signCount).toBe(1)
    await auth.dispose()
  })

  it("chosen at the first-factor selection, the passkey ceremony runs inside confirmSignIn", async () => {
    const { username, auth } = await signedIn()
    await auth.associateWebAuthnCredential()
    await auth.signOut()
    const choice = await auth.signIn({ username, options: { authFlowType: "USER_AUTH" } })
    expect(choice.nextStep).toEqual({
      signInStep: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
      availableChallenges: ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN", "EMAIL_OTP"]
    })
    expect(await auth.confirmSignIn({ challengeResponse: "WEB_AUTHN" })).toEqual({ isSignedIn: true, nextStep: { signInStep: "DONE" } })
    await auth.dispose()
  })

  it("an RS256 passkey with packed attestation works the same", async () => {
    const { username, auth } = await signedIn(authenticator({ algorithm: "RS256", attestation: "packed" }))
    await auth.associateWebAuthnCredential()
    await auth.signOut()
    expect((await auth.signIn({ username, options: passkeySignIn })).isSignedIn).toBe(true)
    await auth.dispose()
  })
})

describe("listing and deleting", () => {
  it("pages with pageSize and nextToken; a deleted passkey no longer signs in", async () => {
    // One authenticator holds one passkey per account, so each registration uses a new one.
    let current = authenticator()
    const switching: AuthenticatorService = { create: (options) => current.create(options), get: (options) => current.get(options) }
    const { username, auth } = await signedIn(switching)
    const devices = []
    for (let i = 0; i < 3; i++) {
      current = authenticator()
      devices.push(current)
      await auth.associateWebAuthnCredential()
    }
    const first = await auth.listWebAuthnCredentials({ pageSize: 2 })
    expect(first.credentials.map((credential) => credential.credentialId)).toEqual(devices.slice(0, 2).map((device) => device.credentials()[0]!.id))
    expect(first.nextToken).toBeTypeOf("string")
    const second = await auth.listWebAuthnCredentials({ pageSize: 2, nextToken: first.nextToken! })
    expect(second).toEqual({ credentials: [expect.objectContaining({ credentialId: devices[2]!.credentials()[0]!.id })] })
    const tooBig = await rejection(auth.listWebAuthnCredentials({ pageSize: 21 }))
    expect(tooBig.name).toBe("InvalidParameterException")

    for (const device of devices) await auth.deleteWebAuthnCredential({ credentialId: device.credentials()[0]!.id })
    expect((await auth.listWebAuthnCredentials()).credentials).toEqual([])
    const gone = await rejection(auth.deleteWebAuthnCredential({ credentialId: devices[0]!.credentials()[0]!.id }))
    expect(gone.name).toBe("ResourceNotFoundException")
    await auth.signOut()
    // With no passkey left, preferring WEB_AUTHN falls back to the choice of factors.
    const fallback = await auth.signIn({ username, options: passkeySignIn })
    expect(fallback.nextStep).toMatchObject({ signInStep: "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION" })
    await auth.dispose()
  })

  it("passkey management needs a signed-in user", async () => {
    const auth = passkeyClient(emulator, authenticator())
    for (const call of [auth.associateWebAuthnCredential(), auth.listWebAuthnCredentials(), auth.deleteWebAuthnCredential({ credentialId: "x" })]) {
      const error = await rejection(call)
      expect(error).toBeInstanceOf(AuthError)
      expect(error.name).toBe("UserUnAuthenticatedException")
    }
    await auth.dispose()
  })
})

describe("Amplify's passkey errors", () => {
  const expectPasskeyError = (error: Error, name: string) => {
    expect(error).toBeInstanceOf(PasskeyError)
    expect(error).toBeInstanceOf(AmplifyError)
    expect(error).not.toBeInstanceOf(AuthError)
    expect(error.name).toBe(name)
  }

  it("PasskeyNotSupported without WebAuthn (Node has no navigator.credentials)", async () => {
    const username = uniqueEmail("passkey")
    await createUser(emulator, username)
    const auth = client(emulator)
    await signInWithPassword(auth, username)
    const error = await rejection(auth.associateWebAuthnCredential())
    expectPasskeyError(error, "PasskeyNotSupported")
    expect(error.message).toBe("Passkeys may not be supported on this device.")
    expect(error.recoverySuggestion).toContain("secure context")
    expect((await auth.listWebAuthnCredentials()).credentials).toEqual([])
    await auth.dispose()
  })

  it("PasskeyRegistrationCanceled and PasskeyAuthenticationCanceled when the user says no", async () => {
    const device = authenticator()
    const { username, auth } = await signedIn(device)
    device.update({ userPresent: false })
    expectPasskeyError(await rejection(auth.associateWebAuthnCredential()), "PasskeyRegistrationCanceled")
    device.update({ userPresent: true })
    await auth.associateWebAuthnCredential()
    await auth.signOut()
    device.update({ userPresent: false })
    const canceled = await rejection(auth.signIn({ username, options: passkeySignIn }))
    expectPasskeyError(canceled, "PasskeyAuthenticationCanceled")
    expect((canceled as PasskeyError).underlyingError).toMatchObject({ name: "NotAllowedError" })
    device.update({ userPresent: true })
    expect((await auth.signIn({ username, options: passkeySignIn })).isSignedIn).toBe(true)
    await auth.dispose()
  })

  it("PasskeyAlreadyExists when the authenticator already holds a passkey for the account", async () => {
    const { auth } = await signedIn()
    await auth.associateWebAuthnCredential()
    expectPasskeyError(await rejection(auth.associateWebAuthnCredential()), "PasskeyAlreadyExists")
    await auth.dispose()
  })

  it("RelyingPartyMismatch when the page's origin cannot use the pool's RP id", async () => {
    const { auth } = await signedIn(authenticator({ origin: "https://app.example.com" }))
    expectPasskeyError(await rejection(auth.associateWebAuthnCredential()), "RelyingPartyMismatch")
    await auth.dispose()
  })

  it("InvalidPasskeyRegistrationOptions and InvalidPasskeyAuthenticationOptions for unusable options", async () => {
    const { auth } = await signedIn(authenticator(), {
      fetch: rewritingFetch("StartWebAuthnRegistration", () => ({ CredentialCreationOptions: { challenge: "not base64url!" } }))
    })
    expectPasskeyError(await rejection(auth.associateWebAuthnCredential()), "InvalidPasskeyRegistrationOptions")
    await auth.dispose()

    const device = authenticator()
    const { username, auth: registered } = await signedIn(device)
    await registered.associateWebAuthnCredential()
    await registered.dispose()
    const broken = passkeyClient(emulator, device, {
      fetch: rewritingFetch("InitiateAuth", (body) => ({ ...body, ChallengeParameters: {} }))
    })
    expectPasskeyError(await rejection(broken.signIn({ username, options: passkeySignIn })), "InvalidPasskeyAuthenticationOptions")
    await broken.dispose()
  })

  it("a second WEB_AUTHN in a row is Amplify's SignInException", async () => {
    const device = authenticator()
    const { username, auth } = await signedIn(device)
    await auth.associateWebAuthnCredential()
    await auth.dispose()
    // A server that answers the assertion with the WEB_AUTHN challenge it started with.
    let challenge: unknown
    const looping = passkeyClient(emulator, device, {
      fetch: async (input, init) => {
        const response = await fetch(input, init)
        const target = new Headers(init?.headers).get("x-amz-target") ?? ""
        if (target.endsWith(".InitiateAuth")) challenge = await response.clone().json()
        if (!target.endsWith(".RespondToAuthChallenge")) return response
        return new Response(JSON.stringify(challenge), { status: 200, headers: { "content-type": "application/x-amz-json-1.1" } })
      }
    })
    const error = await rejection(looping.signIn({ username, options: passkeySignIn }))
    expect(error).toBeInstanceOf(AuthError)
    expect([error.name, error.message]).toEqual(["SignInException", "Sequential WEB_AUTHN challenges returned from underlying service cannot be handled."])
    await looping.dispose()
  })

  it("a service refusal passes through with Cognito's name (passkeys not enabled for the pool)", async () => {
    const username = uniqueEmail("passkey")
    const plain = await start({ port: 0 })
    await createUser(plain, username)
    const auth = passkeyClient(plain, authenticator())
    await auth.signIn({ username, password: "Corr3ct-horse!", options: { authFlowType: "USER_SRP_AUTH" } })
    const error = await rejection(auth.associateWebAuthnCredential())
    expect(error).toBeInstanceOf(AuthError)
    expect(error.name).toBe("WebAuthnNotEnabledException")
    await auth.dispose()
    await plain.stop()
  })
})
