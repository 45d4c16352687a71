/**
 * Test support: a `fetch` over `node:https` that trusts exactly one certificate (the emulator's
 * self-signed one under `tls: true`), so tests verify TLS instead of switching verification off.
 * Redirects are not followed (as `redirect: "manual"`).
 */
import * as NodeHttps from "node:https"

export const trusting = (ca: string): typeof globalThis.fetch => (input, init) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const headers = Object.fromEntries(new Headers(init?.headers).entries())
    const body = init?.body === undefined || init.body === null ? undefined : String(init.body)
    const request = NodeHttps.request(url, { method: init?.method ?? "GET", headers, ca }, (response) => {
      const chunks: Array<Buffer> = []
      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("end", () => {
        const status = response.statusCode ?? 500
        const answerHeaders = new Headers()
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(", ") : value)
        }
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: answerHeaders }))
      })
    })
    init?.signal?.addEventListener("abort", () => request.destroy(new DOMException("The operation was aborted.", "AbortError")))
    request.on("error", reject)
    request.end(body)
  })
