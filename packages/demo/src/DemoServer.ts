/**
 * The demo's web server: bundles the page (`page/app.ts`, the facade, Effect) for the browser with
 * esbuild at start-up and serves it with the emulator's coordinates on 127.0.0.1.
 */
import * as esbuild from "esbuild"
import { existsSync, readFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import * as HostedUiClient from "./HostedUiClient.js"

/** Where the emulator the page should talk to runs. */
export interface EmulatorCoordinates {
  readonly endpoint: string
  readonly userPoolId: string
  readonly userPoolClientId: string
}

export interface DemoServer {
  readonly url: string
  readonly close: () => Promise<void>
}

/** The package folder, found from this module whether it runs from `src/` or `dist/src/`. */
const packageRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir)
  return dir
}

/** Bundles the page for browsers: the facade resolves its browser platform (BigInt SRP). */
export const bundlePage = async (): Promise<string> => {
  const result = await esbuild.build({
    entryPoints: [join(packageRoot(), "src", "page", "app.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@cognito-effect/source"],
    minify: true,
    write: false,
    logLevel: "silent"
  })
  return result.outputFiles[0]!.text
}

export const startDemoServer = async (
  emulator: EmulatorCoordinates,
  options: { readonly port?: number; readonly host?: string } = {}
): Promise<DemoServer> => {
  const html = readFileSync(join(packageRoot(), "src", "page", "index.html"), "utf8")
  const script = await bundlePage()
  let config = JSON.stringify(emulator)
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" })
      response.end(body)
    }
    if (path === "/" || path === "/index.html") return send(200, "text/html; charset=utf-8", html)
    if (path === "/app.js") return send(200, "text/javascript; charset=utf-8", script)
    if (path === "/config.json") return send(200, "application/json", config)
    return send(404, "text/plain", "not found")
  })
  const host = options.host ?? "127.0.0.1"
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, resolve)
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${host}:${port}/`
  // The page's own address becomes a callback URL of the hosted UI.
  try {
    config = JSON.stringify({ ...emulator, ...(await HostedUiClient.register(emulator, url)) })
  } catch (error) {
    server.close()
    throw error
  }
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
