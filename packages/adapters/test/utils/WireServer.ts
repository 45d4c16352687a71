/**
 * A real `node:http` server on 127.0.0.1 (random port) that records every request and answers
 * from a script: what the transport tests talk to instead of Cognito.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"

/** One request as the server saw it. */
export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: Http.IncomingHttpHeaders
  readonly body: string
}

/** An answer, or `hang` (never answer), or `destroy` (drop the connection). */
export type Reply =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  | "hang"
  | "destroy"

export interface WireServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly requests: Effect.Effect<ReadonlyArray<Recorded>>
  /** Completes when the first request has arrived. */
  readonly received: Effect.Effect<void>
  /** Completes when the connection of a hanging request is closed by the client. */
  readonly closed: Effect.Effect<void>
}

const requestId = (index: number) => `a3c5e0f2-7b1d-4e8a-9c6f-${String(index).padStart(12, "0")}`

/** A Cognito success: JSON 1.1 content type and a request id. */
export const ok = (body: unknown, headers: Record<string, string> = {}): Reply => ({
  status: 200,
  headers: { "content-type": "application/x-amz-json-1.1", ...headers },
  body: JSON.stringify(body)
})

/** A Cognito error envelope, as real Cognito sends it (header with a trailing `:`). */
export const serviceError = (status: number, type: string, message: string): Reply => ({
  status,
  headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": `${type}:` },
  body: JSON.stringify({ __type: type, message })
})

export const make = (
  reply: (request: Recorded, index: number) => Reply
): Effect.Effect<WireServer, never, Scope.Scope> =>
  Effect.gen(function* () {
    const received = yield* Deferred.make<void>()
    const closed = yield* Deferred.make<void>()
    const requests: Array<Recorded> = []
    const server = Http.createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const recorded: Recorded = {
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8")
        }
        const index = requests.push(recorded) - 1
        Deferred.unsafeDone(received, Effect.void)
        const answer = reply(recorded, index)
        if (answer === "hang") {
          res.on("close", () => Deferred.unsafeDone(closed, Effect.void))
          return
        }
        if (answer === "destroy") {
          req.socket.destroy()
          return
        }
        res.writeHead(answer.status, { "x-amzn-requestid": requestId(index), ...answer.headers })
        res.end(answer.body ?? "")
      })
    })
    yield* Effect.acquireRelease(
      Effect.async<void>((resume) => {
        server.listen(0, "127.0.0.1", () => resume(Effect.void))
      }),
      () =>
        Effect.async<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    const { port } = server.address() as AddressInfo
    return {
      url: `http://127.0.0.1:${port}`,
      requests: Effect.sync(() => [...requests]),
      received: Deferred.await(received),
      closed: Deferred.await(closed)
    }
  })

/** The request id the server put on its `index`-th answer. */
export const requestIdOf = requestId
