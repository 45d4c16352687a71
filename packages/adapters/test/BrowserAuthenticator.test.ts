import { assert, describe, it } from "@effect/vitest"
import * as BrowserAuthenticator from "@cognito-effect/adapters/BrowserAuthenticator"
import type * as Passkey from "@cognito-effect/domain/Passkey"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"

const bytes = (...values: Array<number>) => Uint8Array.from(values).buffer
const b64url = (data: ArrayBuffer | Uint8Array) => Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString("base64url")

const creation: Passkey.CreationOptions = {
  rp: { id: "localhost", name: "localhost" },
  user: { id: b64url(Buffer.from("3c46320b-7011-4ff5")), name: "james", displayName: "" },
  challenge: "zsBch6DlNLUb6SgRdzHysw",
  pubKeyCredParams: [{ type: "public-key", alg: -7 }],
  timeout: 60000,
  excludeCredentials: [{ type: "public-key", id: "AQID", transports: ["internal"] }],
  authenticatorSelection: { requireResidentKey: true, residentKey: "required", userVerification: "required" }
}

const request: Passkey.RequestOptions = {
  challenge: "9DAxgg4vPiaxvAxc-JbMuw",
  rpId: "localhost",
  allowCredentials: [{ id: "BAUG", type: "public-key" }],
  userVerification: "required"
}

/** A PublicKeyCredential from `create`, as Chromium shapes it. */
const attestationCredential = {
  id: "CgsM",
  rawId: bytes(10, 11, 12),
  type: "public-key",
  authenticatorAttachment: "platform",
  getClientExtensionResults: () => ({ credProps: { rk: true } }),
  response: {
    clientDataJSON: bytes(1),
    attestationObject: bytes(2, 2),
    getTransports: () => ["internal", "hybrid"],
    getPublicKeyAlgorithm: () => -7,
    getAuthenticatorData: () => bytes(3, 3, 3),
    getPublicKey: () => bytes(4)
  }
}

const assertionCredential = {
  id: "BAUG",
  rawId: bytes(4, 5, 6),
  type: "public-key",
  authenticatorAttachment: null,
  getClientExtensionResults: () => ({}),
  response: { clientDataJSON: bytes(7), authenticatorData: bytes(8), signature: bytes(9), userHandle: null }
}

interface Calls {
  create: Array<CredentialCreationOptions>
  get: Array<CredentialRequestOptions>
}

/** A page whose `navigator.credentials` does what `behave` says and records what it was given. */
const page = (
  behave: { readonly create?: () => Promise<unknown>; readonly get?: () => Promise<unknown> },
  overrides: Partial<BrowserAuthenticator.Platform> = {}
) => {
  const calls: Calls = { create: [], get: [] }
  const platform: BrowserAuthenticator.Platform = {
    isSecureContext: true,
    hasPublicKeyCredential: true,
    credentials: {
      create: (options?: CredentialCreationOptions) => {
        calls.create.push(options!)
        return (behave.create ?? (() => Promise.resolve(attestationCredential)))() as Promise<Credential | null>
      },
      get: (options?: CredentialRequestOptions) => {
        calls.get.push(options!)
        return (behave.get ?? (() => Promise.resolve(assertionCredential)))() as Promise<Credential | null>
      }
    },
    ...overrides
  }
  return { authenticator: BrowserAuthenticator.make(() => platform), calls }
}

const rejecting = (name: string) => () => Promise.reject(new DOMException("The platform said no.", name))

