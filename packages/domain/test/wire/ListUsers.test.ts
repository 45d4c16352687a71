import { assert, describe, it } from "@effect/vitest"
import * as ListUsers from "@cognito-effect/domain/wire/ListUsers"
import { assertRefused, assertTarget, decodeJson, wireJson } from "./wireTest.js"

describe("ListUsers", () => {
  it("targets AWSCognitoIdentityProviderService.ListUsers", () => {
    assertTarget(ListUsers.operation, "AWSCognitoIdentityProviderService.ListUsers")
  })

  it("encodes a filtered query", () => {
    assert.deepStrictEqual(
      wireJson(ListUsers.Request, { UserPoolId: "us-east-1_EXAMPLE", Filter: "email = \"a@example.com\"", Limit: 10, AttributesToGet: ["email"] }),
      { UserPoolId: "us-east-1_EXAMPLE", Filter: "email = \"a@example.com\"", Limit: 10, AttributesToGet: ["email"] }
    )
    assertRefused(ListUsers.Request, { Filter: "x" })
    assertRefused(ListUsers.Request, { UserPoolId: "p", Limit: "10" })
  })

  it("decodes a page of users", () => {
    const response = decodeJson(
      ListUsers.Response,
      `{"PaginationToken":"abc","Users":[{"Attributes":[{"Name":"email","Value":"a@example.com"}],"Enabled":true,"UserCreateDate":1689980857.949,"UserLastModifiedDate":1689980857.949,"UserStatus":"UNCONFIRMED","Username":"a"},{"Enabled":false,"UserStatus":"EXTERNAL_PROVIDER","Username":"Google_1234"}]}`
    )
    assert.strictEqual(response.Users?.length, 2)
    assert.strictEqual(response.Users?.[1]?.UserStatus, "EXTERNAL_PROVIDER")
    assert.strictEqual(response.PaginationToken, "abc")
  })
})
