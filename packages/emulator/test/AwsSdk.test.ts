/**
 * The official AWS SDK v3 client against the emulator over HTTP: every admin operation and the
 * user operations round-trip, and the SDK's own deserialisers read our answers (dates become
 * `Date`, errors become the SDK's typed exception classes with `$metadata`).
 */
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ChangePasswordCommand,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  InvalidPasswordException,
  ListUsersCommand,
  NotAuthorizedException,
  paginateListUsers,
  PasswordResetRequiredException,
  ResendConfirmationCodeCommand,
  ResourceNotFoundException,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  UserNotConfirmedException,
  UsernameExistsException,
  UserNotFoundException,
  VerifyUserAttributeCommand,
  type AttributeType
} from "@aws-sdk/client-cognito-identity-provider"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { claimsOf, srpClient, TestEmulator, uniqueName } from "./Harness.js"

const password = "Passw0rd!"

// The SDK warns once per process that its 2027 releases will need Node 22; this is Node 20.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true"

/** An SDK client for a pool: dummy credentials, the region taken from the pool id. */
const sdkFor = (endpoint: string, userPoolId = "us-east-1_any") =>
  new CognitoIdentityProviderClient({
    endpoint,
    region: userPoolId.split("_")[0]!,
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" },
    maxAttempts: 1
  })

/** Awaits an SDK call. */
const send = <A>(call: () => Promise<A>) => Effect.promise(call)

/** Awaits an SDK call that must fail; returns what it threw. */
const refused = (call: () => Promise<unknown>) =>
  Effect.promise(() =>
    call().then(
      (output) => {
        throw new Error(`expected a refusal, got ${JSON.stringify(output)}`)
      },
      (error: unknown) => error as CognitoIdentityProviderServiceException
    )
  )

const attributes = (list: ReadonlyArray<AttributeType> | undefined): Record<string, string | undefined> =>
  Object.fromEntries((list ?? []).map((attribute) => [attribute.Name, attribute.Value]))

/** A pool with e-mail verified by code and a public client allowing every flow, made through the SDK. */
const sdkPool = Effect.gen(function* () {
  const emulator = yield* TestEmulator
  const bootstrap = sdkFor(emulator.endpoint)
  const created = yield* send(() =>
    bootstrap.send(
      new CreateUserPoolCommand({
        PoolName: uniqueName("sdk-pool"),
        AutoVerifiedAttributes: ["email"],
        Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }]
      })
    )
  )
  const userPoolId = created.UserPool!.Id!
  const sdk = sdkFor(emulator.endpoint, userPoolId)
  const client = yield* send(() =>
    sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: "sdk-client",
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
      })
    )
  )
  return { emulator, sdk, created, userPoolId, clientId: client.UserPoolClient!.ClientId!, client }
})

/** A confirmed user with a verified e-mail and a permanent password, made through the SDK. */
const confirmedUser = (sdk: CognitoIdentityProviderClient, userPoolId: string) =>
  Effect.gen(function* () {
    const username = uniqueName("sdk")
    const email = `${username}@example.com`
    yield* send(() =>
      sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: username,
          MessageAction: "SUPPRESS",
          UserAttributes: [
            { Name: "email", Value: email },
            { Name: "email_verified", Value: "true" }
          ]
        })
      )
    )
    yield* send(() => sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true })))
    return { username, email }
  })

const passwordSignIn = (sdk: CognitoIdentityProviderClient, clientId: string, username: string, secret = password) =>
  sdk.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: secret } }))