describe("BrowserAuthenticator", () => {
  it.effect("turns the JSON creation options into buffers and the credential into RegistrationResponseJSON", () =>
    Effect.gen(function* () {
      const { authenticator, calls } = page({})
      const response = yield* authenticator.create(creation)
      const publicKey = calls.create[0]!.publicKey!
      assert.strictEqual(b64url(publicKey.challenge as ArrayBuffer), creation.challenge)
      assert.strictEqual(Buffer.from(publicKey.user.id as ArrayBuffer).toString(), "3c46320b-7011-4ff5")
      assert.deepStrictEqual([...new Uint8Array(publicKey.excludeCredentials![0]!.id as ArrayBuffer)], [1, 2, 3])
      assert.deepStrictEqual(publicKey.excludeCredentials![0]!.transports, ["internal"])
      assert.deepStrictEqual(publicKey.authenticatorSelection, creation.authenticatorSelection)
      assert.strictEqual(publicKey.timeout, 60000)
      assert.instanceOf(calls.create[0]!.signal, AbortSignal)
      assert.deepStrictEqual(response, {
        id: "CgsM",
        rawId: "CgsM",
        type: "public-key",
        clientExtensionResults: { credProps: { rk: true } },
        authenticatorAttachment: "platform",
        response: {
          clientDataJSON: "AQ",
          attestationObject: "AgI",
          transports: ["internal", "hybrid"],
          publicKeyAlgorithm: -7,
          authenticatorData: "AwMD",
          publicKey: "BA"
        }
      })
    }))

  it.effect("turns the request options into buffers and the assertion into AuthenticationResponseJSON", () =>
    Effect.gen(function* () {
      const { authenticator, calls } = page({})
      const response = yield* authenticator.get(request)
      const publicKey = calls.get[0]!.publicKey!
      assert.strictEqual(b64url(publicKey.challenge as ArrayBuffer), request.challenge)
      assert.deepStrictEqual([...new Uint8Array(publicKey.allowCredentials![0]!.id as ArrayBuffer)], [4, 5, 6])
      assert.strictEqual(publicKey.userVerification, "required")
      assert.deepStrictEqual(response, {
        id: "BAUG",
        rawId: "BAUG",
        type: "public-key",
        clientExtensionResults: {},
        response: { clientDataJSON: "Bw", authenticatorData: "CA", signature: "CQ" }
      })
    }))

  it.effect("PasskeyNotSupported outside a browser, outside a secure context, or without the API", () =>
    Effect.gen(function* () {
      const unsupported = [
        BrowserAuthenticator.make(() => undefined),
        page({}, { isSecureContext: false }).authenticator,
        page({}, { credentials: undefined }).authenticator,
        page({}, { hasPublicKeyCredential: false }).authenticator
      ]
      for (const authenticator of unsupported) {
        assert.strictEqual((yield* Effect.flip(authenticator.create(creation))).code, "PasskeyNotSupported")
        assert.strictEqual((yield* Effect.flip(authenticator.get(request))).code, "PasskeyNotSupported")
      }
      // Node has no navigator.credentials: the default layer says so.
      assert.isFalse(BrowserAuthenticator.isSupported(BrowserAuthenticator.currentPlatform()))
    }))

  it.effect("gives the platform's refusals Amplify's names", () =>
    Effect.gen(function* () {
      const registration: ReadonlyArray<readonly [string, string]> = [
        ["NotAllowedError", "PasskeyRegistrationCanceled"],
        ["InvalidStateError", "PasskeyAlreadyExists"],
        ["SecurityError", "RelyingPartyMismatch"],
        ["AbortError", "PasskeyOperationAborted"],
        ["UnknownError", "Unknown"]
      ]
      for (const [name, code] of registration) {
        const error = yield* Effect.flip(page({ create: rejecting(name) }).authenticator.create(creation))
        assert.strictEqual(error.code, code, name)
        assert.strictEqual((error.cause as DOMException).name, name)
      }
      const authentication: ReadonlyArray<readonly [string, string]> = [
        ["NotAllowedError", "PasskeyAuthenticationCanceled"],
        ["SecurityError", "RelyingPartyMismatch"],
        ["AbortError", "PasskeyOperationAborted"]
      ]
      for (const [name, code] of authentication) {
        assert.strictEqual((yield* Effect.flip(page({ get: rejecting(name) }).authenticator.get(request))).code, code, name)
      }
    }))

  it.effect("no credential, or one without the response data, is PasskeyRegistrationFailed / PasskeyRetrievalFailed", () =>
    Effect.gen(function* () {
      const empty = page({ create: () => Promise.resolve(null), get: () => Promise.resolve(null) }).authenticator
      assert.strictEqual((yield* Effect.flip(empty.create(creation))).code, "PasskeyRegistrationFailed")
      assert.strictEqual((yield* Effect.flip(empty.get(request))).code, "PasskeyRetrievalFailed")
      const partial = page({
        create: () => Promise.resolve({ ...attestationCredential, response: { clientDataJSON: bytes(1) } }),
        get: () => Promise.resolve({ ...assertionCredential, response: { clientDataJSON: bytes(1), authenticatorData: bytes(2) } })
      }).authenticator
      assert.strictEqual((yield* Effect.flip(partial.create(creation))).code, "PasskeyRegistrationFailed")
      assert.strictEqual((yield* Effect.flip(partial.get(request))).code, "PasskeyRetrievalFailed")
    }))

  it.effect("options that are not base64url never reach the platform", () =>
    Effect.gen(function* () {
      const { authenticator, calls } = page({})
      const error = yield* Effect.flip(authenticator.create({ ...creation, challenge: "a" }))
      assert.strictEqual(error.code, "InvalidPasskeyRegistrationOptions")
      assert.strictEqual((yield* Effect.flip(authenticator.get({ ...request, allowCredentials: [{ id: "a", type: "public-key" }] }))).code, "InvalidPasskeyAuthenticationOptions")
      assert.deepStrictEqual(calls, { create: [], get: [] })
    }))

  it.effect("interrupting a ceremony aborts it", () =>
    Effect.gen(function* () {
      const started = yield* Deferred.make<void>()
      const { authenticator, calls } = page({
        get: () => {
          Effect.runSync(Deferred.succeed(started, undefined))
          return new Promise(() => {})
        }
      })
      const fiber = yield* Effect.fork(authenticator.get(request))
      yield* Deferred.await(started)
      yield* Fiber.interrupt(fiber)
      assert.isTrue(calls.get[0]!.signal!.aborted)
    }))
})
