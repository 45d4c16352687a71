import { assert, describe, it } from "@effect/vitest"
import { assertNone, assertSome } from "@effect/vitest/utils"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as fc from "fast-check"
import { TransportError } from "@cognito-effect/domain/AuthError"
import * as OAuth from "@cognito-effect/domain/OAuth"
import {
  InvalidOriginException,
  InvalidPreferredRedirectUrlException,
  InvalidRedirectException,
  OAuthTokenError
} from "@cognito-effect/domain/OAuthError"
import { countingRandom } from "./steps/OAuthTestLayer.js"

const page = (url: string) => OAuth.locationOf(url)

describe("PKCE", () => {
  it("computes the S256 challenge of RFC 7636 Appendix B", () => {
    assert.strictEqual(OAuth.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
  })

  it("gives 43 base64url characters without padding for any verifier", () =>
    fc.assert(
      fc.property(fc.string({ minLength: 43, maxLength: 128 }), (verifier) => {
        assert.match(OAuth.codeChallenge(verifier), /^[A-Za-z0-9_-]{43}$/)
      })
    ))
})

describe("random strings", () => {
  it.effect("draws alphanumerics of the asked length", () =>
    Effect.gen(function* () {
      const state = yield* OAuth.randomString(OAuth.stateLength)
      const verifier = yield* OAuth.randomString(OAuth.verifierLength)
      assert.match(state, /^[A-Za-z0-9]{32}$/)
      assert.match(verifier, /^[A-Za-z0-9]{128}$/)
      // counting bytes 0, 1, 2, … map onto the alphabet in order
      assert.strictEqual(state, OAuth.alphanumeric.slice(0, 32))
    }).pipe(Effect.provide(countingRandom)))

  it("skips the bytes that would bias the draw", () => {
    // 248..255 are rejected (256 mod 62 = 8): only 0 and 61 are used
    assert.strictEqual(OAuth.drawCharacters(Uint8Array.from([248, 0, 255, 61]), 5), "A9")
    assert.strictEqual(OAuth.drawCharacters(Uint8Array.from([1, 2, 3]), 2, "x"), "xB")
  })
})

describe("state", () => {
  it("appends the custom state as hex after a dash, as Amplify does for ASCII", () => {
    assert.strictEqual(OAuth.makeState("abc", "to=/cart?x=1"), "abc-746f3d2f636172743f783d31")
    assert.strictEqual(OAuth.makeState("abc"), "abc")
    assert.strictEqual(OAuth.makeState("abc", ""), "abc")
    assertSome(OAuth.customStateOf("abc-746f3d2f636172743f783d31"), "to=/cart?x=1")
    assertNone(OAuth.customStateOf("abc"))
    assertNone(OAuth.customStateOf("abc-zz"))
  })

  it("round-trips any custom state, beyond Latin-1 too", () =>
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1 }), (custom) => {
        const state = OAuth.makeState("R4nd0m", custom)
        assert.match(state, /^R4nd0m-[0-9a-f]+$/)
        assertSome(OAuth.customStateOf(state), custom)
      })
    ))
})

describe("origin", () => {
  it("uses http:// for loopback domains only", () => {
    assert.strictEqual(OAuth.origin("127.0.0.1:9229"), "http://127.0.0.1:9229")
    assert.strictEqual(OAuth.origin("localhost:1234"), "http://localhost:1234")
    assert.strictEqual(OAuth.origin("auth.localhost"), "http://auth.localhost")
    assert.strictEqual(OAuth.origin("[::1]:8443"), "http://[::1]:8443")
    assert.strictEqual(OAuth.origin("my-app.auth.us-east-1.amazoncognito.com"), "https://my-app.auth.us-east-1.amazoncognito.com")
    assert.strictEqual(OAuth.origin("localhost.example.com"), "https://localhost.example.com")
    assert.strictEqual(OAuth.origin("128.0.0.1"), "https://128.0.0.1")
  })

  it("never speaks http to a remote domain, and speaks https to a loopback one that says so", () => {
    assert.strictEqual(OAuth.origin("http://auth.example.com/"), "https://auth.example.com")
    assert.strictEqual(OAuth.origin("https://127.0.0.1:9229"), "https://127.0.0.1:9229")
    assert.strictEqual(OAuth.origin("http://127.0.0.1:9229"), "http://127.0.0.1:9229")
  })
})

