/**
 * How Cognito answers a request body that does not fit the operation: JSON it cannot read, or a
 * member of the wrong JSON type, is a `SerializationException` (the service could not deserialise
 * it); a missing required member or a value outside an enum is an `InvalidParameterException`
 * in the service's "N validation errors detected" form. Values are quoted only for enums, so no
 * secret ever appears in a message.
 *
 * @since 0.1.0
 */
import type * as ParseResult from "effect/ParseResult"
import type * as AST from "effect/SchemaAST"
import * as CognitoException from "./CognitoException.js"

type Problem =
  | { readonly _tag: "Missing"; readonly path: ReadonlyArray<PropertyKey> }
  | { readonly _tag: "Enum"; readonly path: ReadonlyArray<PropertyKey>; readonly actual: string; readonly values: ReadonlyArray<string> }
  | { readonly _tag: "Type"; readonly path: ReadonlyArray<PropertyKey>; readonly actual: unknown }
  | { readonly _tag: "Constraint"; readonly path: ReadonlyArray<PropertyKey> }

const literals = (ast: AST.AST): ReadonlyArray<string> | undefined => {
  if (ast._tag === "Literal") return typeof ast.literal === "string" ? [ast.literal] : undefined
  if (ast._tag !== "Union") return undefined
  const values: Array<string> = []
  for (const member of ast.types) {
    if (member._tag !== "Literal" || typeof member.literal !== "string") return undefined
    values.push(member.literal)
  }
  return values
}

const collect = (issue: ParseResult.ParseIssue, path: ReadonlyArray<PropertyKey>, out: Array<Problem>): void => {
  switch (issue._tag) {
    case "Pointer":
      return collect(issue.issue, [...path, ...(Array.isArray(issue.path) ? issue.path : [issue.path as PropertyKey])], out)
    case "Missing":
      out.push({ _tag: "Missing", path })
      return
    case "Type":
    case "Composite": {
      const values = literals(issue.ast)
      if (values !== undefined && typeof issue.actual === "string") {
        out.push({ _tag: "Enum", path, actual: issue.actual, values })
        return
      }
      if (issue._tag === "Type") {
        out.push({ _tag: "Type", path, actual: issue.actual })
        return
      }
      const issues = Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue]
      // An optional member is `X | undefined`: the `undefined` alternative says nothing useful.
      const meaningful = issue.ast._tag === "Union" ? issues.filter((inner) => inner.ast._tag !== "UndefinedKeyword") : issues
      if (issue.ast._tag === "Union" && meaningful.length !== 1) {
        out.push({ _tag: "Type", path, actual: issue.actual })
        return
      }
      for (const inner of meaningful) collect(inner, path, out)
      return
    }
    case "Refinement":
      if (issue.kind === "From") return collect(issue.issue, path, out)
      out.push({ _tag: "Constraint", path })
      return
    case "Transformation":
      return collect(issue.issue, path, out)
    case "Forbidden":
    case "Unexpected":
      out.push({ _tag: "Type", path, actual: issue.actual })
      return
  }
}

/** `AuthParameters.USERNAME` → `authParameters.USERNAME`: top-level members camel-cased as the service prints them. */
const describePath = (path: ReadonlyArray<PropertyKey>): string =>
  path
    .map((segment, index) => {
      const text = String(segment)
      return index === 0 ? text.charAt(0).toLowerCase() + text.slice(1) : text
    })
    .join(".")

const jsonKind = (value: unknown): string =>
  value === null
    ? "NULL_VALUE"
    : Array.isArray(value)
      ? "START_ARRAY"
      : typeof value === "object"
        ? "START_OBJECT"
        : typeof value === "string"
          ? "STRING_VALUE"
          : typeof value === "number"
            ? "NUMBER_VALUE"
            : typeof value === "boolean"
              ? "BOOLEAN_VALUE"
              : "UNKNOWN_VALUE"

const serializationMessage = (actual: unknown): string =>
  Array.isArray(actual)
    ? "Start of list found where not expected"
    : typeof actual === "object" && actual !== null
      ? "Start of structure or map found where not expected."
      : `${jsonKind(actual)} can not be converted to the expected type`

const constraint = (problem: Exclude<Problem, { readonly _tag: "Type" }>): string => {
  const at = describePath(problem.path)
  switch (problem._tag) {
    case "Missing":
      return `Value null at '${at}' failed to satisfy constraint: Member must not be null`
    case "Enum":
      return `Value '${problem.actual}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${problem.values.join(", ")}]`
    case "Constraint":
      return `Value at '${at}' failed to satisfy constraint`
  }
}

/** The Cognito error for a body that failed the operation's request Schema. @since 0.1.0 */
export const fromParseError = (error: ParseResult.ParseError): CognitoException.CognitoException => {
  const problems: Array<Problem> = []
  collect(error.issue, [], problems)
  const typeProblem = problems.find((problem) => problem._tag === "Type")
  if (typeProblem !== undefined) return CognitoException.make("SerializationException", serializationMessage(typeProblem.actual))
  const validation = problems.filter((problem): problem is Exclude<Problem, { readonly _tag: "Type" }> => problem._tag !== "Type")
  if (validation.length === 0) return CognitoException.make("SerializationException", "The request body could not be read.")
  const count = validation.length
  return CognitoException.invalidParameter(
    `${count} validation error${count === 1 ? "" : "s"} detected: ${validation.map(constraint).join("; ")}`
  )
}

/** The error for a body that is not JSON, or not a JSON object. @since 0.1.0 */
export const notJson = (parsed: { readonly ok: false } | { readonly ok: true; readonly value: unknown }): CognitoException.CognitoException =>
  CognitoException.make(
    "SerializationException",
    parsed.ok ? serializationMessage(parsed.value) : "The request body is not valid JSON."
  )
