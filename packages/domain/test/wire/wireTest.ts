/**
 * Small assertions shared by the wire codec tests: the JSON a request encodes to, decoding
 * recorded responses, refusals, and that secrets stay redacted.
 */
import { assert } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Operation from "@cognito-effect/domain/wire/Operation"

/** What goes over the wire: the encoded value through `JSON.stringify`, parsed back. */
export const wireJson = <A, I>(schema: Schema.Schema<A, I>, value: A): unknown =>
  JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value)))

/** Decodes recorded JSON text, as a transport would. */
export const decodeJson = <A, I>(schema: Schema.Schema<A, I>, json: string): A =>
  Schema.decodeUnknownSync(schema)(JSON.parse(json))

/** The schema refuses `input` (the emulator answers `InvalidParameterException`). */
export const assertRefused = <A, I>(schema: Schema.Schema<A, I>, input: unknown): void => {
  assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(schema)(input)), `expected ${JSON.stringify(input)} to be refused`)
}

/** `value` is a `Redacted` holding `secret`, and neither `String` nor `JSON.stringify` shows it. */
export const assertSecret = (value: unknown, secret: string): void => {
  assert.isTrue(Redacted.isRedacted(value), "expected a Redacted value")
  const redacted = value as Redacted.Redacted<string>
  assert.strictEqual(Redacted.value(redacted), secret)
  assert.notInclude(String(redacted), secret)
  assert.notInclude(JSON.stringify({ redacted }), secret)
}

/** The decoded container shows none of the secrets when printed. */
export const assertHidden = (decoded: unknown, ...secrets: ReadonlyArray<string>): void => {
  const printed = `${JSON.stringify(decoded)} ${String(decoded)}`
  for (const secret of secrets) assert.notInclude(printed, secret)
}

/** The descriptor targets `<prefix>.<name>`. */
export const assertTarget = (op: Operation.Any, target: string): void => {
  assert.strictEqual(op.target, target)
}

/** A JWT-shaped string for fixtures. */
export const jwt = (payload: Record<string, unknown>): string =>
  [
    Buffer.from(JSON.stringify({ kid: "k1", alg: "RS256" })).toString("base64url"),
    Buffer.from(JSON.stringify(payload)).toString("base64url"),
    "c2lnbmF0dXJl"
  ].join(".")
