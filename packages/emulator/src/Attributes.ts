/**
 * User attributes: Cognito's standard schema, the pool schema built from `CreateUserPool.Schema`,
 * and the checks writes go through (known names, formats, custom constraints, required
 * attributes, what an app client may write and read).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as Shapes from "@cognito-effect/domain/wire/Shapes"
import * as CognitoException from "./CognitoException.js"
import type * as Store from "./Store.js"

type SchemaAttribute = Shapes.SchemaAttribute

const text = (name: string, extra: Partial<SchemaAttribute> = {}): SchemaAttribute => ({
  Name: name,
  AttributeDataType: "String",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" },
  ...extra
})

const flag = (name: string): SchemaAttribute => ({
  Name: name,
  AttributeDataType: "Boolean",
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false
})

/** Cognito's standard attributes, as `DescribeUserPool` lists them. @since 0.1.0 */
export const standard: ReadonlyArray<SchemaAttribute> = [
  text("sub", { Mutable: false, Required: true, StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" } }),
  text("name"),
  text("given_name"),
  text("family_name"),
  text("middle_name"),
  text("nickname"),
  text("preferred_username"),
  text("profile"),
  text("picture"),
  text("website"),
  text("email"),
  flag("email_verified"),
  text("gender"),
  text("birthdate", { StringAttributeConstraints: { MinLength: "10", MaxLength: "10" } }),
  text("zoneinfo"),
  text("locale"),
  text("phone_number"),
  flag("phone_number_verified"),
  text("address"),
  { Name: "updated_at", AttributeDataType: "Number", DeveloperOnlyAttribute: false, Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: "0" } },
  text("identities", { Mutable: true })
]

const standardNames = new Set(standard.map((attribute) => attribute.Name))

/** Attributes only the service (or an admin) sets. @since 0.1.0 */
export const serviceManaged = new Set(["sub", "identities", "email_verified", "phone_number_verified"])

/**
 * The full pool schema: standard attributes (with `Required`/`Mutable` overrides from the request)
 * followed by custom ones, named `custom:<name>`.
 * @since 0.1.0
 */
export const poolSchema = (
  requested: ReadonlyArray<SchemaAttribute>
): Either.Either<ReadonlyArray<SchemaAttribute>, CognitoException.CognitoException> => {
  const merged = standard.map((attribute) => {
    const override = requested.find((entry) => entry.Name === attribute.Name)
    return override === undefined
      ? attribute
      : {
          ...attribute,
          ...(override.Required !== undefined ? { Required: override.Required } : {}),
          ...(override.Mutable !== undefined ? { Mutable: override.Mutable } : {}),
          ...(override.StringAttributeConstraints !== undefined ? { StringAttributeConstraints: override.StringAttributeConstraints } : {})
        }
  })
  const custom: Array<SchemaAttribute> = []
  for (const entry of requested) {
    if (entry.Name === undefined || entry.Name.length === 0) {
      return Either.left(CognitoException.invalidParameter("Every schema attribute needs a Name."))
    }
    if (standardNames.has(entry.Name)) continue
    const name = entry.Name.startsWith("custom:") ? entry.Name : `custom:${entry.Name}`
    if (entry.Required === true) {
      return Either.left(CognitoException.invalidParameter(`Required custom attributes are not supported currently.`))
    }
    custom.push({
      Name: name,
      AttributeDataType: entry.AttributeDataType ?? "String",
      DeveloperOnlyAttribute: entry.DeveloperOnlyAttribute ?? false,
      Mutable: entry.Mutable ?? true,
      Required: false,
      ...(entry.StringAttributeConstraints !== undefined ? { StringAttributeConstraints: entry.StringAttributeConstraints } : {}),
      ...(entry.NumberAttributeConstraints !== undefined ? { NumberAttributeConstraints: entry.NumberAttributeConstraints } : {})
    })
  }
  return Either.right([...merged, ...custom])
}

const emailPattern = /^[^\s@]+@[^\s@]+$/
const phonePattern = /^\+[0-9]{4,15}$/

const nonConforming = (detail: string) => CognitoException.invalidParameter(`Attributes did not conform to the schema: ${detail}`)

/** Who is writing: clients are held to the app client's `WriteAttributes`, admins are not. @since 0.1.0 */
export type Writer = { readonly _tag: "Admin" } | { readonly _tag: "Client"; readonly client: Store.Client }

/** The attributes an app client may write (its `WriteAttributes`, or every mutable one but the service-managed). @since 0.1.0 */
export const writable = (pool: Store.Pool, client: Store.Client): ReadonlySet<string> =>
  new Set(
    client.settings.WriteAttributes ??
      pool.schema.filter((a) => a.Name !== undefined && a.Mutable !== false && !serviceManaged.has(a.Name)).map((a) => a.Name!)
  )

/**
 * Checks attribute values about to be written and returns them as a record. Unknown names,
 * immutable attributes (on update), bad formats and unauthorised writes are refused as Cognito does.
 * @since 0.1.0
 */
export const validate = (
  pool: Store.Pool,
  attributes: ReadonlyArray<Shapes.AttributeType>,
  writer: Writer,
  mode: "create" | "update"
): Either.Either<Record<string, string>, CognitoException.CognitoException> => {
  const allowed = writer._tag === "Client" ? writable(pool, writer.client) : undefined
  const result: Record<string, string> = {}
  for (const { Name, Value } of attributes) {
    const definition = pool.schema.find((attribute) => attribute.Name === Name)
    if (definition === undefined) return Either.left(nonConforming(`Type for attribute {${Name}} could not be determined`))
    if (Name === "sub") return Either.left(CognitoException.invalidParameter("Cannot modify an immutable attribute: sub"))
    if (allowed !== undefined && !allowed.has(Name)) {
      return Either.left(CognitoException.notAuthorized("A client attempted to write unauthorized attribute"))
    }
    if (mode === "update" && definition.Mutable === false) {
      return Either.left(CognitoException.invalidParameter(`Cannot modify an immutable attribute: ${Name}`))
    }
    const value = Value ?? ""
    if (Name === "email" && value !== "" && !emailPattern.test(value)) {
      return Either.left(CognitoException.invalidParameter("Invalid email address format."))
    }
    if (Name === "phone_number" && value !== "" && !phonePattern.test(value)) {
      return Either.left(CognitoException.invalidParameter("Invalid phone number format."))
    }
    if (definition.AttributeDataType === "Boolean" && value !== "true" && value !== "false") {
      return Either.left(nonConforming(`${Name}: Attribute value for ${Name} must be a boolean.`))
    }
    if (definition.AttributeDataType === "Number" && (value === "" || !Number.isFinite(Number(value)))) {
      return Either.left(nonConforming(`${Name}: Attribute value for ${Name} must be a number.`))
    }
    const max = Number(definition.StringAttributeConstraints?.MaxLength ?? 2048)
    const min = Number(definition.StringAttributeConstraints?.MinLength ?? 0)
    if (definition.AttributeDataType === "String" && (value.length > max || (value.length > 0 && value.length < min))) {
      return Either.left(nonConforming(`${Name}: String attribute length out of bounds.`))
    }
    result[Name] = value
  }
  return Either.right(result)
}

/** Required attributes the record lacks, as `"name"` list; empty when complete. @since 0.1.0 */
export const missingRequired = (pool: Store.Pool, attributes: Readonly<Record<string, string>>): ReadonlyArray<string> =>
  pool.schema
    .filter((attribute) => attribute.Required === true && attribute.Name !== "sub")
    .map((attribute) => attribute.Name!)
    .filter((name) => (attributes[name] ?? "") === "")

/** The error for missing required attributes. @since 0.1.0 */
export const requiredError = (missing: ReadonlyArray<string>) =>
  nonConforming(missing.map((name) => `${name}: The attribute is required`).join("\n") + "\n")

/** The attributes an app client may read (its `ReadAttributes`, or all). `sub` is always readable. @since 0.1.0 */
export const readable = (client: Store.Client, attributes: Readonly<Record<string, string>>): Record<string, string> => {
  const allowed = client.settings.ReadAttributes
  if (allowed === undefined) return { ...attributes }
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(attributes)) if (name === "sub" || allowed.includes(name)) result[name] = value
  return result
}

/** `{name: value}` → `[{Name, Value}]`. @since 0.1.0 */
export const toList = (attributes: Readonly<Record<string, string>>): Array<{ readonly Name: string; readonly Value: string }> =>
  Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }))
