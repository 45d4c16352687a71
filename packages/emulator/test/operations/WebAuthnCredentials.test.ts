import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Passkey from "@cognito-effect/domain/Passkey"
import * as Seed from "../../src/Seed.js"
import * as Store from "../../src/Store.js"
import { fails, makePool, ok, TestEmulator } from "../Harness.js"
import { attest, device, origin, passwordlessPool, register, signedInUser } from "../PasskeyClient.js"

const fromJson = (base64url: string) => JSON.parse(Buffer.from(base64url, "base64url").toString("utf8"))
const toBase64Url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

layer(TestEmulator.layer())("passkey registration and management", (it) => {
  describe("StartWebAuthnRegistration", () => {
    it.effect("answers creation options as a JSON object: RP id, user handle, both algorithms, a fresh challenge", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool()
        const { accessToken, email } = yield* signedInUser(userPoolId, clientId)
        const first = (yield* ok("StartWebAuthnRegistration", { AccessToken: accessToken })).CredentialCreationOptions
        const second = (yield* ok("StartWebAuthnRegistration", { AccessToken: accessToken })).CredentialCreationOptions
        assert.deepStrictEqual(first.rp, { id: "localhost", name: "localhost" })
        assert.strictEqual(first.user.name, email)
        const sub = (yield* ok("GetUser", { AccessToken: accessToken })).UserAttributes.find((a: { Name: string }) => a.Name === "sub").Value
        assert.strictEqual(Buffer.from(first.user.id, "base64url").toString("utf8"), sub)
        assert.deepStrictEqual(first.pubKeyCredParams, [
          { type: "public-key", alg: -7 },
          { type: "public-key", alg: -257 }
        ])
        assert.deepStrictEqual(first.authenticatorSelection, { requireResidentKey: true, residentKey: "required", userVerification: "preferred" })
        assert.deepStrictEqual(first.excludeCredentials, [])
        assert.match(first.challenge, /^[A-Za-z0-9_-]{43}$/)
        assert.notStrictEqual(first.challenge, second.challenge)
      }))

    it.effect("refuses pools without passkeys and callers without a valid token", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* makePool({}, { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] })
        const { accessToken } = yield* signedInUser(userPoolId, clientId)
        assert.deepStrictEqual(yield* fails("StartWebAuthnRegistration", { AccessToken: accessToken }), [
          "WebAuthnNotEnabledException",
          "WebAuthn is not enabled for this user pool."
        ])
        const [type] = yield* fails("StartWebAuthnRegistration", { AccessToken: "not.a.token" })
        assert.strictEqual(type, "NotAuthorizedException")
      }))
  })

  describe("CompleteWebAuthnRegistration", () => {
    it.effect("verifies and stores an ES256 passkey with none attestation; the next start excludes it", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool()
        const { accessToken } = yield* signedInUser(userPoolId, clientId)
        const authenticator = device()
        const id = yield* register(accessToken, authenticator)
        const listed = yield* ok("ListWebAuthnCredentials", { AccessToken: accessToken })
        assert.strictEqual(listed.Credentials.length, 1)
        const [credential] = listed.Credentials
        assert.strictEqual(credential.CredentialId, id)
        assert.strictEqual(credential.RelyingPartyId, "localhost")
        assert.strictEqual(credential.FriendlyCredentialName, "Passkey 1")
        assert.strictEqual(credential.AuthenticatorAttachment, "platform")
        assert.deepStrictEqual(credential.AuthenticatorTransports, ["internal"])
        assert.isNumber(credential.CreatedAt)
        // The passkey is part of the --data snapshot (a public key, nothing secret).
        const running = yield* TestEmulator
        const snapshot = Store.decodeSnapshot(Store.encodeSnapshot(running.emulator.store.toSnapshot()))
        const stored = snapshot.pools.flatMap((pool) => pool.users).flatMap((user) => user.passkeys ?? []).find((passkey) => passkey.credentialId === id)
        assert.deepStrictEqual([stored?.algorithm, stored?.signCount, stored?.relyingPartyId], [-7, 0, "localhost"])
        const again = (yield* ok("StartWebAuthnRegistration", { AccessToken: accessToken })).CredentialCreationOptions
        assert.deepStrictEqual(again.excludeCredentials, [{ type: "public-key", id, transports: ["internal"] }])
        // The same authenticator refuses to make a second passkey for the same account.
        const refused = yield* Effect.flip(authenticator.create(Either.getOrThrow(Passkey.decodeCreationOptions(again))))
        assert.strictEqual(refused.code, "PasskeyAlreadyExists")
      }))

    it.effect("accepts RS256 keys and packed self-attestation", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool()
        const { accessToken } = yield* signedInUser(userPoolId, clientId)
        yield* register(accessToken, device({ algorithm: "RS256", attestation: "packed" }))
        yield* register(accessToken, device({ algorithm: "ES256", attestation: "packed" }))
        const listed = yield* ok("ListWebAuthnCredentials", { AccessToken: accessToken })
        assert.deepStrictEqual(
          listed.Credentials.map((credential: { FriendlyCredentialName: string }) => credential.FriendlyCredentialName),
          ["Passkey 1", "Passkey 2"]
        )
      }))

    it.effect("refuses an answer to no registration, or to another client's, and a challenge it did not issue", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool()
        const { accessToken } = yield* signedInUser(userPoolId, clientId)
        const { credential } = yield* attest(accessToken, device())
        yield* ok("CompleteWebAuthnRegistration", { AccessToken: accessToken, Credential: credential })
        const [replayed] = yield* fails("CompleteWebAuthnRegistration", { AccessToken: accessToken, Credential: credential })
        assert.strictEqual(replayed, "WebAuthnChallengeNotFoundException")

        // A credential made for an older challenge: the newer start replaced it.
        const stale = yield* attest(accessToken, device())
        yield* ok("StartWebAuthnRegistration", { AccessToken: accessToken })
        const [mismatch] = yield* fails("CompleteWebAuthnRegistration", { AccessToken: accessToken, Credential: stale.credential })
        assert.strictEqual(mismatch, "WebAuthnChallengeNotFoundException")

        const other = yield* ok("CreateUserPoolClient", { UserPoolId: userPoolId, ClientName: "other", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] })
        const { credential: fresh } = yield* attest(accessToken, device())
        const elsewhere = yield* ok("InitiateAuth", {
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: other.UserPoolClient.ClientId,
          AuthParameters: { USERNAME: (yield* ok("GetUser", { AccessToken: accessToken })).Username, PASSWORD: "Passw0rd!" }
        })
        const [client] = yield* fails("CompleteWebAuthnRegistration", {
          AccessToken: elsewhere.AuthenticationResult.AccessToken,
          Credential: fresh
        })
        assert.strictEqual(client, "WebAuthnClientMismatchException")
      }))

    it.effect("refuses a wrong origin, another relying party, a missing user verification and a forged attestation", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool()
        const { accessToken } = yield* signedInUser(userPoolId, clientId)
        const complete = (credential: unknown) => fails("CompleteWebAuthnRegistration", { AccessToken: accessToken, Credential: credential })

        // With a none attestation nothing signs clientDataJSON: the origin check is all there is.
        const phished = yield* attest(accessToken, device())
        const data = fromJson(phished.credential.response.clientDataJSON)
        const [originType] = yield* complete({
          ...phished.credential,
          response: { ...phished.credential.response, clientDataJSON: toBase64Url({ ...data, origin: "https://localhost.attacker.example" }) }
        })
        assert.strictEqual(originType, "WebAuthnOriginNotAllowedException")

        const relying = yield* attest(accessToken, device())
        const clientData = fromJson(relying.credential.response.clientDataJSON)
        const tampered = { ...relying.credential, response: { ...relying.credential.response, clientDataJSON: toBase64Url({ ...clientData, type: "webauthn.get" }) } }
        const [typeError, typeMessage] = yield* complete(tampered)
        assert.strictEqual(typeError, "InvalidParameterException")
        assert.include(typeMessage, "webauthn.get")

        const forged = yield* attest(accessToken, device({ attestation: "packed" }))
        const attestation = Buffer.from(forged.credential.response.attestationObject, "base64url")
        attestation[attestation.length - 1] = attestation[attestation.length - 1]! ^ 0xff
        const [signatureError] = yield* complete({
          ...forged.credential,
          response: { ...forged.credential.response, attestationObject: attestation.toString("base64url") }
        })
        assert.strictEqual(signatureError, "InvalidParameterException")
      }))

    it.effect("with user verification required, refuses an authenticator that did not verify the user", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool()
        yield* ok("SetUserPoolMfaConfig", {
          UserPoolId: userPoolId,
          MfaConfiguration: "OFF",
          WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "required" }
        })
        const config = yield* ok("GetUserPoolMfaConfig", { UserPoolId: userPoolId })
        assert.deepStrictEqual(config.WebAuthnConfiguration, { RelyingPartyId: "localhost", UserVerification: "required" })
        const { accessToken } = yield* signedInUser(userPoolId, clientId)
        const options = (yield* ok("StartWebAuthnRegistration", { AccessToken: accessToken })).CredentialCreationOptions
        assert.strictEqual(options.authenticatorSelection.userVerification, "required")
        // An honest authenticator refuses; one that answers anyway without UV is refused by the pool.
        const unverified = device({ userVerified: false })
        const refused = yield* Effect.flip(unverified.create(options))
        assert.strictEqual(refused.code, "PasskeyRegistrationCanceled")
        const lax = yield* Effect.orDie(unverified.create({ ...options, authenticatorSelection: { userVerification: "preferred" } }))
        const [type, message] = yield* fails("CompleteWebAuthnRegistration", { AccessToken: accessToken, Credential: lax })
        assert.strictEqual(type, "InvalidParameterException")
        assert.include(message, "not verified")
      }))

    it.effect("a seeded pool accepts exactly its configured origins", () =>
      Effect.gen(function* () {
        const running = yield* TestEmulator
        const applied = yield* Seed.apply(running.emulator, {
          UserPools: [
            {
              PoolName: `origins-${Date.now()}`,
              Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
              WebAuthnConfiguration: { RelyingPartyId: "localhost" },
              WebAuthnOrigins: [origin],
              Clients: [{ ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH"] }]
            }
          ]
        })
        const { accessToken } = yield* signedInUser(applied.userPoolId!, applied.userPoolClientId!)
        yield* register(accessToken, device())
        const { credential } = yield* attest(accessToken, device({ origin: "http://localhost:3000" }))
        const [type] = yield* fails("CompleteWebAuthnRegistration", { AccessToken: accessToken, Credential: credential })
        assert.strictEqual(type, "WebAuthnOriginNotAllowedException")
      }))

    it.effect("another relying party id is a mismatch", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool()
        const { accessToken } = yield* signedInUser(userPoolId, clientId)
        const { credential, options } = yield* attest(accessToken, device({ origin: "http://auth.localhost:5173" }))
        yield* ok("SetUserPoolMfaConfig", {
          UserPoolId: userPoolId,
          MfaConfiguration: "OFF",
          WebAuthnConfiguration: { RelyingPartyId: "auth.localhost" }
        })
        assert.strictEqual(options.rp.id, "localhost")
        const [type] = yield* fails("CompleteWebAuthnRegistration", { AccessToken: accessToken, Credential: credential })
        assert.strictEqual(type, "WebAuthnRelyingPartyMismatchException")
      }))

    it.effect("refuses what is not a RegistrationResponseJSON", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool()
        const { accessToken } = yield* signedInUser(userPoolId, clientId)
        yield* ok("StartWebAuthnRegistration", { AccessToken: accessToken })
        const [type] = yield* fails("CompleteWebAuthnRegistration", { AccessToken: accessToken, Credential: { id: "x" } })
        assert.strictEqual(type, "InvalidParameterException")
      }))
  })

  describe("ListWebAuthnCredentials and DeleteWebAuthnCredential", () => {
    it.effect("pages with NextToken, refuses more than 20 per page, deletes by id", () =>
      Effect.gen(function* () {
        const { userPoolId, clientId } = yield* passwordlessPool()
        const { accessToken } = yield* signedInUser(userPoolId, clientId)
        const ids: Array<string> = []
        for (let i = 0; i < 3; i++) ids.push(yield* register(accessToken, device()))
        const first = yield* ok("ListWebAuthnCredentials", { AccessToken: accessToken, MaxResults: 2 })
        assert.deepStrictEqual(first.Credentials.map((c: { CredentialId: string }) => c.CredentialId), ids.slice(0, 2))
        assert.isString(first.NextToken)
        const second = yield* ok("ListWebAuthnCredentials", { AccessToken: accessToken, MaxResults: 2, NextToken: first.NextToken })
        assert.deepStrictEqual(second.Credentials.map((c: { CredentialId: string }) => c.CredentialId), ids.slice(2))
        assert.isUndefined(second.NextToken)
        const [tooMany] = yield* fails("ListWebAuthnCredentials", { AccessToken: accessToken, MaxResults: 21 })
        assert.strictEqual(tooMany, "InvalidParameterException")
        const [badToken] = yield* fails("ListWebAuthnCredentials", { AccessToken: accessToken, NextToken: "nope" })
        assert.strictEqual(badToken, "InvalidParameterException")

        assert.deepStrictEqual(yield* ok("DeleteWebAuthnCredential", { AccessToken: accessToken, CredentialId: ids[1] }), {})
        const after = yield* ok("ListWebAuthnCredentials", { AccessToken: accessToken })
        assert.deepStrictEqual(after.Credentials.map((c: { CredentialId: string }) => c.CredentialId), [ids[0], ids[2]])
        const [missing] = yield* fails("DeleteWebAuthnCredential", { AccessToken: accessToken, CredentialId: ids[1] })
        assert.strictEqual(missing, "ResourceNotFoundException")
      }))
  })
})
