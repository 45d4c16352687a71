import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Tokens from "@cognito-effect/domain/Tokens"

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
const jwt = (payload: unknown) => `${b64url({ alg: "RS256" })}.${b64url(payload)}.sig`

describe("Tokens", () => {
  it("decodes a payload", () => {
    const decoded = Tokens.decode(jwt({ sub: "u1", exp: 100, iat: 40 }))
    assert.isTrue(Either.isRight(decoded))
    if (Either.isRight(decoded)) assert.strictEqual(decoded.right.payload.sub, "u1")
  })

  it("refuses tokens without three parts or with a non-object payload", () => {
    assert.isTrue(Either.isLeft(Tokens.decode("a.b")))
    assert.isTrue(Either.isLeft(Tokens.decode(`x.${b64url([1])}.y`)))
    assert.isTrue(Either.isLeft(Tokens.decode("x.%%%.y")))
  })

  it("expires 5 s early, shifted by the clock drift", () => {
    const token = Either.getOrThrow(Tokens.decode(jwt({ exp: 1000, iat: 0 })))
    assert.isFalse(Tokens.isExpired(token, 994_999, 0))
    assert.isTrue(Tokens.isExpired(token, 995_001, 0))
    assert.isTrue(Tokens.isExpired(token, 990_000, 6_000))
  })
})
