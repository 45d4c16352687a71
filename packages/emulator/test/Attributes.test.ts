import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Attributes from "../src/Attributes.js"
import type * as Store from "../src/Store.js"

const schema = Either.getOrThrow(Attributes.poolSchema([{ Name: "email", Required: true }, { Name: "tier", AttributeDataType: "Number" }, { Name: "nick", StringAttributeConstraints: { MaxLength: "4" } }]))
const pool = { settings: { PoolName: "p" }, schema } as unknown as Store.Pool
const client = { settings: {} } as unknown as Store.Client

const check = (attributes: Record<string, string>, writer: Attributes.Writer = { _tag: "Admin" }, mode: "create" | "update" = "create") =>
  Either.mapLeft(
    Attributes.validate(pool, Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })), writer, mode),
    (error) => `${error.type}: ${error.message}`
  )

describe("Attributes", () => {
  it("the pool schema is the standard attributes plus custom:*", () => {
    const names = schema.map((attribute) => attribute.Name)
    assert.strictEqual(names[0], "sub")
    assert.includeMembers(names, ["email", "email_verified", "phone_number", "updated_at", "custom:tier", "custom:nick"])
    assert.isTrue(schema.find((a) => a.Name === "email")!.Required)
  })

  it("accepts known attributes in their formats", () => {
    assert.deepStrictEqual(check({ email: "a@b.c", "custom:tier": "3", email_verified: "true" }), Either.right({ email: "a@b.c", "custom:tier": "3", email_verified: "true" }))
  })

  it("refuses unknown names, bad formats, custom constraints, sub", () => {
    assert.isTrue(Either.isLeft(check({ shoe: "44" })))
    assert.deepStrictEqual(check({ email: "nope" }), Either.left("InvalidParameterException: Invalid email address format."))
    assert.deepStrictEqual(check({ phone_number: "555" }), Either.left("InvalidParameterException: Invalid phone number format."))
    assert.isTrue(Either.isLeft(check({ "custom:tier": "many" })))
    assert.isTrue(Either.isLeft(check({ "custom:nick": "toolong" })))
    assert.isTrue(Either.isLeft(check({ email_verified: "yes" })))
    assert.isTrue(Either.isLeft(check({ sub: "x" })))
  })

  it("app clients may not write service-managed attributes", () => {
    assert.deepStrictEqual(check({ email_verified: "true" }, { _tag: "Client", client }), Either.left("NotAuthorizedException: A client attempted to write unauthorized attribute"))
    assert.isTrue(Either.isRight(check({ email: "a@b.c" }, { _tag: "Client", client })))
  })

  it("reports missing required attributes", () => {
    assert.deepStrictEqual(Attributes.missingRequired(pool, { sub: "s" }), ["email"])
    assert.deepStrictEqual(Attributes.missingRequired(pool, { sub: "s", email: "a@b.c" }), [])
    assert.strictEqual(Attributes.requiredError(["email"]).message, "Attributes did not conform to the schema: email: The attribute is required\n")
  })

  it("read permissions filter what a client sees, sub always included", () => {
    const reader = { settings: { ReadAttributes: ["email"] } } as unknown as Store.Client
    assert.deepStrictEqual(Attributes.readable(reader, { sub: "s", email: "a@b.c", name: "N" }), { sub: "s", email: "a@b.c" })
  })
})
