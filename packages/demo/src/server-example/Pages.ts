/**
 * The example server's HTML: a sign-in form and a profile page. Everything interpolated is
 * escaped; no script runs in the browser, so the session never leaves its HttpOnly cookies.
 */

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c]!)

const layout = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · cognito-effect server example</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 34rem; margin: 3rem auto; padding: 0 1rem; }
  label { display: block; margin: 0.75rem 0 0.25rem; }
  input { width: 100%; padding: 0.4rem; box-sizing: border-box; }
  button { margin-top: 1rem; padding: 0.4rem 1rem; }
  .error { color: #a00; }
  dt { font-weight: 600; }
</style>
</head>
<body>
${body}
</body>
</html>
`

/** The sign-in form, with the reason the last attempt failed. */
export const signInPage = (error?: { readonly name: string; readonly message: string }): string =>
  layout(
    "Sign in",
    `<h1>Sign in</h1>
${error === undefined ? "" : `<p class="error" id="error" data-name="${escape(error.name)}">${escape(error.message)}</p>`}
<form method="post" action="/sign-in" id="sign-in-form">
  <label for="username">E-mail</label>
  <input id="username" name="username" type="email" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>`
  )

/** The protected page: who the session belongs to. */
export const profilePage = (user: { readonly username: string; readonly userId: string; readonly email: string | undefined }): string =>
  layout(
    "Profile",
    `<h1>Signed in</h1>
<dl id="profile">
  <dt>E-mail</dt><dd id="email">${escape(user.email ?? "")}</dd>
  <dt>User name</dt><dd id="username">${escape(user.username)}</dd>
  <dt>User id</dt><dd id="user-id">${escape(user.userId)}</dd>
</dl>
<form method="post" action="/sign-out"><button type="submit">Sign out</button></form>`
  )
