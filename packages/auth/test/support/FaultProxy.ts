/**
 * Test support: a recording, fault-injecting HTTP proxy on 127.0.0.1 (random port) in front of the
 * emulator. It records every AWS JSON request (operation, body, headers), and answers chosen
 * operations with a fault instead of forwarding them: a dropped connection, no answer at all, or a
 * canned status and body (a JSON error envelope, a proxy's HTML page).
 */
import * as NodeHttp from "node:http"
import type { AddressInfo } from "node:net"

/** What the proxy does with a request for a faulted operation. */
export type Fault =
  | { readonly kind: "drop" }
  | { readonly kind: "hang" }
  | { readonly kind: "reply"; readonly status: number; readonly body: string; readonly headers?: Record<string, string> }

/** Cognito's JSON error envelope. */
export const jsonError = (status: number, type: string, message: string): Fault => ({
  kind: "reply",
  status,
  headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": `${type}:` },
  body: JSON.stringify({ __type: type, message })
})

/** What a load balancer in front of Cognito sends when the service is down. */
export const htmlPage = (status: number): Fault => ({
  kind: "reply",
  status,
  headers: { "content-type": "text/html" },
  body: `<html><head><title>${status} Service Temporarily Unavailable</title></head><body><center><h1>${status} Service Temporarily Unavailable</h1></center></body></html>`
})

export interface Recorded {
  /** `GetTokensFromRefreshToken`, `GetId`, … */
  readonly operation: string
  readonly body: string
  /** as they reached the proxy (names lower-case), and so the emulator */
  readonly headers: Readonly<Record<string, string>>
}

export interface FaultProxy {
  readonly endpoint: string
  readonly requests: ReadonlyArray<Recorded>
  /** How many requests for `operation` arrived (faulted ones included). */
  readonly count: (operation: string) => number
  /** Faults `operation` until `heal`. */
  readonly fail: (operation: string, fault: Fault) => void
  readonly heal: () => void
  readonly reset: () => void
  readonly stop: () => Promise<void>
}

const operationOf = (target: string | Array<string> | undefined): string => {
  const value = Array.isArray(target) ? target[0] : target
  return value?.split(".").at(-1) ?? ""
}

export const startProxy = async (upstream: string): Promise<FaultProxy> => {
  const requests: Array<Recorded> = []
  const faults = new Map<string, Fault>()
  const hanging = new Set<NodeHttp.ServerResponse>()

  const server = NodeHttp.createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8")
      const operation = operationOf(request.headers["x-amz-target"])
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string" && name !== "host" && name !== "content-length" && name !== "connection") headers[name] = value
      }
      if (request.method === "POST") requests.push({ operation, body, headers })
      const fault = faults.get(operation)
      if (fault?.kind === "drop") {
        request.socket.destroy()
        return
      }
      if (fault?.kind === "hang") {
        hanging.add(response)
        response.on("close", () => hanging.delete(response))
        return
      }
      if (fault?.kind === "reply") {
        response.writeHead(fault.status, fault.headers ?? {})
        response.end(fault.body)
        return
      }
      fetch(`${upstream}${request.url ?? "/"}`, { method: request.method ?? "POST", headers, ...(request.method === "POST" ? { body } : {}) })
        .then(async (answer) => {
          const text = await answer.text()
          const out: Record<string, string> = {}
          answer.headers.forEach((value, name) => {
            if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection" && name !== "keep-alive") out[name] = value
          })
          response.writeHead(answer.status, out)
          response.end(text)
        })
        .catch(() => request.socket.destroy())
    })
  })
  server.keepAliveTimeout = 1_000
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    count: (operation) => requests.filter((r) => r.operation === operation).length,
    fail: (operation, fault) => {
      faults.set(operation, fault)
    },
    heal: () => {
      faults.clear()
      for (const response of hanging) response.destroy()
    },
    reset: () => {
      requests.length = 0
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
