import { assert, describe, it } from "@effect/vitest"
import * as CognitoException from "../src/CognitoException.js"

describe("CognitoException", () => {
  it("client errors are 400, internal errors 500", () => {
    assert.strictEqual(CognitoException.incorrectCredentials().status, 400)
    assert.strictEqual(CognitoException.internal().status, 500)
  })

  it("carries Cognito's messages", () => {
    assert.strictEqual(CognitoException.incorrectCredentials().message, "Incorrect username or password.")
    assert.strictEqual(CognitoException.clientNotFound("abc").message, "User pool client abc does not exist.")
    assert.strictEqual(CognitoException.expiredCode().type, "ExpiredCodeException")
  })
})
