/**
 * A browser bundle of the facade keeps only the steps an app imports: each global function binds
 * its own step with `@__PURE__` calls all the way down (a pure call whose argument is an
 * unannotated call is kept, so one missing annotation drags every step in). Bundled from the
 * sources with esbuild, as an app's bundler would.
 */
import * as esbuild from "esbuild"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

/** The domain steps (`steps/<name>`) a minified browser bundle of `source` contains. */
const stepsIn = async (source: string): Promise<ReadonlyArray<string>> => {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: packageDir, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions: ["@cognito-effect/source"],
    write: false,
    metafile: true,
    outfile: "app.js",
    logLevel: "silent"
  })
  const inputs = Object.entries(result.metafile.outputs["app.js"]!.inputs)
  return inputs
    .filter(([path, input]) => /\/domain\/src\/steps\//.test(path) && input.bytesInOutput > 0)
    .map(([path]) => path.replace(/.*\/steps\/(.*)\.ts$/, "$1"))
    .sort()
}

describe("tree shaking of the facade", () => {
  it("keeps only the steps of the functions an app imports", async () => {
    expect(await stepsIn(`import { Amplify, signIn } from "@cognito-effect/auth"; Amplify.configure({}); globalThis.app = signIn`)).toEqual(["signIn"])
    expect(await stepsIn(`import { fetchDevices, updatePassword } from "@cognito-effect/auth"; globalThis.app = [fetchDevices, updatePassword]`)).toEqual([
      "fetchDevices",
      "updatePassword"
    ])
  }, 60_000)

  it("signInWithRedirect brings the listener that completes the redirect, and nothing of MFA or devices", async () => {
    const steps = await stepsIn(`import { signInWithRedirect } from "@cognito-effect/auth"; globalThis.app = signInWithRedirect`)
    expect(steps).toContain("signInWithRedirect")
    expect(steps).toContain("completeSignInWithRedirect")
    expect(steps).not.toContain("confirmSignIn")
    expect(steps).not.toContain("fetchDevices")
  }, 60_000)

  it("keeps every step for createAuth, whose instance has every function", async () => {
    const steps = await stepsIn(`import { createAuth } from "@cognito-effect/auth"; globalThis.app = createAuth`)
    expect(steps).toContain("signIn")
    expect(steps).toContain("fetchDevices")
    expect(steps.length).toBeGreaterThan(25)
  }, 60_000)
})
