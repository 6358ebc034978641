/**
 * Loads the admin dashboard once: its first visit makes Vite build the dashboard and its
 * extensions (Medusa serves it as `npm run dev` does), so that no test pays for it.
 */
export async function warmAdmin(adminUrl: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  let last = ""
  while (Date.now() < deadline) {
    try {
      const page = await fetch(`${adminUrl}/login`)
      const html = await page.text()
      if (page.ok && /<script/i.test(html)) {
        // The entry module and what it imports directly (the dashboard and the extensions).
        const entries = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1])
        for (const src of entries) {
          const url = new URL(src, adminUrl).href
          const script = await fetch(url)
          if (!script.ok) throw new Error(`${url}: ${script.status}`)
          const code = await script.text()
          for (const m of code.matchAll(/from\s+"(\/[^"]+)"/g)) {
            await fetch(new URL(m[1], adminUrl).href).catch(() => undefined)
          }
        }
        return
      }
      last = `${page.status}`
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`The admin did not load at ${adminUrl} (${last})`)
}
