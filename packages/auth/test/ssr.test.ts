/**
 * `Amplify.configure(config, { ssr: true })` keeps the session in cookies a server can read
 * (SameSite=Lax), as Amplify's does; a later `configure` without the flag keeps it, and a storage
 * the app chose with `setKeyValueStorage` is never replaced. Its own file: the choice is global.
 */
import { describe, expect, it } from "vitest"
import { Amplify } from "@cognito-effect/auth"
import { currentRuntime } from "@cognito-effect/auth/Amplify"
import { cognitoUserPoolsTokenProvider } from "@cognito-effect/auth/cognito"
import { CookieStorage, defaultStorage, InMemoryStorage } from "@cognito-effect/auth/storage"

const config = { Auth: { Cognito: { userPoolId: "us-east-1_Ssr000001", userPoolClientId: "ssrclient000000000000000000" } } }
const storage = () => currentRuntime().storage.current

describe("configure's ssr flag", () => {
  it("chooses Lax cookies with ssr, keeps them on a configure without the flag, and the browser storage without ssr", () => {
    Amplify.configure(config, { ssr: true })
    const cookies = storage()
    expect(cookies).toBeInstanceOf(CookieStorage)
    expect((cookies as CookieStorage).sameSite).toBe("lax")
    Amplify.configure(config)
    expect(storage()).toBeInstanceOf(CookieStorage)
    Amplify.configure(config, { ssr: false })
    expect(storage()).toBe(defaultStorage)
  })

  it("never replaces a storage the app chose", () => {
    const chosen = new InMemoryStorage()
    cognitoUserPoolsTokenProvider.setKeyValueStorage(chosen)
    Amplify.configure(config, { ssr: true })
    expect(storage()).toBe(chosen)
  })
})
