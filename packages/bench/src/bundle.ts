/**
 * Browser bundle size: esbuild (bundle, minify, ESM, `platform: "browser"`, the
 * `@cognito-effect/source` condition) then gzip level 9 with `node:zlib`. Entries are generated
 * here and call every import, so nothing is tree-shaken away:
 *
 * - the seven auth APIs of a sign-up / sign-in app, ours against `aws-amplify`'s, and the share
 *   of ours that is Effect itself (from esbuild's metafile, gzip estimated proportionally);
 * - one Cognito call through `CognitoHttpClient` (`@effect/platform`) against `CognitoFetchClient`.
 *
 * @since 0.1.0
 */
import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import * as esbuild from "esbuild"
import { amplifyVersion } from "./Reference.js"
import * as Table from "./Table.js"

/** The command line that reproduces this family's rows. @since 0.1.0 */
export const reproduce = "npm run bench -- --only bundle"

const isThisPackage = (dir: string): boolean => {
  const manifest = join(dir, "package.json")
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "@cognito-effect/bench"
}

/** The folder of this package (from `src/` or `dist/src/`), where entries resolve their imports. */
const packageRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!isThisPackage(dir)) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error("cannot find the @cognito-effect/bench package folder")
    dir = parent
  }
  return dir
}

/** The sizes of one bundle. @since 0.1.0 */
export interface Size {
  readonly minified: number
  readonly gzip: number
  /** Bytes of the minified output that come from each package under `node_modules` (by name). */
  readonly byPackage: ReadonlyMap<string, number>
  /** Sum of every input's bytes in the output (the whole minus esbuild's own glue). */
  readonly inputBytes: number
}

/** `node_modules/effect/dist/…` → `effect`, `…/node_modules/@effect/platform/…` → `@effect/platform`. */
const packageOf = (input: string): string => {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, "/"))
  return match?.[1] ?? "(workspace)"
}

/** Bundles `source` (an ES module) as a browser bundle and measures it. @since 0.1.0 */
export const measure = async (source: string): Promise<Size> => {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: packageRoot(), sourcefile: "bench-entry.js", loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions: ["@cognito-effect/source"],
    outfile: "bench-entry.out.js",
    write: false,
    metafile: true,
    logLevel: "silent"
  })
  const output = result.outputFiles.find((file) => file.path.endsWith(".js"))
  if (output === undefined) throw new Error("esbuild produced no JavaScript")
  const byPackage = new Map<string, number>()
  let inputBytes = 0
  for (const meta of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
      const name = packageOf(input)
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
      inputBytes += bytesInOutput
    }
  }
  return { minified: output.contents.byteLength, gzip: gzipSync(output.contents, { level: 9 }).byteLength, byPackage, inputBytes }
}

/** The gzip bytes attributable to `packageName`, in proportion to its share of the minified output. @since 0.1.0 */
export const estimatedGzipShare = (size: Size, packageName: string): number =>
  size.inputBytes === 0 ? 0 : (size.gzip * (size.byPackage.get(packageName) ?? 0)) / size.inputBytes

/**
 * The sign-up / sign-in app: configure, then the six calls, from `configureFrom` and `apisFrom`.
 * @since 0.1.0
 */
export const authEntry = (configureFrom: string, apisFrom: string): string => `
import { Amplify } from ${JSON.stringify(configureFrom)}
import { signUp, signIn, confirmSignIn, getCurrentUser, fetchAuthSession, signOut } from ${JSON.stringify(apisFrom)}

Amplify.configure({ Auth: { Cognito: { userPoolId: "us-east-1_Bench01", userPoolClientId: "benchclient0000000000000000" } } })

globalThis.benchApp = async (username, password) => {
  await signUp({ username, password, options: { userAttributes: { email: username } } })
  const { nextStep } = await signIn({ username, password })
  if (nextStep.signInStep !== "DONE") await confirmSignIn({ challengeResponse: "123456" })
  const user = await getCurrentUser()
  const session = await fetchAuthSession()
  await signOut()
  return [user.userId, session.tokens?.idToken?.toString()]
}
`

/** One InitiateAuth call through a Cognito client built by `client` (an expression over `endpoint`). */
const oneCallEntry = (imports: string, client: string, provide: string): string => `
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as InitiateAuth from "@cognito-effect/domain/wire/InitiateAuth"
${imports}

globalThis.benchCall = (endpoint, username, password) =>
  Effect.runPromise(
    Effect.flatMap(${client}, (client) =>
      client.call(InitiateAuth.operation, {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: "benchclient0000000000000000",
        AuthParameters: { USERNAME: Redacted.make(username), PASSWORD: Redacted.make(password) }
      })
    ).pipe(${provide})
  )
`

/** @since 0.1.0 */
export const fetchClientEntry = oneCallEntry(
  `import * as CognitoFetchClient from "@cognito-effect/adapters/CognitoFetchClient"`,
  "CognitoFetchClient.make(endpoint)",
  "(effect) => effect"
)

/** @since 0.1.0 */
export const httpClientEntry = oneCallEntry(
  `import * as CognitoHttpClient from "@cognito-effect/adapters/CognitoHttpClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"`,
  "CognitoHttpClient.make(endpoint)",
  "Effect.provide(FetchHttpClient.layer)"
)

/** Builds the four bundles and returns the rows. @since 0.1.0 */
export const run = async (): Promise<ReadonlyArray<Table.Row>> => {
  const [ours, amplify, httpClient, fetchClient] = await Promise.all([
    measure(authEntry("@cognito-effect/auth", "@cognito-effect/auth")),
    measure(authEntry("aws-amplify", "aws-amplify/auth")),
    measure(httpClientEntry),
    measure(fetchClientEntry)
  ])
  const amplifyName = `aws-amplify ${amplifyVersion()}`
  return [
    Table.measured({
      measurement: "Bundle, 7 auth APIs, min+gzip -9",
      unit: "bytes",
      ours: ours.gzip,
      referenceName: amplifyName,
      reference: amplify.gzip,
      target: Table.atMost(1.5),
      reproduce
    }),
    Table.measured({
      measurement: "Bundle, 7 auth APIs, minified only",
      unit: "bytes",
      ours: ours.minified,
      referenceName: amplifyName,
      reference: amplify.minified,
      target: Table.informative,
      reproduce
    }),
    Table.measured({
      measurement: "  of which Effect (gzip, est.)",
      unit: "bytes",
      ours: estimatedGzipShare(ours, "effect"),
      referenceName: "our bundle above",
      reference: ours.gzip,
      target: Table.informative,
      reproduce
    }),
    Table.measured({
      measurement: "One call, CognitoHttpClient, gzip",
      unit: "bytes",
      ours: httpClient.gzip,
      referenceName: "CognitoFetchClient",
      reference: fetchClient.gzip,
      target: Table.informative,
      reproduce
    })
  ]
}
