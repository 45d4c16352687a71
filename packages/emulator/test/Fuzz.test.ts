/**
 * Fuzzing the HTTP surface with fast-check, bounded in runs and time (well under 30 s in all).
 * For every operation the emulator serves (read from its registry, so new operations are fuzzed
 * too) and for unknown targets, bodies that cannot be a valid request — JSON that is not an
 * object, objects without the operation's members, members of the wrong JSON type beside
 * well-typed ones, truncated JSON, an empty body, bytes that are not JSON or not UTF-8, bodies
 * past the size limit — must each get a 4xx answer with a JSON `{__type, message}` body and a
 * matching `x-amzn-errortype` header, within a deadline. Bodies well typed at the top level and
 * full of huge and unusual strings, and bodies valid for the whole request Schema, must never get
 * a 5xx. Afterwards the server still answers its health check and
 * the heap has not grown out of bounds.
 */
import { assert, layer } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import fc from "fast-check"
import * as Operations from "../src/Operations.js"
import { TestEmulator } from "./Harness.js"

type Kind = "string" | "number" | "boolean" | "object" | "array"

/** The JSON kind a schema's encoded side accepts, when it is exactly one. */
const kindOf = (ast: AST.AST): Kind | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
    case "TemplateLiteral":
      return "string"
    case "NumberKeyword":
      return "number"
    case "BooleanKeyword":
      return "boolean"
    case "Literal":
      return typeof ast.literal === "string" ? "string" : typeof ast.literal === "number" ? "number" : typeof ast.literal === "boolean" ? "boolean" : undefined
    case "TypeLiteral":
      return "object"
    case "TupleType":
      return "array"
    case "Refinement":
      return kindOf(ast.from)
    case "Transformation":
      return kindOf(ast.from)
    case "Suspend":
      return kindOf(ast.f())
    case "Union": {
      const kinds = new Set(ast.types.filter((member) => member._tag !== "UndefinedKeyword").map(kindOf))
      return kinds.size === 1 ? [...kinds][0] : undefined
    }
    default:
      return undefined
  }
}

interface Member {
  readonly name: string
  readonly kind: Kind | undefined
  readonly optional: boolean
}

/** The top-level members of an operation's request, as they travel. */
const membersOf = (schema: Schema.Schema.Any): ReadonlyArray<Member> => {
  const ast = Schema.encodedSchema(schema).ast
  if (ast._tag !== "TypeLiteral") return []
  return ast.propertySignatures.map((signature) => ({ name: String(signature.name), kind: kindOf(signature.type), optional: signature.isOptional }))
}

const targets = Operations.all.map((handler) => ({ target: handler.operation.target, members: membersOf(handler.operation.request) }))

const unknownTargets = fc.oneof(
  fc.constantFrom("AWSCognitoIdentityProviderService.NoSuchOperation", "AWSCognitoIdentityProviderService.", "InitiateAuth", "", " "),
  fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ "), maxLength: 60 }).map((name) => `AWSCognitoIdentityProviderService.X${name}`),
  fc.constant(undefined)
)

/** Strings that stress decoders: any unicode, lone surrogates, control characters, odd words. */
const awkwardString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", "\u0000", "\ud800", "\udfff", "\u202e", "null", "undefined", "__proto__", "constructor", "%s%n", "../../etc/passwd", "'; DROP TABLE users; --")
)

/** Those, and now and then a long one (up to 300 KB of UTF-8: the body limit is 1 MiB). */
const stringsWithHugeOnes = fc.oneof(
  { arbitrary: awkwardString, weight: 6 },
  { arbitrary: fc.integer({ min: 1_000, max: 150_000 }).map((length) => "é".repeat(length)), weight: 1 }
)

const valueOfKind = (kind: Kind | undefined, strings: fc.Arbitrary<string> = awkwardString): fc.Arbitrary<unknown> => {
  switch (kind) {
    case "string":
      return strings
    case "number":
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
    case "boolean":
      return fc.boolean()
    case "object":
      return fc.dictionary(awkwardString, fc.string({ maxLength: 20 }), { maxKeys: 3 })
    case "array":
      return fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 })
    case undefined:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** A JSON value that is not of `kind` and not null (null counts as an absent member). */
const notOfKind = (kind: Kind): fc.Arbitrary<unknown> => {
  const all: ReadonlyArray<Kind> = ["string", "number", "boolean", "object", "array"]
  const nonEmpty: Record<Kind, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 20 }),
    number: fc.integer(),
    boolean: fc.boolean(),
    object: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    array: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })
  }
  return fc.oneof(...all.filter((other) => other !== kind).map((other) => nonEmpty[other]))
}

