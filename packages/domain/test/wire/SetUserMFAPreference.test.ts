import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as SetUserMFAPreference from "@cognito-effect/domain/wire/SetUserMFAPreference"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("SetUserMFAPreference", () => {
  it("targets AWSCognitoIdentityProviderService.SetUserMFAPreference", () => {
    assertTarget(SetUserMFAPreference.operation, "AWSCognitoIdentityProviderService.SetUserMFAPreference")
  })

  it("encodes Amplify's updateMFAPreference({ totp: 'PREFERRED', sms: 'DISABLED' })", () => {
    const request: SetUserMFAPreference.Request = {
      AccessToken: Redacted.make("eyJ.a.b"),
      SMSMfaSettings: { Enabled: false },
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      EmailMfaSettings: undefined
    }
    assert.deepStrictEqual(wireJson(SetUserMFAPreference.Request, request), {
      AccessToken: "eyJ.a.b",
      SMSMfaSettings: { Enabled: false },
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true }
    })
  })

  it("refuses a missing access token or a non-boolean setting", () => {
    assertRefused(SetUserMFAPreference.Request, { SMSMfaSettings: { Enabled: true } })
    assertRefused(SetUserMFAPreference.Request, { AccessToken: "t", EmailMfaSettings: { Enabled: "true" } })
    assert.deepStrictEqual(decodeJson(SetUserMFAPreference.Response, "{}"), {})
  })
})