describe("redirectUrl (Amplify's getRedirectUrl)", () => {
  const redirects = ["https://other.example.com/", "https://app.example.com/a/callback", "https://app.example.com/"]

  it("prefers the URL that starts with the page's origin and path", () => {
    assert.deepStrictEqual(OAuth.redirectUrl(redirects, page("https://app.example.com/a/callback?code=1")), Either.right("https://app.example.com/a/callback"))
    // a prefix match, first one wins: at the root, the callback listed first is taken
    assert.deepStrictEqual(OAuth.redirectUrl(redirects, page("https://app.example.com/")), Either.right("https://app.example.com/a/callback"))
  })

  it("falls back to the first URL containing the host name", () => {
    assert.deepStrictEqual(OAuth.redirectUrl(redirects, page("https://app.example.com/elsewhere")), Either.right("https://app.example.com/a/callback"))
  })

  it("refuses when only other origins are configured", () => {
    const result = OAuth.redirectUrl(["https://other.example.com/", "http://third.example.com/"], page("https://app.example.com/"))
    assert.instanceOf(Either.getLeft(result).pipe(Option.getOrThrow), InvalidOriginException)
    const error = Either.getLeft(result).pipe(Option.getOrThrow)
    assert.strictEqual(error.amplifyName, "InvalidOriginException")
    assert.strictEqual(error.message, "redirect is coming from a different origin. The oauth flow needs to be initiated from the same origin")
  })

  it("refuses when nothing usable is configured", () => {
    for (const list of [[], ["myapp://callback"]]) {
      const error = Either.getLeft(OAuth.redirectUrl(list, page("https://app.example.com/"))).pipe(Option.getOrThrow)
      assert.instanceOf(error, InvalidRedirectException)
      assert.strictEqual(error.message, "signInRedirect or signOutRedirect had an invalid format or was not found.")
    }
  })

  it("takes a preferred URL only when it is configured exactly", () => {
    assert.deepStrictEqual(OAuth.redirectUrl(redirects, page("https://x.example/"), "https://other.example.com/"), Either.right("https://other.example.com/"))
    const error = Either.getLeft(OAuth.redirectUrl(redirects, page("https://app.example.com/"), "https://app.example.com")).pipe(Option.getOrThrow)
    assert.instanceOf(error, InvalidPreferredRedirectUrlException)
    assert.strictEqual(error.recoverySuggestion, "Please make sure a matching preferredRedirectUrl is provided.")
  })
})