/** Every member present and well typed except at least one of known kind, which has the wrong type. */
const wrongTypes = (members: ReadonlyArray<Member>): fc.Arbitrary<string> | undefined => {
  const typed = members.filter((member) => member.kind !== undefined)
  if (typed.length === 0) return undefined
  return fc
    .tuple(
      fc.subarray(typed, { minLength: 1 }),
      fc.record(Object.fromEntries(members.map((member) => [member.name, valueOfKind(member.kind)])))
    )
    .chain(([broken, body]) =>
      fc.record(Object.fromEntries(broken.map((member) => [member.name, notOfKind(member.kind!)]))).map((wrong) => JSON.stringify({ ...body, ...wrong }))
    )
}

/** Objects that have none of the operation's members (so the required ones are missing). */
const foreignObject = (members: ReadonlyArray<Member>) => {
  const names = new Set(members.map((member) => member.name))
  return fc
    .dictionary(fc.string({ maxLength: 12 }).filter((key) => !names.has(key)), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })
    .map((body) => JSON.stringify(body))
}

const notAnObject = fc.jsonValue({ maxDepth: 3 }).filter((value) => typeof value !== "object" || value === null || Array.isArray(value)).map((value) => JSON.stringify(value))

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** A JSON object text cut short (never itself valid JSON). */
const truncated = (members: ReadonlyArray<Member>) =>
  fc
    .record(Object.fromEntries(members.map((member) => [member.name, valueOfKind(member.kind)])))
    .map((body) => JSON.stringify(body))
    .chain((text) => fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((cut) => text.slice(0, cut)))
    .filter((text) => !isJson(text))

/** Bytes that are not JSON: text, markup, form encoding, invalid UTF-8. */
const notJson: fc.Arbitrary<string | Uint8Array<ArrayBuffer>> = fc.oneof(
  fc.constantFrom("<xml/>", "a=1&b=2", "{", "}", "[", "{\"a\":", "{'single':'quotes'}", "{\"a\":1,}", "NaN", "\u0000", "{\"a\":1}}", "undefined"),
  fc.string({ maxLength: 80 }).filter((text) => text.trim() !== "" && !isJson(text)),
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Uint8Array.from([0xff, 0xfe, ...bytes]))
)

const contentTypes = fc.constantFrom("application/x-amz-json-1.1", "application/json", "text/plain", "application/octet-stream", "")

interface Answer {
  readonly status: number
  readonly errorType: string | null
  readonly text: string
}

/** One POST with a deadline: a hang fails the property instead of the suite. */
const post = async (endpoint: string, target: string | undefined, body: string | Uint8Array<ArrayBuffer>, contentType = "application/x-amz-json-1.1"): Promise<Answer> => {
  const response = await fetch(`${endpoint}/`, {
    method: "POST",
    headers: { ...(contentType !== "" ? { "content-type": contentType } : {}), ...(target !== undefined ? { "x-amz-target": target } : {}) },
    body,
    signal: AbortSignal.timeout(10_000)
  })
  return { status: response.status, errorType: response.headers.get("x-amzn-errortype"), text: await response.text() }
}

/** A well-formed Cognito error: 4xx, `{__type, message}` and the `x-amzn-errortype` header naming it. */
const assertClientError = (answer: Answer, what: string): void => {
  assert.isTrue(answer.status >= 400 && answer.status < 500, `${what}: status ${answer.status} ${answer.text.slice(0, 300)}`)
  const body = JSON.parse(answer.text) as { __type?: unknown; message?: unknown }
  assert.isString(body.__type, `${what}: __type`)
  assert.isString(body.message, `${what}: message`)
  assert.strictEqual(answer.errorType, `${body.__type as string}:`, `${what}: x-amzn-errortype`)
}

/**
 * A category's time budget shared by its properties: each gets an equal part of what is left
 * (at least 100 ms), so the file stays under 30 s however many operations the registry grows to.
 */
const budget = (millis: number, properties: number) => {
  const deadline = Date.now() + millis
  let left = properties
  return () => Math.max(100, Math.floor((deadline - Date.now()) / Math.max(1, left--)))
}

/**
 * Fails on a counterexample; running out of time is not a failure (the runs made still count).
 * Returns how many runs were made.
 */
const outcome = <D extends { readonly failed: boolean; readonly counterexample: unknown; readonly numRuns: number }>(
  details: D,
  report: (details: NoInfer<D>) => string | undefined
): number => {
  if (details.failed && details.counterexample !== null) throw new Error(report(details))
  return details.numRuns
}

/** Runs `check` on up to `numRuns` values within `millis`; returns how many ran. */
const fuzz = <T>(arbitrary: fc.Arbitrary<T>, numRuns: number, millis: number, check: (value: T) => Promise<void>) =>
  Effect.promise(() =>
    fc.check(fc.asyncProperty(arbitrary, check), { numRuns, interruptAfterTimeLimit: millis }).then((details) => outcome(details, fc.defaultReportMessage))
  )

