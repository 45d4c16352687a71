/**
 * Which storage `Amplify.configure` gives the built-in token provider, as aws-amplify's does:
 * every `configure` of an `Auth` section without the app's own `Auth` options picks a new one —
 * cookies a server can read (SameSite=Lax) with `ssr`, else the browser's storage — replacing
 * what `setKeyValueStorage` set before; a `configure` given no options keeps the last `ssr`. Its
 * own file: the choice is global.
 */
import { describe, expect, it } from "vitest"
import { Amplify } from "@cognito-effect/auth"
import { currentRuntime } from "@cognito-effect/auth/Amplify"
import { cognitoUserPoolsTokenProvider } from "@cognito-effect/auth/cognito"
import { CookieStorage, defaultStorage, InMemoryStorage } from "@cognito-effect/auth/storage"

const config = { Auth: { Cognito: { userPoolId: "us-east-1_Ssr000001", userPoolClientId: "ssrclient000000000000000000" } } }
const storage = () => currentRuntime().storage.current

describe("configure's ssr flag", () => {
  it("chooses Lax cookies with ssr, again on a configure given no options, and the browser storage otherwise", () => {
    Amplify.configure(config, { ssr: true })
    const cookies = storage()
    expect(cookies).toBeInstanceOf(CookieStorage)
    expect((cookies as CookieStorage).sameSite).toBe("lax")
    Amplify.configure(config)
    expect(storage()).toBeInstanceOf(CookieStorage)
    expect(storage()).not.toBe(cookies)
    Amplify.configure(config, {})
    expect(storage()).toBe(defaultStorage)
    Amplify.configure(config, { ssr: true })
    Amplify.configure(config, { ssr: false })
    expect(storage()).toBe(defaultStorage)
  })
})

describe("a storage set with setKeyValueStorage", () => {
  it("does not survive a later configure, with or without ssr", () => {
    const chosen = new InMemoryStorage()
    cognitoUserPoolsTokenProvider.setKeyValueStorage(chosen)
    Amplify.configure(config)
    expect(storage()).toBe(defaultStorage)
    cognitoUserPoolsTokenProvider.setKeyValueStorage(chosen)
    expect(storage()).toBe(chosen)
    Amplify.configure(config, { ssr: true })
    expect(storage()).toBeInstanceOf(CookieStorage)
  })

  it("stays through a configure with the app's own Auth options, or without an Auth section", () => {
    Amplify.configure(config, { ssr: false })
    const chosen = new InMemoryStorage()
    cognitoUserPoolsTokenProvider.setKeyValueStorage(chosen)
    Amplify.configure(config, { Auth: { tokenProvider: cognitoUserPoolsTokenProvider } })
    expect(storage()).toBe(chosen)
    Amplify.configure({})
    expect(storage()).toBe(chosen)
    Amplify.configure(config)
    expect(storage()).toBe(defaultStorage)
  })
})
