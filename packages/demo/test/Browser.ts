/**
 * Test support: Debian's Chromium driven by playwright-core (no browser download), headless, with
 * the flags this machine's closed network needs.
 */
import { existsSync } from "node:fs"
import { type Browser, chromium } from "playwright-core"

export const chromiumPath = "/usr/bin/chromium"

export const launch = (): Promise<Browser> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run 'apt-get install chromium' (npm test does it as root)`)
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  })
}