layer(TestEmulator.layer())("fuzzing the HTTP surface", (it) => {
  it.effect(
    "malformed bodies for every operation get a well-formed 4xx error",
    () =>
      Effect.gen(function* () {
        const { endpoint } = yield* TestEmulator
        assert.isAbove(targets.length, 25)
        const time = budget(8_000, targets.length)
        let runs = 0
        for (const { target, members } of targets) {
          const required = members.filter((member) => !member.optional)
          const malformed: Array<fc.Arbitrary<string | Uint8Array<ArrayBuffer>>> = [notAnObject, truncated(members), notJson]
          if (required.length > 0) malformed.push(foreignObject(members), fc.constantFrom("", "{}", "  \n"))
          const wrong = wrongTypes(members)
          if (wrong !== undefined) malformed.push(wrong)
          runs += yield* fuzz(fc.tuple(fc.oneof(...malformed), contentTypes), 24, time(), async ([body, contentType]) =>
            assertClientError(await post(endpoint, target, body, contentType), target)
          )
        }
        // Under heavy load some operations may get few runs, but the category as a whole must not starve.
        assert.isAtLeast(runs, targets.length * 4)
      }),
    { timeout: 30_000 }
  )

  it.effect(
    "unknown or missing targets get UnknownOperationException whatever the body",
    () =>
      Effect.gen(function* () {
        const { endpoint } = yield* TestEmulator
        yield* fuzz(fc.tuple(unknownTargets, fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), notJson)), 60, 1_500, async ([target, body]) => {
          const answer = await post(endpoint, target, body)
          assertClientError(answer, `target ${JSON.stringify(target)}`)
          assert.strictEqual((JSON.parse(answer.text) as { __type: string }).__type, "UnknownOperationException")
        })
      }),
    { timeout: 30_000 }
  )

  it.effect(
    "well-typed bodies of huge and unusual strings never get a 5xx",
    () =>
      Effect.gen(function* () {
        const { endpoint } = yield* TestEmulator
        const time = budget(4_000, targets.length)
        let runs = 0
        for (const { target, members } of targets) {
          const body = fc.record(Object.fromEntries(members.map((member) => [member.name, valueOfKind(member.kind, stringsWithHugeOnes)])), { requiredKeys: [] })
          runs += yield* fuzz(body, 6, time(), async (value) => {
            const answer = await post(endpoint, target, JSON.stringify(value))
            assert.isBelow(answer.status, 500, `${target}: ${answer.text.slice(0, 300)}`)
            if (answer.status !== 200) assertClientError(answer, target)
            else assert.isObject(JSON.parse(answer.text))
          })
        }
        assert.isAtLeast(runs, targets.length * 2)
      }),
    { timeout: 30_000 }
  )

  it.effect(
    "schema-valid bodies (Effect's Arbitrary of each request Schema) never get a 5xx",
    () =>
      Effect.gen(function* () {
        const { endpoint } = yield* TestEmulator
        const time = budget(5_000, Operations.all.length)
        let runs = 0
        for (const handler of Operations.all) {
          const { request, target } = handler.operation
          const encode = Schema.encodeSync(request)
          const bodies = Arbitrary.make(request).map((value) => JSON.stringify(encode(value)))
          // Effect's Arbitrary speaks the fast-check bundled with effect, hence its own runner here.
          runs += yield* Effect.promise(() =>
            FastCheck.check(
              FastCheck.asyncProperty(bodies, async (body) => {
                const answer = await post(endpoint, target, body)
                assert.isBelow(answer.status, 500, `${target}: ${answer.text.slice(0, 300)}`)
                if (answer.status !== 200) assertClientError(answer, target)
                else assert.isObject(JSON.parse(answer.text))
              }),
              { numRuns: 5, interruptAfterTimeLimit: time() }
            ).then((details) => outcome(details, FastCheck.defaultReportMessage))
          )
        }
        assert.isAtLeast(runs, Operations.all.length * 2)
      }),
    { timeout: 30_000 }
  )

  it.effect("a body past the size limit is refused with 413 and the error envelope", () =>
    Effect.gen(function* () {
      const { endpoint } = yield* TestEmulator
      const answer = yield* Effect.promise(() =>
        post(endpoint, "AWSCognitoIdentityProviderService.SignUp", JSON.stringify({ ClientId: "x", Username: "y", Password: "z".repeat(1024 * 1024) }))
      )
      assert.strictEqual(answer.status, 413)
      assertClientError(answer, "oversized body")
    }))

  it.effect("afterwards the server is healthy and the heap bounded", () =>
    Effect.gen(function* () {
      const { endpoint } = yield* TestEmulator
      const health = yield* Effect.promise(() => fetch(`${endpoint}/_emulator/health`, { signal: AbortSignal.timeout(5_000) }).then((response) => response.json()))
      assert.deepStrictEqual(health, { status: "ok" })
      // The fuzz above sent megabytes of bodies; what the server keeps of them must be small.
      assert.isBelow(process.memoryUsage().heapUsed, heapBefore + 256 * 1024 * 1024, "heap growth over the fuzz run")
    }))
})

const heapBefore = process.memoryUsage().heapUsed