describe("authorizeUrl", () => {
  const base = {
    domain: "auth.example.com",
    clientId: "3n4b5urk1ft4fl3mg5e62d9ado",
    redirectUri: "https://app.example.com/callback",
    responseType: "code" as const,
    scopes: ["openid", "email", "aws.cognito.signin.user.admin"],
    state: "AbC-6869",
    codeVerifier: Redacted.make("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
  }

  it("writes Amplify's parameters in Amplify's order", () => {
    assert.strictEqual(
      OAuth.authorizeUrl({ ...base, loginHint: "ada@example.com", lang: "pt-BR", nonce: "n-0S6", prompt: "SELECT_ACCOUNT" }),
      "https://auth.example.com/oauth2/authorize?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&response_type=code" +
        "&client_id=3n4b5urk1ft4fl3mg5e62d9ado&identity_provider=COGNITO&scope=openid+email+aws.cognito.signin.user.admin" +
        "&login_hint=ada%40example.com&lang=pt-BR&nonce=n-0S6&prompt=select_account&state=AbC-6869" +
        "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    )
  })

  it("names providers as Cognito knows them", () => {
    const provider = (p: OAuth.Provider) => new URL(OAuth.authorizeUrl({ ...base, provider: p })).searchParams
    assert.strictEqual(provider("Google").get("identity_provider"), "Google")
    assert.strictEqual(provider("Facebook").get("identity_provider"), "Facebook")
    assert.strictEqual(provider("Amazon").get("identity_provider"), "LoginWithAmazon")
    assert.strictEqual(provider("Apple").get("identity_provider"), "SignInWithApple")
    assert.strictEqual(provider({ custom: "CorpOIDC" }).get("identity_provider"), "CorpOIDC")
    const idp = provider({ idpIdentifier: "example.com" })
    assert.strictEqual(idp.get("idp_identifier"), "example.com")
    assert.isFalse(idp.has("identity_provider"))
  })

  it("leaves the provider out for prompt NONE without one, and PKCE out of the implicit flow", () => {
    const none = new URL(OAuth.authorizeUrl({ ...base, prompt: "NONE" })).searchParams
    assert.isFalse(none.has("identity_provider"))
    assert.strictEqual(none.get("prompt"), "none")
    const implicit = new URL(OAuth.authorizeUrl({ ...base, responseType: "token" })).searchParams
    assert.isFalse(implicit.has("code_challenge"))
    assert.isFalse(implicit.has("code_challenge_method"))
  })

  it("speaks http:// to a loopback emulator", () => {
    assert.isTrue(OAuth.authorizeUrl({ ...base, domain: "127.0.0.1:9229" }).startsWith("http://127.0.0.1:9229/oauth2/authorize?"))
  })
})

describe("parseCallback", () => {
  it("reads the code and state of the code flow", () => {
    const callback = OAuth.parseCallback("https://app.example.com/callback?code=3f1c0a6e-9d1b&state=AbC-6869", "code")
    assert.strictEqual(callback._tag, "Code")
    if (callback._tag === "Code") {
      assert.strictEqual(Redacted.value(callback.code), "3f1c0a6e-9d1b")
      assert.strictEqual(callback.state, "AbC-6869")
    }
  })

  it("fails with the provider's description, or the error code", () => {
    assert.deepStrictEqual(
      OAuth.parseCallback("https://app.example.com/callback?error_description=User+denied+consent&error=access_denied&state=x", "code"),
      { _tag: "Failed", message: "User denied consent" }
    )
    assert.deepStrictEqual(OAuth.parseCallback("https://app.example.com/callback?error=invalid_scope", "code"), {
      _tag: "Failed",
      message: "invalid_scope"
    })
  })

  it("reads a page without code or state as a cancelled flow", () => {
    for (const url of ["https://app.example.com/callback", "https://app.example.com/callback?code=abc", "https://app.example.com/callback?state=abc"]) {
      assert.deepStrictEqual(OAuth.parseCallback(url, "code"), { _tag: "Failed", message: "User cancelled OAuth flow." })
    }
  })

  it("reads the implicit flow's fragment", () => {
    const callback = OAuth.parseCallback(
      "https://app.example.com/callback#id_token=eyJ.a.b&access_token=eyJ.c.d&token_type=Bearer&expires_in=3600&state=AbC",
      "token"
    )
    assert.strictEqual(callback._tag, "Tokens")
    if (callback._tag === "Tokens") {
      assert.strictEqual(Redacted.value(callback.result.AccessToken!), "eyJ.c.d")
      assert.strictEqual(Redacted.value(callback.result.IdToken!), "eyJ.a.b")
      assert.strictEqual(callback.result.ExpiresIn, 3600)
      assert.strictEqual(callback.state, "AbC")
    }
    assert.deepStrictEqual(OAuth.parseCallback("https://app.example.com/callback#state=AbC", "token"), {
      _tag: "Failed",
      message: "No access token returned from OAuth flow."
    })
  })

  it("tells a hosted-UI answer from any other page", () => {
    assert.isTrue(OAuth.carriesResponse("https://app.example.com/?code=1&state=2"))
    assert.isTrue(OAuth.carriesResponse("https://app.example.com/?error=access_denied"))
    assert.isTrue(OAuth.carriesResponse("https://app.example.com/#access_token=x"))
    assert.isFalse(OAuth.carriesResponse("https://app.example.com/?next=/code"))
  })
})

describe("the token endpoint", () => {
  it("form-encodes the code exchange in Amplify's order", () => {
    const request = OAuth.tokenRequest("auth.example.com", "3n4b5urk1ft4fl3mg5e62d9ado", {
      grantType: "authorization_code",
      code: Redacted.make("3f1c0a6e-9d1b"),
      redirectUri: "https://app.example.com/callback",
      codeVerifier: Redacted.make("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    })
    assert.strictEqual(request.url, "https://auth.example.com/oauth2/token")
    assert.strictEqual(
      Redacted.value(request.body),
      "grant_type=authorization_code&code=3f1c0a6e-9d1b&client_id=3n4b5urk1ft4fl3mg5e62d9ado" +
        "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    )
    assert.notInclude(String(request.body), "dBjftJeZ4CVP")
  })

  it("form-encodes a refresh", () => {
    const request = OAuth.tokenRequest("localhost:9229", "abc", { grantType: "refresh_token", refreshToken: Redacted.make("r/+=") })
    assert.strictEqual(request.url, "http://localhost:9229/oauth2/token")
    assert.strictEqual(Redacted.value(request.body), "grant_type=refresh_token&client_id=abc&refresh_token=r%2F%2B%3D")
  })

  it("decodes Cognito's answer", () => {
    const decoded = OAuth.decodeTokenResponse(
      200,
      `{"id_token":"eyJ.i.d","access_token":"eyJ.a.c","refresh_token":"eyJ.r.t","expires_in":3600,"token_type":"Bearer"}`
    )
    const response = Either.getOrThrow(decoded)
    assert.strictEqual(Redacted.value(response.access_token), "eyJ.a.c")
    const result = OAuth.authenticationResult(response)
    assert.strictEqual(Redacted.value(result.RefreshToken!), "eyJ.r.t")
    assert.strictEqual(result.TokenType, "Bearer")
  })

  it("decodes OAuth errors, with their description when there is one", () => {
    const error = Either.getLeft(OAuth.decodeTokenResponse(400, `{"error":"invalid_grant"}`)).pipe(Option.getOrThrow)
    assert.instanceOf(error, OAuthTokenError)
    if (error instanceof OAuthTokenError) {
      assert.strictEqual(error.error, "invalid_grant")
      assert.strictEqual(error.message, "invalid_grant")
      assert.strictEqual(error.httpStatusCode, 400)
    }
    const described = Either.getLeft(
      OAuth.decodeTokenResponse(400, `{"error":"invalid_grant","error_description":"Code verifier does not match"}`)
    ).pipe(Option.getOrThrow)
    assert.strictEqual(described.message, "Code verifier does not match")
  })

  it("reads an HTML error page or a token-less answer as an invalid response, never a SyntaxError", () => {
    for (const [status, body] of [[502, "<html><body>Bad Gateway</body></html>"], [200, `{"token_type":"Bearer"}`], [500, "{}"]] as const) {
      const error = Either.getLeft(OAuth.decodeTokenResponse(status, body)).pipe(Option.getOrThrow)
      assert.instanceOf(error, TransportError)
      if (error instanceof TransportError) {
        assert.strictEqual(error.reason, "InvalidResponse")
        assert.strictEqual(error.httpStatusCode, status)
      }
    }
  })
})

describe("logoutUrl", () => {
  it("sends only client_id and the encoded logout_uri", () => {
    assert.strictEqual(
      OAuth.logoutUrl("auth.example.com", "3n4b5urk1ft4fl3mg5e62d9ado", "https://app.example.com/signed-out?x=1"),
      "https://auth.example.com/logout?client_id=3n4b5urk1ft4fl3mg5e62d9ado&logout_uri=https%3A%2F%2Fapp.example.com%2Fsigned-out%3Fx%3D1"
    )
  })
})
