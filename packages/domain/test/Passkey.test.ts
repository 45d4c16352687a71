import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Passkey from "@cognito-effect/domain/Passkey"

const creation = {
  rp: { id: "localhost", name: "localhost" },
  user: { id: "dXNlcg", name: "james", displayName: "" },
  challenge: "zsBch6DlNLUb6SgRdzHysw",
  pubKeyCredParams: [{ type: "public-key", alg: -7 }]
}

const codeOf = <A>(result: Either.Either<A, { readonly code: string }>) => (Either.isLeft(result) ? result.left.code : "decoded")

describe("Passkey", () => {
  it("base64url round-trips bytes without padding, and tolerates padding on the way in", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = Passkey.toBase64Url(bytes)
        assert.match(text, /^[A-Za-z0-9_-]*$/)
        assert.deepStrictEqual(Passkey.fromBase64Url(text), bytes)
      })
    )
    assert.deepStrictEqual(Passkey.fromBase64Url("AQI="), Uint8Array.of(1, 2))
    assert.isUndefined(Passkey.fromBase64Url("a"))
    assert.isUndefined(Passkey.fromBase64Url("a+b/"))
  })

  it("decodes creation options with what Amplify requires, and refuses the rest", () => {
    assert.strictEqual(codeOf(Passkey.decodeCreationOptions(creation)), "decoded")
    for (const broken of [undefined, {}, { ...creation, rp: undefined }, { ...creation, pubKeyCredParams: undefined }, { ...creation, user: { ...creation.user, id: "a+b" } }, { ...creation, excludeCredentials: [{ type: "public-key", id: "!" }] }]) {
      assert.strictEqual(codeOf(Passkey.decodeCreationOptions(broken)), "InvalidPasskeyRegistrationOptions")
    }
  })

  it("decodes request options from their JSON string", () => {
    const options = Either.getOrThrow(Passkey.decodeRequestOptions('{"challenge":"9DAxgg4vPiaxvAxc-JbMuw","rpId":"localhost","allowCredentials":[]}'))
    assert.deepStrictEqual(options, { challenge: "9DAxgg4vPiaxvAxc-JbMuw", rpId: "localhost", allowCredentials: [] })
    for (const broken of [undefined, "", "{", "{}", '{"challenge":"a/b"}', '{"challenge":"abc","allowCredentials":[{"id":"="}]}']) {
      assert.strictEqual(codeOf(Passkey.decodeRequestOptions(broken)), "InvalidPasskeyAuthenticationOptions", String(broken))
    }
  })
})
