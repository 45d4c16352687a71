import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as InitiateAuth from "@cognito-effect/domain/wire/InitiateAuth"
import * as SignUp from "@cognito-effect/domain/wire/SignUp"
import * as RequestErrors from "../src/RequestErrors.js"

const errorFor = <A, I>(schema: Schema.Schema<A, I>, input: unknown) => {
  const decoded = Schema.decodeUnknownEither(schema, { errors: "all" })(input)
  if (Either.isRight(decoded)) throw new Error("expected a decode failure")
  const error = RequestErrors.fromParseError(decoded.left)
  return [error.type, error.message] as const
}

describe("RequestErrors", () => {
  it("missing members are InvalidParameterException, counted and named as the service does", () => {
    assert.deepStrictEqual(errorFor(InitiateAuth.Request, { AuthFlow: "USER_SRP_AUTH" }), [
      "InvalidParameterException",
      "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null"
    ])
    const [type, message] = errorFor(SignUp.Request, {})
    assert.strictEqual(type, "InvalidParameterException")
    assert.match(message, /^2 validation errors detected: Value null at 'clientId'.*; Value null at 'username'/)
  })

  it("a value outside an enum lists the allowed values", () => {
    const [type, message] = errorFor(InitiateAuth.Request, { AuthFlow: "NOPE", ClientId: "c" })
    assert.strictEqual(type, "InvalidParameterException")
    assert.include(message, "Value 'NOPE' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH,")
  })

  it("a member of the wrong JSON type is SerializationException, whatever else is wrong", () => {
    assert.deepStrictEqual(errorFor(SignUp.Request, { ClientId: { a: 1 } }), ["SerializationException", "Start of structure or map found where not expected."])
    assert.deepStrictEqual(errorFor(SignUp.Request, { ClientId: "c", Username: "u", UserAttributes: {} }), [
      "SerializationException",
      "Start of structure or map found where not expected."
    ])
    assert.deepStrictEqual(errorFor(SignUp.Request, { ClientId: ["c"], Username: "u" }), ["SerializationException", "Start of list found where not expected"])
    assert.strictEqual(errorFor(InitiateAuth.Request, { AuthFlow: 3, ClientId: "c" })[0], "SerializationException")
  })

  it("never quotes a secret value", () => {
    const [, message] = errorFor(SignUp.Request, { ClientId: "c", Username: "u", Password: 12345678 })
    assert.notInclude(message, "12345678")
  })

  it("bodies that are not JSON objects", () => {
    assert.strictEqual(RequestErrors.notJson({ ok: false }).type, "SerializationException")
    assert.strictEqual(RequestErrors.notJson({ ok: true, value: [1] }).message, "Start of list found where not expected")
  })
})