layer(TestEmulator.layer())("the official AWS SDK v3 client", (it) => {
  describe("admin operations", () => {
    it.effect("pools, clients and groups: created, described, dates as Date", () =>
      Effect.gen(function* () {
        const { sdk, created, userPoolId, clientId, client } = yield* sdkPool
        assert.match(userPoolId, /^us-east-1_[0-9a-zA-Z]+$/)
        assert.instanceOf(created.UserPool!.CreationDate, Date)
        assert.instanceOf(created.UserPool!.LastModifiedDate, Date)
        assert.deepStrictEqual(created.UserPool!.AutoVerifiedAttributes, ["email"])
        assert.strictEqual(created.$metadata.httpStatusCode, 200)
        assert.isString(created.$metadata.requestId)

        const described = yield* send(() => sdk.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId })))
        assert.strictEqual(described.UserPool!.Id, userPoolId)
        assert.strictEqual(described.UserPool!.CreationDate!.getTime(), created.UserPool!.CreationDate!.getTime())
        const email = described.UserPool!.SchemaAttributes!.find((attribute) => attribute.Name === "email")
        assert.strictEqual(email?.Required, true)

        assert.instanceOf(client.UserPoolClient!.CreationDate, Date)
        const describedClient = yield* send(() => sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })))
        assert.strictEqual(describedClient.UserPoolClient!.ClientName, "sdk-client")
        assert.includeMembers(describedClient.UserPoolClient!.ExplicitAuthFlows!, ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        assert.isUndefined(describedClient.UserPoolClient!.ClientSecret)

        const group = yield* send(() => sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: "admins", Precedence: 1, Description: "the admins" })))
        assert.strictEqual(group.Group!.GroupName, "admins")
        assert.strictEqual(group.Group!.Precedence, 1)
        assert.instanceOf(group.Group!.CreationDate, Date)

        const missing = yield* refused(() => sdk.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_missing1" })))
        assert.instanceOf(missing, ResourceNotFoundException)
        assert.strictEqual(missing.message, "User pool us-east-1_missing1 does not exist.")
        assert.strictEqual(missing.$metadata.httpStatusCode, 400)
        assert.isString(missing.$metadata.requestId)
        assert.strictEqual(missing.$fault, "client")
      }))

    it.effect("users: create, set password, get, update, groups, disable, enable, reset, delete", () =>
      Effect.gen(function* () {
        const { sdk, userPoolId, clientId } = yield* sdkPool
        yield* send(() => sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: "staff", Precedence: 2 })))
        yield* send(() => sdk.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: "admins", Precedence: 1 })))
        const username = uniqueName("admin")

        const createdUser = yield* send(() =>
          sdk.send(
            new AdminCreateUserCommand({
              UserPoolId: userPoolId,
              Username: username,
              MessageAction: "SUPPRESS",
              UserAttributes: [
                { Name: "email", Value: `${username}@example.com` },
                { Name: "email_verified", Value: "true" },
                { Name: "name", Value: "Grace" }
              ]
            })
          )
        )
        assert.strictEqual(createdUser.User!.Username, username)
        assert.strictEqual(createdUser.User!.UserStatus, "FORCE_CHANGE_PASSWORD")
        assert.strictEqual(createdUser.User!.Enabled, true)
        assert.instanceOf(createdUser.User!.UserCreateDate, Date)
        assert.instanceOf(createdUser.User!.UserLastModifiedDate, Date)
        const duplicate = yield* refused(() => sdk.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: "SUPPRESS" })))
        assert.instanceOf(duplicate, UsernameExistsException)

        const weak = yield* refused(() => sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: "short", Permanent: true })))
        assert.instanceOf(weak, InvalidPasswordException)
        yield* send(() => sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true })))

        const fetched = yield* send(() => sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })))
        assert.strictEqual(fetched.UserStatus, "CONFIRMED")
        assert.instanceOf(fetched.UserCreateDate, Date)
        assert.strictEqual(attributes(fetched.UserAttributes)["name"], "Grace")
        assert.match(attributes(fetched.UserAttributes)["sub"]!, /^[0-9a-f-]{36}$/)

        yield* send(() => sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: "name", Value: "Grace H." }] })))
        const updated = yield* send(() => sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })))
        assert.strictEqual(attributes(updated.UserAttributes)["name"], "Grace H.")

        yield* send(() => sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: "staff" })))
        yield* send(() => sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: "admins" })))
        const grouped = yield* send(() => passwordSignIn(sdk, clientId, username))
        assert.deepStrictEqual(claimsOf(grouped.AuthenticationResult!.AccessToken!)["cognito:groups"], ["admins", "staff"])
        yield* send(() => sdk.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: "admins" })))
        const ungrouped = yield* send(() => passwordSignIn(sdk, clientId, username))
        assert.deepStrictEqual(claimsOf(ungrouped.AuthenticationResult!.IdToken!)["cognito:groups"], ["staff"])

        yield* send(() => sdk.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username })))
        const disabled = yield* refused(() => passwordSignIn(sdk, clientId, username))
        assert.instanceOf(disabled, NotAuthorizedException)
        assert.strictEqual(disabled.message, "User is disabled.")
        const stillSignedIn = yield* refused(() => sdk.send(new GetUserCommand({ AccessToken: ungrouped.AuthenticationResult!.AccessToken! })))
        assert.instanceOf(stillSignedIn, NotAuthorizedException)
        yield* send(() => sdk.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username })))
        assert.isString((yield* send(() => passwordSignIn(sdk, clientId, username))).AuthenticationResult!.AccessToken)

        yield* send(() => sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: userPoolId, Username: username })))
        assert.strictEqual((yield* send(() => sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })))).UserStatus, "RESET_REQUIRED")
        const reset = yield* refused(() => passwordSignIn(sdk, clientId, username))
        assert.instanceOf(reset, PasswordResetRequiredException)

        yield* send(() => sdk.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username })))
        const gone = yield* refused(() => sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })))
        assert.instanceOf(gone, UserNotFoundException)
        assert.strictEqual(gone.$metadata.httpStatusCode, 400)
      }))

    it.effect("ListUsers pages with Limit and PaginationToken, filters, and the SDK paginator walks every page", () =>
      Effect.gen(function* () {
        const { sdk, userPoolId } = yield* sdkPool
        const names: Array<string> = []
        for (let i = 0; i < 7; i++) names.push((yield* confirmedUser(sdk, userPoolId)).username)

        const first = yield* send(() => sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: 3 })))
        assert.strictEqual(first.Users!.length, 3)
        assert.isString(first.PaginationToken)
        assert.instanceOf(first.Users![0]!.UserCreateDate, Date)
        const second = yield* send(() => sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: 3, PaginationToken: first.PaginationToken! })))
        assert.strictEqual(second.Users!.length, 3)
        assert.isEmpty(first.Users!.map((user) => user.Username).filter((name) => second.Users!.some((user) => user.Username === name)))

        const seen: Array<string> = []
        let pages = 0
        yield* send(async () => {
          for await (const page of paginateListUsers({ client: sdk, pageSize: 2 }, { UserPoolId: userPoolId })) {
            pages++
            for (const user of page.Users ?? []) seen.push(user.Username!)
          }
        })
        assert.strictEqual(pages, 4)
        assert.sameMembers(seen, names)

        const filtered = yield* send(() => sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: `username = "${names[4]}"` })))
        assert.deepStrictEqual(filtered.Users!.map((user) => user.Username), [names[4]])
        const prefix = yield* send(() => sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email ^= "${names[2]}@"`, AttributesToGet: ["email"] })))
        assert.deepStrictEqual(prefix.Users!.map((user) => attributes(user.Attributes)), [{ email: `${names[2]}@example.com` }])

        const badLimit = yield* refused(() => sdk.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: 61 })))
        assert.instanceOf(badLimit, InvalidParameterException)
      }))
  })

  describe("user operations", () => {
    it.effect("SignUp → ConfirmSignUp with the inbox code; ResendConfirmationCode; AdminConfirmSignUp", () =>
      Effect.gen(function* () {
        const { emulator, sdk, userPoolId, clientId } = yield* sdkPool
        const username = uniqueName("signup")
        const email = `${username}@example.com`
        const signedUp = yield* send(() =>
          sdk.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: password, UserAttributes: [{ Name: "email", Value: email }] }))
        )
        assert.strictEqual(signedUp.UserConfirmed, false)
        assert.match(signedUp.UserSub!, /^[0-9a-f-]{36}$/)
        assert.strictEqual(signedUp.CodeDeliveryDetails!.DeliveryMedium, "EMAIL")
        assert.strictEqual(signedUp.CodeDeliveryDetails!.AttributeName, "email")

        const unconfirmed = yield* refused(() => passwordSignIn(sdk, clientId, username))
        assert.instanceOf(unconfirmed, UserNotConfirmedException)

        const resent = yield* send(() => sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username })))
        assert.strictEqual(resent.CodeDeliveryDetails!.DeliveryMedium, "EMAIL")
        const code = emulator.latestCode(email, "SIGN_UP")!
        assert.match(code, /^\d{6}$/)
        const wrong = yield* refused(() => sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code === "000000" ? "000001" : "000000" })))
        assert.instanceOf(wrong, CodeMismatchException)
        assert.strictEqual(wrong.message, "Invalid verification code provided, please try again.")
        yield* send(() => sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code })))
        const confirmed = yield* send(() => sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })))
        assert.strictEqual(confirmed.UserStatus, "CONFIRMED")
        assert.strictEqual(attributes(confirmed.UserAttributes)["email_verified"], "true")

        const other = uniqueName("signup")
        yield* send(() => sdk.send(new SignUpCommand({ ClientId: clientId, Username: other, Password: password, UserAttributes: [{ Name: "email", Value: `${other}@example.com` }] })))
        yield* send(() => sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: other })))
        const signedIn = yield* send(() => passwordSignIn(sdk, clientId, other))
        assert.strictEqual(claimsOf(signedIn.AuthenticationResult!.IdToken!)["cognito:username"], other)
      }))

    it.effect("InitiateAuth USER_PASSWORD_AUTH, GetUser, attributes and their verification", () =>
      Effect.gen(function* () {
        const { emulator, sdk, userPoolId, clientId } = yield* sdkPool
        const { username, email } = yield* confirmedUser(sdk, userPoolId)
        const signedIn = yield* send(() => passwordSignIn(sdk, clientId, username))
        const result = signedIn.AuthenticationResult!
        assert.deepStrictEqual(signedIn.ChallengeParameters, {})
        assert.strictEqual(result.TokenType, "Bearer")
        assert.strictEqual(result.ExpiresIn, 3600)
        assert.isString(result.RefreshToken)
        const claims = claimsOf(result.AccessToken!)
        assert.strictEqual(claims["username"], username)
        assert.strictEqual(claims["client_id"], clientId)
        assert.strictEqual(claims["iss"], `${emulator.endpoint}/${userPoolId}`)

        const wrong = yield* refused(() => passwordSignIn(sdk, clientId, username, "Wrong0rd!"))
        assert.instanceOf(wrong, NotAuthorizedException)
        assert.strictEqual(wrong.name, "NotAuthorizedException")
        assert.strictEqual(wrong.message, "Incorrect username or password.")
        assert.strictEqual(wrong.$metadata.httpStatusCode, 400)

        const me = yield* send(() => sdk.send(new GetUserCommand({ AccessToken: result.AccessToken! })))
        assert.strictEqual(me.Username, username)
        assert.strictEqual(attributes(me.UserAttributes)["email"], email)

        const newEmail = `new-${email}`
        const updated = yield* send(() =>
          sdk.send(new UpdateUserAttributesCommand({ AccessToken: result.AccessToken!, UserAttributes: [{ Name: "email", Value: newEmail }, { Name: "nickname", Value: "gh" }] }))
        )
        assert.strictEqual(updated.CodeDeliveryDetailsList![0]!.AttributeName, "email")
        assert.strictEqual(updated.CodeDeliveryDetailsList![0]!.DeliveryMedium, "EMAIL")
        const resent = yield* send(() => sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: result.AccessToken!, AttributeName: "email" })))
        assert.strictEqual(resent.CodeDeliveryDetails!.AttributeName, "email")
        const code = emulator.latestCode(username, "VERIFY_ATTRIBUTE")!
        const mismatch = yield* refused(() =>
          sdk.send(new VerifyUserAttributeCommand({ AccessToken: result.AccessToken!, AttributeName: "email", Code: code === "000000" ? "000001" : "000000" }))
        )
        assert.instanceOf(mismatch, CodeMismatchException)
        yield* send(() => sdk.send(new VerifyUserAttributeCommand({ AccessToken: result.AccessToken!, AttributeName: "email", Code: code })))
        yield* send(() => sdk.send(new DeleteUserAttributesCommand({ AccessToken: result.AccessToken!, UserAttributeNames: ["nickname"] })))
        const after = attributes((yield* send(() => sdk.send(new GetUserCommand({ AccessToken: result.AccessToken! })))).UserAttributes)
        assert.strictEqual(after["email"], newEmail)
        assert.strictEqual(after["email_verified"], "true")
        assert.notProperty(after, "nickname")

        const forged = yield* refused(() => sdk.send(new GetUserCommand({ AccessToken: `${result.AccessToken!.slice(0, -4)}AAAA` })))
        assert.instanceOf(forged, NotAuthorizedException)
      }))

    it.effect("GetTokensFromRefreshToken, REFRESH_TOKEN_AUTH, RevokeToken, GlobalSignOut", () =>
      Effect.gen(function* () {
        const { sdk, userPoolId, clientId } = yield* sdkPool
        const { username } = yield* confirmedUser(sdk, userPoolId)
        const first = (yield* send(() => passwordSignIn(sdk, clientId, username))).AuthenticationResult!
        const refreshed = yield* send(() => sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first.RefreshToken! })))
        assert.isString(refreshed.AuthenticationResult!.AccessToken)
        assert.strictEqual(refreshed.AuthenticationResult!.ExpiresIn, 3600)
        assert.strictEqual(claimsOf(refreshed.AuthenticationResult!.AccessToken!)["origin_jti"], claimsOf(first.AccessToken!)["origin_jti"])
        const viaInitiate = yield* send(() =>
          sdk.send(new InitiateAuthCommand({ AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: clientId, AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }))
        )
        assert.isUndefined(viaInitiate.AuthenticationResult!.RefreshToken)
        assert.isString(viaInitiate.AuthenticationResult!.IdToken)

        yield* send(() => sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: first.RefreshToken! })))
        // A byte-identical retry within 10 s would get the first answer again: make this one differ.
        const revoked = yield* refused(() =>
          sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first.RefreshToken!, ClientMetadata: { after: "revoke" } }))
        )
        assert.instanceOf(revoked, NotAuthorizedException)
        assert.strictEqual(revoked.message, "Refresh Token has been revoked")
        const revokedAccess = yield* refused(() => sdk.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken! })))
        assert.instanceOf(revokedAccess, NotAuthorizedException)
        assert.strictEqual(revokedAccess.message, "Access Token has been revoked")
        const revokedInitiate = yield* refused(() =>
          sdk.send(new InitiateAuthCommand({ AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: clientId, AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }))
        )
        assert.instanceOf(revokedInitiate, NotAuthorizedException)

        const second = (yield* send(() => passwordSignIn(sdk, clientId, username))).AuthenticationResult!
        const third = (yield* send(() => passwordSignIn(sdk, clientId, username))).AuthenticationResult!
        yield* send(() => sdk.send(new GlobalSignOutCommand({ AccessToken: second.AccessToken! })))
        for (const tokens of [second, third]) {
          const signedOut = yield* refused(() => sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })))
          assert.instanceOf(signedOut, NotAuthorizedException)
          const noRefresh = yield* refused(() => sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: tokens.RefreshToken! })))
          assert.instanceOf(noRefresh, NotAuthorizedException)
        }
      }))

    it.effect("ForgotPassword → ConfirmForgotPassword, ChangePassword, DeleteUser", () =>
      Effect.gen(function* () {
        const { emulator, sdk, userPoolId, clientId } = yield* sdkPool
        const { username, email } = yield* confirmedUser(sdk, userPoolId)
        const forgot = yield* send(() => sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username })))
        assert.strictEqual(forgot.CodeDeliveryDetails!.DeliveryMedium, "EMAIL")
        assert.strictEqual(forgot.CodeDeliveryDetails!.AttributeName, "email")
        const code = emulator.latestCode(email, "FORGOT_PASSWORD")!
        const mismatch = yield* refused(() =>
          sdk.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: username, ConfirmationCode: code === "000000" ? "000001" : "000000", Password: "Neww0rd!!" }))
        )
        assert.instanceOf(mismatch, CodeMismatchException)
        yield* send(() => sdk.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: username, ConfirmationCode: code, Password: "Neww0rd!!" })))
        assert.instanceOf(yield* refused(() => passwordSignIn(sdk, clientId, username)), NotAuthorizedException)
        const tokens = (yield* send(() => passwordSignIn(sdk, clientId, username, "Neww0rd!!"))).AuthenticationResult!

        const wrongPrevious = yield* refused(() => sdk.send(new ChangePasswordCommand({ AccessToken: tokens.AccessToken!, PreviousPassword: "Wrong0rd!", ProposedPassword: "Third0rd!" })))
        assert.instanceOf(wrongPrevious, NotAuthorizedException)
        const weak = yield* refused(() => sdk.send(new ChangePasswordCommand({ AccessToken: tokens.AccessToken!, PreviousPassword: "Neww0rd!!", ProposedPassword: "weak" })))
        assert.instanceOf(weak, InvalidPasswordException)
        yield* send(() => sdk.send(new ChangePasswordCommand({ AccessToken: tokens.AccessToken!, PreviousPassword: "Neww0rd!!", ProposedPassword: "Third0rd!" })))
        const fresh = (yield* send(() => passwordSignIn(sdk, clientId, username, "Third0rd!"))).AuthenticationResult!

        yield* send(() => sdk.send(new DeleteUserCommand({ AccessToken: fresh.AccessToken! })))
        // The client hides nothing (PreventUserExistenceErrors is LEGACY by default).
        assert.instanceOf(yield* refused(() => passwordSignIn(sdk, clientId, username, "Third0rd!")), UserNotFoundException)
        assert.instanceOf(yield* refused(() => sdk.send(new GetUserCommand({ AccessToken: fresh.AccessToken! }))), NotAuthorizedException)
      }))

    it.effect("challenges: USER_SRP_AUTH → PASSWORD_VERIFIER, and NEW_PASSWORD_REQUIRED after AdminCreateUser", () =>
      Effect.gen(function* () {
        const { emulator, sdk, userPoolId, clientId } = yield* sdkPool
        const { username } = yield* confirmedUser(sdk, userPoolId)
        const srp = srpClient()
        const challenge = yield* send(() =>
          sdk.send(new InitiateAuthCommand({ AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: srp.srpA } }))
        )
        assert.strictEqual(challenge.ChallengeName, "PASSWORD_VERIFIER")
        assert.hasAllKeys(challenge.ChallengeParameters, ["SALT", "SRP_B", "SECRET_BLOCK", "USERNAME", "USER_ID_FOR_SRP"])
        const answered = yield* send(() =>
          sdk.send(
            new RespondToAuthChallengeCommand({
              ClientId: clientId,
              ChallengeName: "PASSWORD_VERIFIER",
              ChallengeResponses: srp.answer({
                userPoolId,
                password,
                parameters: challenge.ChallengeParameters!,
                now: new Date(emulator.clock.unsafeCurrentTimeMillis())
              })
            })
          )
        )
        assert.strictEqual(claimsOf(answered.AuthenticationResult!.AccessToken!)["username"], username)

        const invited = uniqueName("invited")
        const temporary = "Temp0rary!"
        yield* send(() =>
          sdk.send(
            new AdminCreateUserCommand({
              UserPoolId: userPoolId,
              Username: invited,
              TemporaryPassword: temporary,
              MessageAction: "SUPPRESS",
              UserAttributes: [{ Name: "email", Value: `${invited}@example.com` }]
            })
          )
        )
        const required = yield* send(() => passwordSignIn(sdk, clientId, invited, temporary))
        assert.strictEqual(required.ChallengeName, "NEW_PASSWORD_REQUIRED")
        assert.isString(required.Session)
        const changed = yield* send(() =>
          sdk.send(
            new RespondToAuthChallengeCommand({
              ClientId: clientId,
              ChallengeName: "NEW_PASSWORD_REQUIRED",
              Session: required.Session!,
              ChallengeResponses: { USERNAME: invited, NEW_PASSWORD: "Chosen0rd!" }
            })
          )
        )
        assert.isString(changed.AuthenticationResult!.RefreshToken)
        assert.strictEqual((yield* send(() => sdk.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: invited })))).UserStatus, "CONFIRMED")
        assert.isString((yield* send(() => passwordSignIn(sdk, clientId, invited, "Chosen0rd!"))).AuthenticationResult!.AccessToken)
      }))
  })
})
