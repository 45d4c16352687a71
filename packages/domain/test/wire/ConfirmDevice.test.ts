import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as ConfirmDevice from "@cognito-effect/domain/wire/ConfirmDevice"
import { assertHidden, assertRefused, assertSecret, assertTarget, decodeJson, wireJson } from "./wireTest.js"

const verifier = "c2VjcmV0LXZlcmlmaWVyLWJhc2U2NA".repeat(10)

describe("ConfirmDevice", () => {
  it("targets AWSCognitoIdentityProviderService.ConfirmDevice", () => {
    assertTarget(ConfirmDevice.operation, "AWSCognitoIdentityProviderService.ConfirmDevice")
  })

  it("encodes the request Amplify sends after a sign-in with NewDeviceMetadata", () => {
    const request: ConfirmDevice.Request = {
      AccessToken: Redacted.make("eyJ.a.b"),
      DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000001",
      DeviceName: "Mozilla/5.0 (X11; Linux x86_64)",
      DeviceSecretVerifierConfig: { Salt: "3q2+7w==", PasswordVerifier: Redacted.make(verifier) }
    }
    assert.deepStrictEqual(wireJson(ConfirmDevice.Request, request), {
      AccessToken: "eyJ.a.b",
      DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000001",
      DeviceName: "Mozilla/5.0 (X11; Linux x86_64)",
      DeviceSecretVerifierConfig: { Salt: "3q2+7w==", PasswordVerifier: verifier }
    })
  })

  it("decodes the verifier as a secret and requires the device key", () => {
    const decoded = Schema.decodeUnknownSync(ConfirmDevice.Request)({
      AccessToken: "eyJ.a.b",
      DeviceKey: "k",
      DeviceSecretVerifierConfig: { Salt: "s", PasswordVerifier: verifier }
    })
    assertSecret(decoded.DeviceSecretVerifierConfig?.PasswordVerifier, verifier)
    assertHidden(decoded, verifier)
    assertRefused(ConfirmDevice.Request, { AccessToken: "eyJ.a.b" })
  })

  it("decodes UserConfirmationNecessary", () => {
    assert.deepStrictEqual(decodeJson(ConfirmDevice.Response, `{"UserConfirmationNecessary":false}`), { UserConfirmationNecessary: false })
  })
})
