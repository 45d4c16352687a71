import { assert, describe, it } from "@effect/vitest"
import * as PasskeyError from "@cognito-effect/domain/PasskeyError"

const dom = (name: string) => new DOMException("platform says no", name)

describe("PasskeyError", () => {
  it("carries Amplify's name, message and recovery suggestion", () => {
    const error = PasskeyError.passkeyError("PasskeyRetrievalFailed")
    assert.strictEqual(error.amplifyName, "PasskeyRetrievalFailed")
    assert.strictEqual(error.message, "Device failed to retrieve passkey.")
    assert.include(error.recoverySuggestion, "EMAIL_OTP")
    const unknown = PasskeyError.passkeyError("Unknown")
    assert.strictEqual(unknown.message, "An unknown error has occurred.")
    assert.isUndefined(unknown.recoverySuggestion)
    assert.strictEqual(PasskeyError.passkeyError("PasskeyNotSupported", { message: "No WebAuthn here." }).message, "No WebAuthn here.")
  })

  it("maps what navigator.credentials.create throws as Amplify does", () => {
    const cases: ReadonlyArray<readonly [string, PasskeyError.PasskeyErrorCode]> = [
      ["InvalidStateError", "PasskeyAlreadyExists"],
      ["NotAllowedError", "PasskeyRegistrationCanceled"],
      ["AbortError", "PasskeyOperationAborted"],
      ["SecurityError", "RelyingPartyMismatch"],
      ["NotSupportedError", "Unknown"]
    ]
    for (const [name, code] of cases) {
      const error = PasskeyError.fromRegistrationFailure(dom(name))
      assert.strictEqual(error.code, code, name)
      assert.strictEqual((error.cause as DOMException).name, name)
    }
    assert.strictEqual(PasskeyError.fromRegistrationFailure("a string").code, "Unknown")
  })

  it("maps what navigator.credentials.get throws as Amplify does", () => {
    assert.strictEqual(PasskeyError.fromAuthenticationFailure(dom("NotAllowedError")).code, "PasskeyAuthenticationCanceled")
    assert.strictEqual(PasskeyError.fromAuthenticationFailure(dom("InvalidStateError")).code, "Unknown")
    assert.strictEqual(PasskeyError.fromAuthenticationFailure(dom("AbortError")).code, "PasskeyOperationAborted")
    assert.strictEqual(PasskeyError.fromAuthenticationFailure(dom("SecurityError")).code, "RelyingPartyMismatch")
  })

  it("keeps a passkey error as it is", () => {
    const original = PasskeyError.passkeyError("InvalidPasskeyAuthenticationOptions")
    assert.strictEqual(PasskeyError.fromAuthenticationFailure(original), original)
    assert.strictEqual(PasskeyError.fromRegistrationFailure(original), original)
  })
})
