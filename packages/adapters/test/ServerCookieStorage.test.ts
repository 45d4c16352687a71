import { assert, describe, it } from "@effect/vitest"
import * as Cookies from "@cognito-effect/adapters/CookieStorage"
import * as ServerCookies from "@cognito-effect/adapters/ServerCookieStorage"
import * as Effect from "effect/Effect"
import { Window } from "happy-dom"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

const prefix = "CognitoIdentityServiceProvider.5m1d1cgfm1h0vs3ahkq0jcd7rb"
const accessKey = `${prefix}.alice@example.com.accessToken`
const lastUserKey = `${prefix}.LastAuthUser`
const accessToken = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJhbGljZSJ9.c2ln"

const webRequest = (cookie?: string) =>
  new Request("https://app.example.com/profile", cookie === undefined ? {} : { headers: { cookie } })

describe("ServerCookieStorage", () => {
  describe("createKeyValueStorageFromCookieStorageAdapter", () => {
    it.effect("reads the request's cookies under the storage keys", () =>
      Effect.promise(async () => {
        const headers = new Headers()
        const request = webRequest(`theme=dark; ${Cookies.encodeCookieName(accessKey)}=${accessToken}; ${lastUserKey}=alice%40example.com`)
        const storage = ServerCookies.createKeyValueStorageFromCookieStorageAdapter(
          ServerCookies.createCookieStorageAdapterFromRequest(request, headers)
        )
        assert.strictEqual(await storage.getItem(accessKey), accessToken)
        assert.strictEqual(await storage.getItem(lastUserKey), "alice@example.com")
        assert.isNull(await storage.getItem(`${prefix}.alice@example.com.idToken`))
        assert.deepStrictEqual(headers.getSetCookie(), [])
      }))

    it.effect("writes with Amplify's defaults: SameSite=Lax, Secure, Path=/, a year's Max-Age", () =>
      Effect.promise(async () => {
        const headers = new Headers()
        const storage = ServerCookies.createKeyValueStorageFromCookieStorageAdapter(
          ServerCookies.createCookieStorageAdapterFromRequest(webRequest(), headers)
        )
        await storage.setItem(accessKey, accessToken)
        assert.deepStrictEqual(headers.getSetCookie(), [`${accessKey}=${accessToken}; Path=/; Max-Age=31536000; Secure; SameSite=Lax`])
      }))

    it.effect("lets setCookieOptions override the defaults; an explicit expiry replaces Max-Age", () =>
      Effect.promise(async () => {
        const headers = new Headers()
        const adapter = ServerCookies.createCookieStorageAdapterFromRequest(webRequest(), headers)
        const expires = new Date("2031-01-02T03:04:05Z")
        await ServerCookies.createKeyValueStorageFromCookieStorageAdapter(adapter, undefined, {
          httpOnly: true,
          secure: false,
          sameSite: "strict",
          domain: "example.com"
        }).setItem("a", "1")
        await ServerCookies.createKeyValueStorageFromCookieStorageAdapter(adapter, undefined, { expires }).setItem("b", "2")
        assert.deepStrictEqual(headers.getSetCookie(), [
          "a=1; Domain=example.com; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict",
          "b=2; Path=/; Expires=Thu, 02 Jan 2031 03:04:05 GMT; Secure; SameSite=Lax"
        ])
      }))

    it.effect("deletes before it sets, as Amplify does, so an app's own adapter also expires the cookie on other paths", () =>
      Effect.promise(async () => {
        const calls: Array<string> = []
        const adapter: ServerCookies.Adapter = {
          get: () => undefined,
          getAll: () => [],
          set: (name, value) => void calls.push(`set ${name}=${value}`),
          delete: (name) => void calls.push(`delete ${name}`)
        }
        await ServerCookies.createKeyValueStorageFromCookieStorageAdapter(adapter).setItem("a", "1")
        assert.deepStrictEqual(calls, ["delete a", "set a=1"])
      }))

    it.effect("sees its own writes and removals, sending one Set-Cookie per cookie", () =>
      Effect.promise(async () => {
        const headers = new Headers({ "set-cookie": "theme=dark; Path=/" })
        const storage = ServerCookies.createKeyValueStorageFromCookieStorageAdapter(
          ServerCookies.createCookieStorageAdapterFromRequest(webRequest(`${lastUserKey}=bob`), headers)
        )
        await storage.setItem(accessKey, "first")
        await storage.setItem(accessKey, "second")
        assert.strictEqual(await storage.getItem(accessKey), "second")
        await storage.removeItem(lastUserKey)
        assert.isNull(await storage.getItem(lastUserKey))
        headers.append("set-cookie", "later=1")
        await storage.setItem(accessKey, "third")
        assert.deepStrictEqual(headers.getSetCookie(), [
          "theme=dark; Path=/",
          "later=1",
          `${accessKey}=third; Path=/; Max-Age=31536000; Secure; SameSite=Lax`,
          `${lastUserKey}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0`
        ])
      }))

    it.effect("reads null when the validator refuses the value, and refuses clear as Amplify does", () =>
      Effect.promise(async () => {
        const storage = ServerCookies.createKeyValueStorageFromCookieStorageAdapter(
          ServerCookies.createCookieStorageAdapterFromRequest(webRequest(`${accessKey}=forged`), new Headers()),
          { getItem: async (_key, value) => value !== "forged" }
        )
        assert.isNull(await storage.getItem(accessKey))
        const error = await storage.clear().then(() => undefined, (e: unknown) => e)
        assert.instanceOf(error, Error)
        assert.strictEqual((error as Error).message, "This method has not implemented.")
      }))

    it.effect("lists the request's cookies with the changes applied", () =>
      Effect.sync(() => {
        const adapter = ServerCookies.createCookieStorageAdapterFromRequest(webRequest("a=1; b=2"), new Headers())
        adapter.set("c", "3")
        adapter.delete("a")
        assert.deepStrictEqual(adapter.getAll(), [{ name: "b", value: "2" }, { name: "c", value: "3" }])
      }))
  })

  describe("a browser sharing the session", () => {
    it.scoped("reads with Amplify's CookieStorage what the server wrote, and the server reads what it wrote", () =>
      Effect.gen(function* () {
        const window = yield* Effect.acquireRelease(
          Effect.sync(() => new Window({ url: "https://app.example.com/" })),
          (w) => Effect.promise(() => w.happyDOM.close())
        )
        const document = window.document as unknown as Cookies.CookieDocument
        const browser = new Cookies.CookieStorage({ sameSite: "lax" }, { document })

        const headers = new Headers()
        const server = ServerCookies.createKeyValueStorageFromCookieStorageAdapter(
          ServerCookies.createCookieStorageAdapterFromRequest(webRequest(), headers)
        )
        yield* Effect.promise(() => server.setItem(lastUserKey, "alice@example.com"))
        yield* Effect.promise(() => server.setItem(accessKey, accessToken))
        for (const header of headers.getSetCookie()) document.cookie = header
        assert.strictEqual(yield* Effect.promise(() => browser.getItem(accessKey)), accessToken)
        assert.strictEqual(yield* Effect.promise(() => browser.getItem(lastUserKey)), "alice@example.com")

        yield* Effect.promise(() => browser.setItem(`${prefix}.alice@example.com.clockDrift`, "-42"))
        const next = ServerCookies.createKeyValueStorageFromCookieStorageAdapter(
          ServerCookies.createCookieStorageAdapterFromRequest(webRequest(document.cookie), new Headers())
        )
        assert.strictEqual(yield* Effect.promise(() => next.getItem(`${prefix}.alice@example.com.clockDrift`)), "-42")
        assert.strictEqual(yield* Effect.promise(() => next.getItem(accessKey)), accessToken)
      }))
  })

  describe("Node adapter", () => {
    const serve = (handler: Http.RequestListener) =>
      Effect.acquireRelease(
        Effect.async<Http.Server>((resume) => {
          const server = Http.createServer(handler)
          server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
        }),
        (server) =>
          Effect.async<void>((resume) => {
            server.close(() => resume(Effect.void))
          })
      ).pipe(Effect.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`))

    it.scoped("reads the Cookie header and writes Set-Cookie headers to the ServerResponse", () =>
      Effect.gen(function* () {
        const url = yield* serve((request, response) => {
          response.setHeader("set-cookie", ["theme=dark; Path=/"])
          const storage = ServerCookies.createKeyValueStorageFromCookieStorageAdapter(
            ServerCookies.createCookieStorageAdapterFromNodeRequest(request, response),
            undefined,
            { httpOnly: true, secure: ServerCookies.secureFor(ServerCookies.nodeRequestOrigin(request)) }
          )
          void (async () => {
            const user = await storage.getItem(lastUserKey)
            await storage.setItem(accessKey, `token-for-${user}`)
            await storage.removeItem(lastUserKey)
            response.end(user ?? "nobody")
          })()
        })
        const response = yield* Effect.promise(() => fetch(`${url}/`, { headers: { cookie: `${lastUserKey}=alice%40example.com` } }))
        assert.strictEqual(yield* Effect.promise(() => response.text()), "alice@example.com")
        assert.deepStrictEqual(response.headers.getSetCookie(), [
          "theme=dark; Path=/",
          `${accessKey}=token-for-alice@example.com; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`,
          `${lastUserKey}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0`
        ])
      }))

    it.scoped("fails a write once the headers are sent, instead of losing it silently", () =>
      Effect.gen(function* () {
        let failure: unknown
        const url = yield* serve((request, response) => {
          const storage = ServerCookies.createKeyValueStorageFromCookieStorageAdapter(
            ServerCookies.createCookieStorageAdapterFromNodeRequest(request, response)
          )
          response.writeHead(200)
          storage.setItem(accessKey, accessToken).then(
            () => response.end("written"),
            (error: unknown) => {
              failure = error
              response.end("refused")
            }
          )
        })
        const response = yield* Effect.promise(() => fetch(`${url}/`))
        assert.strictEqual(yield* Effect.promise(() => response.text()), "refused")
        assert.match(String(failure), /already sent/)
      }))
  })

  describe("origins", () => {
    it("knows loopback hosts", () => {
      for (const host of ["localhost", "app.localhost", "127.0.0.1", "127.8.9.10", "[::1]", "::1", "LOCALHOST."]) {
        assert.isTrue(ServerCookies.isLoopbackHost(host), host)
      }
      for (const host of ["example.com", "localhost.example.com", "10.0.0.1", "128.0.0.1", "[::2]", "127.0.0.1.nip.io"]) {
        assert.isFalse(ServerCookies.isLoopbackHost(host), host)
      }
    })

    it("makes cookies Secure except over plain http to loopback", () => {
      assert.isFalse(ServerCookies.secureFor(ServerCookies.webRequestOrigin(new Request("http://127.0.0.1:3000/"))))
      assert.isFalse(ServerCookies.secureFor(ServerCookies.webRequestOrigin(new Request("http://localhost/"))))
      assert.isTrue(ServerCookies.secureFor(ServerCookies.webRequestOrigin(new Request("https://localhost/"))))
      assert.isTrue(ServerCookies.secureFor(ServerCookies.webRequestOrigin(new Request("http://app.example.com/"))))
      assert.isFalse(ServerCookies.secureFor(ServerCookies.nodeRequestOrigin({ headers: { host: "127.0.0.1:8080" } })))
      assert.isTrue(ServerCookies.secureFor(ServerCookies.nodeRequestOrigin({ headers: { host: "app.example.com" } })))
      assert.isTrue(
        ServerCookies.secureFor(ServerCookies.nodeRequestOrigin({ headers: { host: "localhost:8443" }, socket: { encrypted: true } }))
      )
    })
  })
})
