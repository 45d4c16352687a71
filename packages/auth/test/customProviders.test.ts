/**
 * Amplify's `LibraryOptions.Auth.tokenProvider` / `credentialsProvider`: an app's own providers
 * decide the session `fetchAuthSession` and the signed-in calls see (never kept between calls),
 * their errors reach the caller, and passing the library's own Cognito providers changes nothing.
 * Against the emulator over HTTP.
 */
import type { Running } from "@cognito-effect/emulator/Server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Amplify, AuthError, fetchAuthSession, signIn, signOut } from "@cognito-effect/auth"
import { cognitoCredentialsProvider, cognitoUserPoolsTokenProvider, type CredentialsAndIdentityIdProvider, type GetCredentialsOptions } from "@cognito-effect/auth/cognito"
import { InMemoryStorage } from "@cognito-effect/auth/storage"
import { client, configOf, createUser, password, rejection, startEmulator, uniqueEmail } from "./support/Emulator.js"

let emulator: Running
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.stop())

/** A session signed in by another instance, as an app's own provider would hold it. */
const foreignSession = async () => {
  const username = uniqueEmail("foreign")
  await createUser(emulator, username)
  const other = client(emulator)
  await other.signIn({ username, password })
  const tokens = (await other.fetchAuthSession()).tokens!
  await other.dispose()
  return { username, tokens }
}

describe("an app's own token provider", () => {
  it("is the session fetchAuthSession and getCurrentUser see, asked on every call", async () => {
    const { username, tokens } = await foreignSession()
    let calls = 0
    const auth = client(emulator, { tokenProvider: { getTokens: async () => (calls++, tokens) } })
    expect(String((await auth.fetchAuthSession()).tokens?.accessToken)).toBe(String(tokens.accessToken))
    expect((await auth.fetchAuthSession()).tokens?.idToken?.payload["email"]).toBe(username)
    expect((await auth.getCurrentUser()).userId).toBe(tokens.accessToken.payload.sub)
    expect((await auth.fetchUserAttributes()).email).toBe(username)
    expect(calls).toBeGreaterThanOrEqual(4)
    await auth.dispose()
  })

  it("answering null is signed out; rejecting passes the app's error on", async () => {
    const signedOut = client(emulator, { tokenProvider: { getTokens: async () => null } })
    expect(await signedOut.fetchAuthSession()).toEqual({})
    expect((await rejection(signedOut.getCurrentUser())).name).toBe("UserUnAuthenticatedException")
    const failure = new AuthError({ name: "MySessionExpired", message: "the app's session ended" })
    const failing = client(emulator, { tokenProvider: { getTokens: () => Promise.reject(failure) } })
    expect(await rejection(failing.fetchAuthSession())).toBe(failure)
    await signedOut.dispose()
    await failing.dispose()
  })
})

describe("an app's own credentials provider", () => {
  it("gives fetchAuthSession its credentials, with the tokens and the configuration", async () => {
    const { tokens } = await foreignSession()
    const asked: Array<GetCredentialsOptions> = []
    const provider: CredentialsAndIdentityIdProvider = {
      getCredentialsAndIdentityId: async (options) => {
        asked.push(options)
        return { credentials: { accessKeyId: "ASIAAPPOWN", secretAccessKey: "secret", sessionToken: "token" }, identityId: "us-east-1:app-own" }
      },
      clearCredentialsAndIdentityId: async () => undefined
    }
    const auth = client(emulator, { tokenProvider: { getTokens: async () => tokens }, credentialsProvider: provider })
    const session = await auth.fetchAuthSession()
    expect(session.credentials).toEqual({ accessKeyId: "ASIAAPPOWN", secretAccessKey: "secret", sessionToken: "token" })
    expect(session.identityId).toBe("us-east-1:app-own")
    expect(asked[0]).toMatchObject({ authenticated: true, forceRefresh: false, authConfig: { Cognito: { userPoolId: emulator.userPoolId } } })
    expect(String(asked[0]?.tokens?.accessToken)).toBe(String(tokens.accessToken))
    await auth.dispose()
  })
})

describe("the library's own providers passed as custom ones", () => {
  it("are the built-in session, not a provider that calls itself", async () => {
    const username = uniqueEmail("builtin")
    await createUser(emulator, username)
    cognitoUserPoolsTokenProvider.setKeyValueStorage(new InMemoryStorage())
    Amplify.configure(configOf(emulator), { Auth: { tokenProvider: cognitoUserPoolsTokenProvider, credentialsProvider: cognitoCredentialsProvider } })
    await signIn({ username, password })
    expect((await fetchAuthSession()).tokens?.accessToken.payload["username"]).toBeDefined()
    await signOut()
    expect(await fetchAuthSession()).toEqual({})
  })
})
