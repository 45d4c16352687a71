import { assert, describe, it } from "@effect/vitest"
import { assertSome } from "@effect/vitest/utils"
import * as Cookies from "@cognito-effect/adapters/CookieStorage"
import { KeyValueStorage } from "@cognito-effect/domain/services/KeyValueStorage"
import { CookieStorage as AmplifyV5CookieStorage } from "amazon-cognito-identity-js"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { Window } from "happy-dom"

const sameSiteError = "The sameSite value of cookieStorage must be \"lax\", \"strict\" or \"none\"."
const noneNeedsSecure = "sameSite = None requires the Secure attribute in latest browser versions."

const accessKey = "CognitoIdentityServiceProvider.5m1d1cgfm1h0vs3ahkq0jcd7rb.alice@example.com.accessToken"
const accessToken = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJhbGljZSJ9.c2ln"

/** A page on https://app.example.com, closed when the scope ends. */
const page = Effect.acquireRelease(
  Effect.sync(() => new Window({ url: "https://app.example.com/account" })),
  (window) => Effect.promise(() => window.happyDOM.close())
)

const documentOf = (window: Window) => window.document as unknown as Cookies.CookieDocument

/** Runs `f` with `globalThis.document` set, as js-cookie (inside amazon-cognito-identity-js) reads it. */
const withGlobalDocument = <A>(document: Cookies.CookieDocument, f: () => A): A => {
  const scope = globalThis as { document?: unknown }
  const previous = scope.document
  scope.document = document
  try {
    return f()
  } finally {
    if (previous === undefined) delete scope.document
    else scope.document = previous
  }
}

