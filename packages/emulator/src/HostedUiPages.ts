/**
 * The hosted UI's pages as HTML text: the sign-in form (with a button per identity provider the
 * app client supports), the form of each sign-in challenge the hosted UI can answer (MFA codes,
 * the MFA choice, a new password), the simulated identity provider's consent page, and error
 * pages. Plain forms, no script: every value is escaped, every form posts back to the URL that
 * carries the authorize query.
 *
 * @since 0.1.0
 */

/** Escapes text for HTML content and attribute values. @since 0.1.0 */
export const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c]!)

const layout = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; background: #f3f5f7; color: #1d232a; margin: 0; }
  main { max-width: 22rem; margin: 3rem auto; background: #fff; border: 1px solid #d7dde3; border-radius: 8px; padding: 1.5rem; }
  h1 { font-size: 1.2rem; margin: 0 0 1rem; } p.note { color: #5b6570; font-size: .85rem; }
  label { display: block; margin: .6rem 0 .2rem; } input { font: inherit; width: 100%; box-sizing: border-box; padding: .4rem; }
  button { font: inherit; width: 100%; padding: .5rem; margin-top: .9rem; cursor: pointer; }
  .error { color: #b3261e; background: #fdecea; padding: .5rem; border-radius: 4px; }
  .providers { border-top: 1px solid #d7dde3; margin-top: 1.2rem; padding-top: .4rem; }
  .providers a { display: block; text-align: center; border: 1px solid #9aa5b1; border-radius: 4px; padding: .45rem; margin-top: .5rem; color: inherit; text-decoration: none; }
</style>
</head>
<body><main>
${body}
</main></body>
</html>
`

const errorBox = (error: string | undefined) => (error === undefined ? "" : `<p class="error" role="alert" id="error">${escape(error)}</p>`)

const hidden = (name: string, value: string) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`

/** An error page (nothing to go back to). @since 0.1.0 */
export const errorPage = (error: string, message: string): string =>
  layout("An error was encountered", `<h1>An error was encountered with the requested page.</h1>
<p class="error" role="alert" id="error">${escape(error)}: ${escape(message)}</p>`)

/** A link to sign in with another identity provider. @since 0.1.0 */
export interface ProviderLink {
  readonly name: string
  readonly label: string
  readonly href: string
}

/** The sign-in form. @since 0.1.0 */
export const loginPage = (input: {
  readonly action: string
  readonly clientName: string
  readonly username?: string
  readonly error?: string
  readonly providers: ReadonlyArray<ProviderLink>
  readonly withPassword: boolean
}): string => {
  const form = input.withPassword
    ? `<form method="post" action="${escape(input.action)}" id="login-form">
  <label for="username">Username or e-mail</label>
  <input id="username" name="username" autocomplete="username" required value="${escape(input.username ?? "")}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit" id="sign-in">Sign in</button>
</form>`
    : ""
  const providers = input.providers.length === 0
    ? ""
    : `<div class="providers">${
      input.providers.map((p) => `<a href="${escape(p.href)}" data-provider="${escape(p.name)}">Continue with ${escape(p.label)}</a>`).join("\n")
    }</div>`
  return layout(`Sign in to ${input.clientName}`, `<h1>Sign in to ${escape(input.clientName)}</h1>
${errorBox(input.error)}
${form}
${providers}
<p class="note">Cognito emulator hosted UI</p>`)
}

interface Field {
  readonly name: string
  readonly label: string
  readonly type?: string
  readonly autocomplete?: string
}

const codeLabel = (what: string, parameters: Readonly<Record<string, string>>) => {
  const destination = parameters["CODE_DELIVERY_DESTINATION"]
  return destination === undefined ? what : `${what} sent to ${destination}`
}

const jsonList = (text: string | undefined): ReadonlyArray<string> => {
  try {
    const value: unknown = JSON.parse(text ?? "[]")
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []
  } catch {
    return []
  }
}

/** The fields each challenge the hosted UI can answer asks for, by challenge name. @since 0.1.0 */
export const challengeFields = (challengeName: string, parameters: Readonly<Record<string, string>>): ReadonlyArray<Field> | undefined => {
  switch (challengeName) {
    case "SMS_MFA":
      return [{ name: "SMS_MFA_CODE", label: codeLabel("The code", parameters), autocomplete: "one-time-code" }]
    case "EMAIL_OTP":
      return [{ name: "EMAIL_OTP_CODE", label: codeLabel("The code", parameters), autocomplete: "one-time-code" }]
    case "SMS_OTP":
      return [{ name: "SMS_OTP_CODE", label: codeLabel("The code", parameters), autocomplete: "one-time-code" }]
    case "SOFTWARE_TOKEN_MFA":
      return [{ name: "SOFTWARE_TOKEN_MFA_CODE", label: "The code from your authenticator app", autocomplete: "one-time-code" }]
    case "CUSTOM_CHALLENGE":
      return [{ name: "ANSWER", label: "Your answer" }]
    case "NEW_PASSWORD_REQUIRED":
      return [
        { name: "NEW_PASSWORD", label: "Choose a new password", type: "password", autocomplete: "new-password" },
        ...jsonList(parameters["requiredAttributes"]).map((name) => ({ name, label: name.replace(/^userAttributes\./, "") }))
      ]
    default:
      return undefined
  }
}

const mfaLabels: Readonly<Record<string, string>> = {
  SMS_MFA: "Text message (SMS)",
  SOFTWARE_TOKEN_MFA: "Authenticator app",
  EMAIL_OTP: "E-mail"
}

/** The form of one sign-in challenge; `undefined` for a challenge the hosted UI cannot answer. @since 0.1.0 */
export const challengePage = (input: {
  readonly action: string
  readonly challengeName: string
  readonly parameters: Readonly<Record<string, string>>
  readonly session: string
  readonly username: string
  readonly error?: string
}): string | undefined => {
  // The parameters ride along (they are not secret) so a wrong answer can show the same form again.
  const state = [
    hidden("challenge", input.challengeName),
    hidden("session", input.session),
    hidden("username", input.username),
    hidden("parameters", JSON.stringify(input.parameters))
  ].join("\n")
  if (input.challengeName === "SELECT_MFA_TYPE") {
    const choices = jsonList(input.parameters["MFAS_CAN_CHOOSE"])
    return layout("Choose how to verify", `<h1>Choose how to verify it is you</h1>
${errorBox(input.error)}
<form method="post" action="${escape(input.action)}" id="challenge-form" data-challenge="SELECT_MFA_TYPE">
${state}
${choices.map((c) => `<button type="submit" name="ANSWER" value="${escape(c)}">${escape(mfaLabels[c] ?? c)}</button>`).join("\n")}
</form>`)
  }
  const fields = challengeFields(input.challengeName, input.parameters)
  if (fields === undefined) return undefined
  return layout("Verify it is you", `<h1>${input.challengeName === "NEW_PASSWORD_REQUIRED" ? "Set a new password" : "Verify it is you"}</h1>
${errorBox(input.error)}
<form method="post" action="${escape(input.action)}" id="challenge-form" data-challenge="${escape(input.challengeName)}">
${state}
${fields.map((f) => `<label for="${escape(f.name)}">${escape(f.label)}</label>
<input id="${escape(f.name)}" name="${escape(f.name)}" type="${f.type ?? "text"}" required${f.autocomplete === undefined ? "" : ` autocomplete="${f.autocomplete}"`}>`).join("\n")}
<button type="submit" id="verify">Continue</button>
</form>`)
}

/** The simulated identity provider's sign-in and consent page. @since 0.1.0 */
export const consentPage = (input: {
  readonly action: string
  readonly provider: string
  readonly label: string
  readonly clientName: string
  readonly loginHint?: string
  readonly error?: string
}): string =>
  layout(`Sign in with ${input.label}`, `<h1>Sign in with ${escape(input.label)}</h1>
<p class="note">A simulated ${escape(input.label)} account (identity provider <code>${escape(input.provider)}</code>), played by the Cognito emulator. ${escape(input.clientName)} will receive your e-mail address and name.</p>
${errorBox(input.error)}
<form method="post" action="${escape(input.action)}" id="consent-form">
  <label for="email">E-mail</label>
  <input id="email" name="email" type="email" required value="${escape(input.loginHint ?? "")}">
  <label for="name">Name</label>
  <input id="name" name="name">
  <button type="submit" name="decision" value="allow" id="allow">Allow</button>
  <button type="submit" name="decision" value="deny" id="deny" formnovalidate>Cancel</button>
</form>`)
