import { assert, describe, it } from "@effect/vitest"
import { assertSome } from "@effect/vitest/utils"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Jose from "jose"
import * as TokenIssuer from "../src/TokenIssuer.js"

describe("TokenIssuer", () => {
  it.effect("signs RS256 tokens that jose verifies with the published JWKS", () =>
    Effect.gen(function* () {
      const key = yield* TokenIssuer.material(yield* TokenIssuer.generate)
      const token = yield* TokenIssuer.sign(key, { sub: "s", token_use: "id", exp: 4_000_000_000 })
      const jwks = Jose.createLocalJWKSet(TokenIssuer.jwks([key]) as Jose.JSONWebKeySet)
      const verified = yield* Effect.promise(() => Jose.jwtVerify(token, jwks))
      assert.deepStrictEqual(verified.protectedHeader, { kid: key.kid, alg: "RS256" })
      assert.strictEqual(verified.payload.sub, "s")
      assert.strictEqual(key.publicJwk.kid, yield* Effect.promise(() => Jose.calculateJwkThumbprint(key.publicJwk as Jose.JWK)))
    }))

  it.effect("signAll signs several claims sets at once and answers them in order", () =>
    Effect.gen(function* () {
      const key = yield* TokenIssuer.material(yield* TokenIssuer.generate)
      const claims = Array.from({ length: 5 }, (_, i) => ({ sub: `s${i}`, token_use: i % 2 === 0 ? "access" : "id" }))
      const tokens = yield* TokenIssuer.signAll(key, claims)
      assert.strictEqual(tokens.length, 5)
      for (const [i, token] of tokens.entries()) assertSome(yield* TokenIssuer.verify(key, token), claims[i]!)
      assert.deepStrictEqual(yield* TokenIssuer.signAll(key, []), [])
    }))

  it.effect("verify accepts its own tokens only", () =>
    Effect.gen(function* () {
      const key = yield* TokenIssuer.material(yield* TokenIssuer.generate)
      const other = yield* TokenIssuer.material(yield* TokenIssuer.generate)
      const token = yield* TokenIssuer.sign(key, { sub: "s" })
      assertSome(yield* TokenIssuer.verify(key, token), { sub: "s" })
      assert.isTrue(Option.isNone(yield* TokenIssuer.verify(other, token)))
      const [header, , signature] = token.split(".")
      const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: "admin" })).toString("base64url")}.${signature}`
      assert.isTrue(Option.isNone(yield* TokenIssuer.verify(key, tampered)))
      assert.isTrue(Option.isNone(yield* TokenIssuer.verify(key, "not.a.token")))
    }))

  it.effect("verify refuses other algorithms, other kids and headers it does not understand", () =>
    Effect.gen(function* () {
      const key = yield* TokenIssuer.material(yield* TokenIssuer.generate)
      const token = yield* TokenIssuer.sign(key, { sub: "s" })
      const [, payload, signature] = token.split(".")
      const withHeader = (header: Record<string, unknown>, sig = signature) =>
        `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${payload}.${sig}`
      assert.isTrue(Option.isSome(yield* TokenIssuer.verify(key, withHeader({ kid: key.kid, alg: "RS256" }))))
      assert.isTrue(Option.isNone(yield* TokenIssuer.verify(key, withHeader({ kid: key.kid, alg: "none" }, ""))))
      assert.isTrue(Option.isNone(yield* TokenIssuer.verify(key, withHeader({ kid: key.kid, alg: "HS256" }))))
      assert.isTrue(Option.isNone(yield* TokenIssuer.verify(key, withHeader({ kid: "another", alg: "RS256" }))))
      assert.isTrue(Option.isNone(yield* TokenIssuer.verify(key, withHeader({ kid: key.kid, alg: "RS256", crit: ["exp"], exp: 1 }))))
      assert.isTrue(Option.isNone(yield* TokenIssuer.verify(key, `${token}.`)))
      assert.isTrue(Option.isNone(yield* TokenIssuer.verify(key, token.replace(".", ".="))))
    }))

  it.effect("a stored key signs the same way after reloading (what --data relies on)", () =>
    Effect.gen(function* () {
      const stored = yield* TokenIssuer.generate
      const first = yield* TokenIssuer.material(stored)
      const second = yield* TokenIssuer.material(stored)
      const token = yield* TokenIssuer.sign(first, { sub: "s" })
      assert.isTrue(Option.isSome(yield* TokenIssuer.verify(second, token)))
      assert.notProperty(TokenIssuer.jwks([first]).keys[0]!, "d")
    }))

  it("the discovery document points at the JWKS", () => {
    const doc = TokenIssuer.openIdConfiguration("http://127.0.0.1:9229/us-east-1_X")
    assert.strictEqual(doc.jwks_uri, "http://127.0.0.1:9229/us-east-1_X/.well-known/jwks.json")
    assert.deepStrictEqual(doc.id_token_signing_alg_values_supported, ["RS256"])
  })
})