describe("CookieStorage", () => {
  describe("options", () => {
    it("applies Amplify's defaults", () => {
      const storage = new Cookies.CookieStorage()
      assert.strictEqual(storage.path, "/")
      assert.strictEqual(storage.expires, 365)
      assert.strictEqual(storage.secure, true)
      assert.isUndefined(storage.sameSite)
      assert.isUndefined(storage.domain)
      const explicit = new Cookies.CookieStorage({ path: "", expires: undefined, secure: false, domain: "example.com" })
      assert.strictEqual(explicit.path, "/")
      assert.isUndefined(explicit.expires, "an explicit undefined means session cookies")
      assert.strictEqual(explicit.secure, false)
      assert.strictEqual(explicit.domain, "example.com")
    })

    it("throws Amplify's errors for a bad sameSite", () => {
      assert.throws(() => new Cookies.CookieStorage({ sameSite: "bogus" as Cookies.SameSite }), sameSiteError)
      assert.throws(() => new Cookies.CookieStorage({ sameSite: undefined }), sameSiteError)
      assert.throws(() => new Cookies.CookieStorage({ sameSite: "none", secure: false }), noneNeedsSecure)
      assert.throws(() => new Cookies.CookieStorage({ sameSite: "none", secure: undefined }), noneNeedsSecure)
      assert.strictEqual(new Cookies.CookieStorage({ sameSite: "none" }).sameSite, "none")
      assert.strictEqual(new Cookies.CookieStorage({ sameSite: "lax", secure: false }).sameSite, "lax")
    })

    it.effect("the Layer fails with the same error", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Layer.build(Cookies.layer({ sameSite: "none", secure: false })).pipe(Effect.scoped))
        assert.strictEqual(error.message, noneNeedsSecure)
      }))
  })

  describe("codec", () => {
    const now = Date.UTC(2025, 0, 15, 12, 0, 0)

    it("formats a document.cookie assignment the way js-cookie does for Amplify", () => {
      const attributes = Either.getOrThrow(Cookies.resolveCookieAttributes({ domain: "example.com", sameSite: "strict" }))
      assert.strictEqual(
        Cookies.formatDocumentCookie(accessKey, `{"oauthSignIn":true}`, attributes, now),
        "CognitoIdentityServiceProvider.5m1d1cgfm1h0vs3ahkq0jcd7rb.alice@example.com.accessToken={%22oauthSignIn%22:true}" +
          "; path=/; expires=Thu, 15 Jan 2026 12:00:00 GMT; domain=example.com; secure; sameSite=strict"
      )
      const removal = Cookies.formatDocumentCookie("a=b c", "", { ...attributes, expires: -1, secure: false }, now)
      assert.strictEqual(removal, "a%3Db%20c=; path=/; expires=Tue, 14 Jan 2025 12:00:00 GMT; domain=example.com; sameSite=strict")
      const sessionCookie = Either.getOrThrow(Cookies.resolveCookieAttributes({ expires: undefined, path: "/app;evil=1" }))
      assert.strictEqual(Cookies.formatDocumentCookie("k", "v;w", sessionCookie, now), "k=v%3Bw; path=/app; secure")
    })

    it("parses a Cookie header, decoding names and values, first cookie of a name wins", () => {
      const header = "a%3Db=1;b=x%20y%E2%82%AC ;  c; d={%22k%22:1}; bad=%E0%A4%A; a%3Db=2"
      assert.deepStrictEqual(Cookies.parseCookieHeader(header), [
        { name: "a=b", value: "1" },
        { name: "b", value: "x y€" },
        { name: "c", value: "" },
        { name: "d", value: `{"k":1}` },
        { name: "bad", value: "%E0%A4%A" },
        { name: "a=b", value: "2" }
      ])
      assertSome(Cookies.getCookie(header, "a=b"), "1")
      assert.isTrue(Option.isNone(Cookies.getCookie(header, "missing")))
      assert.deepStrictEqual(Cookies.parseCookieHeader(""), [])
    })

    it("serializes a Set-Cookie header", () => {
      assert.strictEqual(
        Cookies.serializeSetCookie(accessKey, accessToken, {
          domain: "example.com",
          path: "/",
          expires: new Date(now),
          maxAge: 31536000.7,
          httpOnly: true,
          secure: true,
          sameSite: "lax"
        }),
        `${accessKey}=${accessToken}; Domain=example.com; Path=/; Expires=Wed, 15 Jan 2025 12:00:00 GMT; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax`
      )
      assert.strictEqual(Cookies.serializeSetCookie("k", "v", { sameSite: true }), "k=v; SameSite=Strict")
      assert.strictEqual(Cookies.serializeSetCookie("k", "v", { sameSite: false, path: "/\r\nSet-Cookie: x=y" }), "k=v; Path=/")
    })

    it("round-trips any name and value through the codec", () =>
      FastCheck.assert(
        FastCheck.property(
          FastCheck.string({ unit: "grapheme", minLength: 1 }),
          FastCheck.string({ unit: "grapheme" }),
          (name, value) => {
            const header = `${Cookies.encodeCookieName(name)}=${Cookies.encodeCookieValue(value)}`
            assert.deepStrictEqual(Cookies.parseCookieHeader(`other=1; ${header}`)[1], { name, value })
          }
        )
      ))
  })

  describe("interop with Amplify's js-cookie storage", () => {
    it.scoped("reads cookies Amplify wrote and writes cookies Amplify reads", () =>
      Effect.gen(function*() {
        const window = yield* page
        const document = documentOf(window)
        const amplify = new AmplifyV5CookieStorage({ domain: "app.example.com", secure: true, sameSite: "lax" })
        const ours = new Cookies.CookieStorage({ domain: "app.example.com", sameSite: "lax" }, { document })
        yield* Effect.promise(() =>
          FastCheck.assert(
            FastCheck.asyncProperty(
            FastCheck.string({ unit: "grapheme", minLength: 1 }),
            FastCheck.string({ unit: "grapheme" }),
            async (name, value) => {
              withGlobalDocument(document, () => amplify.setItem(`${name}.fromAmplify`, value))
              assert.strictEqual(await ours.getItem(`${name}.fromAmplify`), value)
              await ours.setItem(`${name}.fromUs`, value)
              assert.strictEqual(withGlobalDocument(document, () => amplify.getItem(`${name}.fromUs`)), value)
              await ours.clear()
            }
          ),
            { numRuns: 60 }
          )
        )
      }))
  })

  describe("class over document.cookie", () => {
    it.scoped("sets, gets, removes and clears", () =>
      Effect.gen(function*() {
        const document = documentOf(yield* page)
        const storage = new Cookies.CookieStorage({ sameSite: "strict" }, { document })
        yield* Effect.promise(async () => {
          assert.isNull(await storage.getItem(accessKey))
          await storage.setItem(accessKey, accessToken)
          await storage.setItem("CognitoIdentityServiceProvider.c.LastAuthUser", "alice@example.com")
          assert.strictEqual(await storage.getItem(accessKey), accessToken)
          await storage.removeItem(accessKey)
          assert.isNull(await storage.getItem(accessKey))
          document.cookie = "unrelated=1; path=/"
          await storage.clear()
          assert.strictEqual(document.cookie, "", "clear removes every cookie the page sees, as Amplify does")
        })
      }))

    it.scoped("writes session cookies when expires is explicitly undefined", () =>
      Effect.gen(function*() {
        const assignments: Array<string> = []
        const document = { get cookie() { return "" }, set cookie(value: string) { assignments.push(value) } }
        const storage = new Cookies.CookieStorage({ expires: undefined, secure: false }, { document, now: () => 0 })
        yield* Effect.promise(() => storage.setItem("k", "v"))
        assert.deepStrictEqual(assignments, ["k=v; path=/"])
      }))
  })

  describe("Layer", () => {
    it.live("round-trips through the KeyValueStorage port, expiry from the Clock", () =>
      Effect.gen(function*() {
        const window = yield* page
        const document = documentOf(window)
        const storage = yield* Effect.provide(KeyValueStorage, Cookies.layer({ document, expires: 1 }))
        assert.isTrue(Option.isNone(yield* storage.getItem(accessKey)))
        yield* storage.setItem(accessKey, accessToken)
        yield* storage.setItem("k2", "{\"oauthSignIn\":true}")
        assertSome(yield* storage.getItem(accessKey), accessToken)
        assertSome(yield* storage.getItem("k2"), "{\"oauthSignIn\":true}")
        yield* storage.removeItem(accessKey)
        assert.isTrue(Option.isNone(yield* storage.getItem(accessKey)))
        yield* storage.clear
        assert.strictEqual(document.cookie, "")
      }).pipe(Effect.scoped))

    it.live("fails when the browser does not keep the cookie", () =>
      Effect.gen(function*() {
        const document = documentOf(yield* page)
        const storage = yield* Effect.provide(KeyValueStorage, Cookies.layer({ document, domain: "other.example.org" }))
        const error = yield* Effect.flip(storage.setItem(accessKey, accessToken))
        assert.strictEqual(error.operation, "setItem")
        assert.strictEqual(error.key, accessKey)
        assert.notInclude(error.message, accessToken)
      }).pipe(Effect.scoped))

    it.effect("without a document reads nothing and refuses writes", () =>
      Effect.gen(function*() {
        assert.isUndefined((globalThis as { document?: unknown }).document)
        const storage = yield* Effect.provide(KeyValueStorage, Cookies.layer())
        assert.isTrue(Option.isNone(yield* storage.getItem("k")))
        const error = yield* Effect.flip(storage.setItem("k", "v"))
        assert.strictEqual(error._tag, "StorageError")
        yield* storage.clear
        const plain = new Cookies.CookieStorage()
        yield* Effect.promise(async () => {
          await plain.setItem("k", "v")
          assert.isNull(await plain.getItem("k"))
        })
      }))

    it.effect("a document that throws on access becomes a StorageError", () =>
      Effect.gen(function*() {
        const document = {
          get cookie(): string {
            throw new DOMException("sandboxed", "SecurityError")
          },
          set cookie(_: string) {
            throw new DOMException("sandboxed", "SecurityError")
          }
        }
        const storage = yield* Effect.provide(KeyValueStorage, Cookies.layer({ document }))
        const read = yield* Effect.flip(storage.getItem("k"))
        const write = yield* Effect.flip(storage.setItem("k", "v"))
        assert.deepStrictEqual([read.operation, write.operation], ["getItem", "setItem"])
      }))
  })
})
