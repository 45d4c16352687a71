import { assert, describe, it } from "@effect/vitest"
import * as Tokens from "../src/Tokens.js"
import type * as Store from "../src/Store.js"

const client = (settings: Record<string, unknown>) => ({ settings }) as unknown as Store.Client

describe("Tokens.lifetimes", () => {
  it("defaults to one hour and thirty days", () => {
    assert.deepStrictEqual(Tokens.lifetimes(client({})), { access: 3600, id: 3600, refresh: 2_592_000 })
  })

  it("reads validities in their units; without a unit, hours (days for refresh tokens)", () => {
    assert.deepStrictEqual(
      Tokens.lifetimes(client({ AccessTokenValidity: 10, IdTokenValidity: 5, RefreshTokenValidity: 60, TokenValidityUnits: { AccessToken: "seconds", IdToken: "minutes", RefreshToken: "minutes" } })),
      { access: 10, id: 300, refresh: 3600 }
    )
    assert.deepStrictEqual(Tokens.lifetimes(client({ AccessTokenValidity: 2, RefreshTokenValidity: 1 })), { access: 7200, id: 3600, refresh: 86_400 })
  })
})
