/**
 * A plain `node:http` server (no framework) that keeps the session on the server, in HttpOnly
 * cookies with Amplify's names:
 *
 * - `GET /sign-in`, `POST /sign-in` — a form; the server signs in (SRP, with the app client's
 *   secret when it has one) and sets the session cookies;
 * - `GET /profile` — a protected page (Amplify ≤ 6.20's `runWithAmplifyServerContext`);
 * - `GET /api/me` — a protected JSON route (Amplify 6.21's context argument), which also verifies
 *   the access token against the pool's JWKS;
 * - `POST /sign-out`.
 *
 * Each request gets its own auth context over its own cookies; an expiring session is refreshed
 * on the server and the new cookies go out with the response.
 */
import {
  createServerRunner,
  createTokenVerifierFromConfig,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  signIn,
  signOut
} from "@cognito-effect/auth/server"
import type * as Clock from "effect/Clock"
import type * as Redacted from "effect/Redacted"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { profilePage, signInPage } from "./Pages.js"

export interface ExampleServerOptions {
  /** Amplify's configuration of the app client the server signs in with */
  readonly config: unknown
  /** that app client's secret, if it has one: it stays on the server */
  readonly clientSecret?: Redacted.Redacted<string>
  /** the clock sessions are judged by (tests pass the emulator's) */
  readonly clock?: Clock.Clock
  readonly port?: number
  /** default `127.0.0.1` */
  readonly host?: string
  /** one line per request: method, path, status */
  readonly log?: (line: string) => void
}

export interface ExampleServer {
  readonly url: string
  readonly close: () => Promise<void>
}

const maxBody = 16 * 1024

const readBody = (request: Http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = ""
    request.setEncoding("utf8")
    request.on("data", (chunk: string) => {
      body += chunk
      if (body.length > maxBody) request.destroy(new Error("The request body is too large."))
    })
    request.on("end", () => resolve(body))
    request.on("error", reject)
  })

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : "Unknown")

export const startExampleServer = async (options: ExampleServerOptions): Promise<ExampleServer> => {
  const clock = options.clock === undefined ? {} : { clock: options.clock }
  const runner = createServerRunner({
    config: options.config,
    cookies: { httpOnly: true },
    ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
    ...clock
  })
  const verifier = createTokenVerifierFromConfig(options.config, "access", clock)

  const send = (response: Http.ServerResponse, status: number, type: string, body: string) => {
    response.writeHead(status, { "content-type": type, "cache-control": "no-store" })
    response.end(body)
  }
  const html = (response: Http.ServerResponse, status: number, body: string) => send(response, status, "text/html; charset=utf-8", body)
  const json = (response: Http.ServerResponse, status: number, body: unknown) => send(response, status, "application/json", JSON.stringify(body))
  const redirect = (response: Http.ServerResponse, location: string) => {
    response.writeHead(303, { location, "cache-control": "no-store" })
    response.end()
  }

  const routes: Record<string, (request: Http.IncomingMessage, response: Http.ServerResponse) => Promise<void>> = {
    "GET /": async (_request, response) => redirect(response, "/profile"),

    "GET /sign-in": async (_request, response) => html(response, 200, signInPage()),

    "POST /sign-in": async (request, response) => {
      const form = new URLSearchParams(await readBody(request))
      const outcome = await runner.runWithAmplifyServerContext({
        request,
        response,
        operation: async (contextSpec) => {
          // Another account signing in on this browser replaces the session.
          if ((await fetchAuthSession(contextSpec)).tokens !== undefined) await signOut(contextSpec)
          return signIn(contextSpec, { username: form.get("username") ?? "", password: form.get("password") ?? "" }).then(
            (output) => ({ output }),
            (error: Error) => ({ error })
          )
        }
      })
      if ("error" in outcome) return html(response, 401, signInPage({ name: outcome.error.name, message: outcome.error.message }))
      if (!outcome.output.isSignedIn) {
        const step = outcome.output.nextStep.signInStep
        return html(response, 401, signInPage({ name: step, message: `This example does not handle the ${step} step.` }))
      }
      redirect(response, "/profile")
    },

    "GET /profile": async (request, response) => {
      const page = await runner.runWithAmplifyServerContext({
        request,
        response,
        operation: async (contextSpec) => {
          const user = await getCurrentUser(contextSpec)
          const attributes = await fetchUserAttributes(contextSpec)
          return profilePage({ username: user.username, userId: user.userId, email: attributes.email })
        }
      }).catch((error: unknown) => {
        if (nameOf(error) === "UserUnAuthenticatedException") return undefined
        throw error
      })
      if (page === undefined) return redirect(response, "/sign-in")
      html(response, 200, page)
    },

    "GET /api/me": async (request, response) => {
      const context = runner.createContext({ request, response })
      const session = await fetchAuthSession(context)
      if (session.tokens === undefined) return json(response, 401, { error: "UserUnAuthenticatedException" })
      const claims = await verifier.verify(session.tokens.accessToken.toString())
      const user = await getCurrentUser(context)
      const attributes = await fetchUserAttributes(context)
      json(response, 200, { username: user.username, userId: user.userId, sub: claims.sub, email: attributes.email })
    },

    "POST /sign-out": async (request, response) => {
      await readBody(request)
      await runner.runWithAmplifyServerContext({ request, response, operation: (contextSpec) => signOut(contextSpec) })
      redirect(response, "/sign-in")
    }
  }

  const server = Http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname
    const route = routes[`${request.method} ${path}`]
    response.on("finish", () => options.log?.(`${request.method} ${path} → ${response.statusCode}`))
    if (route === undefined) return send(response, 404, "text/plain; charset=utf-8", "Not found")
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy()
      const name = nameOf(error)
      // Only what the user may know goes out: the error's name, never its cause or the session.
      if (name === "UserUnAuthenticatedException") return json(response, 401, { error: name })
      json(response, 500, { error: name })
    })
  })
  const host = options.host ?? "127.0.0.1"
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
