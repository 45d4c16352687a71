/**
 * Test support: a user at the emulator's hosted UI, played with `fetch` — follows the authorize
 * redirect, submits the sign-in form (or the simulated provider's consent form) and returns the
 * URL the browser would land on back at the app, with the hosted UI's cookie kept between calls.
 */
export class HostedUiUser {
  cookie = ""

  /** `fetch` defaults to the global one; pass a TLS-trusting one for an emulator started with `tls`. */
  constructor(private readonly fetch: typeof globalThis.fetch = globalThis.fetch) {}

  private async step(url: string, form?: Record<string, string>): Promise<Response> {
    const response = await this.fetch(url, {
      method: form === undefined ? "GET" : "POST",
      redirect: "manual",
      headers: {
        ...(this.cookie === "" ? {} : { cookie: this.cookie }),
        ...(form === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" })
      },
      ...(form === undefined ? {} : { body: new URLSearchParams(form).toString() })
    })
    const setCookie = response.headers.get("set-cookie")
    if (setCookie !== null) this.cookie = setCookie.split(";")[0]!
    return response
  }

  /** Follows redirects on the emulator's origin; returns the first page elsewhere, or the page reached. */
  private async follow(url: string, form?: Record<string, string>): Promise<{ readonly url: string; readonly response?: Response }> {
    let response = await this.step(url, form)
    let current = url
    for (let hops = 0; response.status === 302 && hops < 10; hops++) {
      const next = new URL(response.headers.get("location")!, current)
      if (next.origin !== new URL(url).origin) return { url: next.toString() }
      current = next.toString()
      response = await this.step(current)
    }
    return { url: current, response }
  }

  /** Opens `authorizeUrl`; signs in on the form when one is shown. Returns where the app is reached. */
  async signIn(authorizeUrl: string, credentials: { readonly username: string; readonly password: string }): Promise<string> {
    const opened = await this.follow(authorizeUrl)
    if (opened.response === undefined) return opened.url
    const answered = await this.follow(opened.url, { ...credentials })
    if (answered.response !== undefined) throw new Error(`the sign-in form answered ${answered.response.status}: ${await answered.response.text()}`)
    return answered.url
  }

  /** Opens `authorizeUrl` for a provider and answers its consent page. */
  async consent(authorizeUrl: string, answer: { readonly decision: "allow" | "deny"; readonly email?: string; readonly name?: string }): Promise<string> {
    const opened = await this.follow(authorizeUrl)
    if (opened.response === undefined) return opened.url
    const answered = await this.follow(opened.url, { decision: answer.decision, email: answer.email ?? "", name: answer.name ?? "" })
    if (answered.response !== undefined) throw new Error(`the consent page answered ${answered.response.status}`)
    return answered.url
  }

  /** Opens a URL (the logout endpoint); returns where the browser ends up outside the emulator. */
  async open(url: string): Promise<string> {
    return (await this.follow(url)).url
  }
}
