import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { TransportError } from "@cognito-effect/domain/AuthError"
import * as OAuth from "@cognito-effect/domain/OAuth"
import { OAuthTokenError } from "@cognito-effect/domain/OAuthError"
import * as OAuthFetchClient from "@cognito-effect/adapters/OAuthFetchClient"
import * as WireServer from "./utils/WireServer.js"

const json = (status: number, body: unknown): WireServer.Reply => ({
  status,
  headers: { "content-type": "application/json;charset=UTF-8" },
  body: JSON.stringify(body)
})

const exchange = (url: string) =>
  OAuth.tokenRequest(new URL(url).host, "localclient123", {
    grantType: "authorization_code",
    code: Redacted.make("0f8c2d1e-5b7a-4c3e-9a1d-2e3f4a5b6c7d"),
    redirectUri: "http://127.0.0.1:5173/",
    codeVerifier: Redacted.make("K".repeat(128))
  })

describe("OAuthFetchClient", () => {
  it.scoped("posts the form to /oauth2/token and decodes the tokens", () =>
    Effect.gen(function* () {
      const server = yield* WireServer.make(() =>
        json(200, { id_token: "eyJ.aWQ.c2ln", access_token: "eyJ.YWNj.c2ln", refresh_token: "ref", expires_in: 3600, token_type: "Bearer" })
      )
      const response = yield* OAuthFetchClient.make().token(exchange(server.url))
      assert.strictEqual(Redacted.value(response.access_token), "eyJ.YWNj.c2ln")
      assert.strictEqual(response.expires_in, 3600)
      const [request] = yield* server.requests
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.url, "/oauth2/token")
      assert.strictEqual(request?.headers["content-type"], "application/x-www-form-urlencoded")
      assert.strictEqual(
        request?.body,
        `grant_type=authorization_code&code=0f8c2d1e-5b7a-4c3e-9a1d-2e3f4a5b6c7d&client_id=localclient123&redirect_uri=http%3A%2F%2F127.0.0.1%3A5173%2F&code_verifier=${"K".repeat(128)}`
      )
    }))

  it.scoped("turns the endpoint's OAuth error into OAuthTokenError, and sends it once", () =>
    Effect.gen(function* () {
      const server = yield* WireServer.make(() => json(400, { error: "invalid_grant", error_description: "Invalid code verifier." }))
      const error = yield* Effect.flip(OAuthFetchClient.make().token(exchange(server.url)))
      assert.instanceOf(error, OAuthTokenError)
      if (error instanceof OAuthTokenError) {
        assert.strictEqual(error.error, "invalid_grant")
        assert.strictEqual(error.message, "Invalid code verifier.")
        assert.strictEqual(error.httpStatusCode, 400)
      }
      assert.strictEqual((yield* server.requests).length, 1)
    }))

  it.scoped("reads a proxy's HTML page as an invalid response", () =>
    Effect.gen(function* () {
      const server = yield* WireServer.make(() => ({ status: 502, headers: { "content-type": "text/html" }, body: "<html>Bad Gateway</html>" }))
      const error = yield* Effect.flip(OAuthFetchClient.make().token(exchange(server.url)))
      assert.instanceOf(error, TransportError)
      if (error instanceof TransportError) assert.strictEqual(error.reason, "InvalidResponse")
    }))

  it.scopedLive("gives up after the timeout and aborts the request", () =>
    Effect.gen(function* () {
      const server = yield* WireServer.make(() => "hang")
      const error = yield* Effect.flip(OAuthFetchClient.make({ timeout: "200 millis" }).token(exchange(server.url)))
      assert.instanceOf(error, TransportError)
      if (error instanceof TransportError) assert.strictEqual(error.reason, "Timeout")
      yield* server.closed
    }), { timeout: 10_000 })

  it.live("reports an unreachable endpoint as a network error", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(OAuthFetchClient.make().token(exchange("http://127.0.0.1:1/")))
      assert.instanceOf(error, TransportError)
      if (error instanceof TransportError) assert.strictEqual(error.reason, "Network")
    }))

  it("refreshes hosted-UI sessions through GetTokensFromRefreshToken unless told otherwise", () => {
    assert.strictEqual(OAuthFetchClient.make().refreshVia, "GetTokensFromRefreshToken")
    assert.strictEqual(OAuthFetchClient.make({ refreshVia: "TokenEndpoint" }).refreshVia, "TokenEndpoint")
  })
})
