import { assert, describe, it } from "@effect/vitest"
import * as AdminSetUserMFAPreference from "@cognito-effect/domain/wire/AdminSetUserMFAPreference"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("AdminSetUserMFAPreference", () => {
  it("targets AWSCognitoIdentityProviderService.AdminSetUserMFAPreference", () => {
    assertTarget(AdminSetUserMFAPreference.operation, "AWSCognitoIdentityProviderService.AdminSetUserMFAPreference")
  })

  it("encodes an admin enabling SMS as the preferred factor", () => {
    assert.deepStrictEqual(
      wireJson(AdminSetUserMFAPreference.Request, {
        UserPoolId: "us-east-1_EXAMPLE",
        Username: "ada",
        SMSMfaSettings: { Enabled: true, PreferredMfa: true }
      }),
      { UserPoolId: "us-east-1_EXAMPLE", Username: "ada", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }
    )
  })

  it("refuses a missing user name and answers {}", () => {
    assertRefused(AdminSetUserMFAPreference.Request, { UserPoolId: "us-east-1_EXAMPLE", SMSMfaSettings: { Enabled: true } })
    assert.deepStrictEqual(decodeJson(AdminSetUserMFAPreference.Response, "{}"), {})
  })
})
