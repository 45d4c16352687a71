/**
 * Test support for the browser tests: an emulator, the demo server on it and Chromium, started
 * once per test file by `useDemo()` and stopped after it. The bindings are live: read them inside
 * tests, after `beforeAll` ran.
 */
import { start, type Running, type StartOptions } from "@cognito-effect/emulator/Server"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll } from "vitest"
import { type DemoServer, startDemoServer } from "../src/DemoServer.js"
import { launch } from "./Browser.js"

export let emulator: Running
export let demo: DemoServer
export let browser: Browser

export const useDemo = (options: StartOptions = {}) => {
  beforeAll(async () => {
    emulator = await start({ port: 0, ...options })
    demo = await startDemoServer(emulator)
    browser = await launch()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await demo?.close()
    await emulator?.stop()
  })
}
