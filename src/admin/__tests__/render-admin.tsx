import { TooltipProvider } from "@medusajs/ui"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import i18next from "i18next"
import type { ReactNode } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import { I18nextProvider, initReactI18next } from "react-i18next"
import texts from "../i18n"

/**
 * Renders an admin extension to HTML as the dashboard would (its i18n in `language`, a query
 * client, Medusa UI's tooltip provider), without a browser: what it shows, not how it reacts.
 */
export function renderAdmin(
  node: ReactNode,
  language: "en" | "fr" | "de" = "en",
  client = queryClient()
): string {
  const i18n = i18next.createInstance()
  void i18n.use(initReactI18next).init({
    lng: language,
    fallbackLng: "en",
    resources: texts,
    initImmediate: false,
    interpolation: { escapeValue: false },
  })
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <TooltipProvider>{node}</TooltipProvider>
      </I18nextProvider>
    </QueryClientProvider>
  )
}

/** A query client answering nothing by itself: prefill it with `setQueryData`. */
export const queryClient = () =>
  new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })

/** The visible text of rendered HTML (tags dropped, entities of apostrophes decoded). */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim()
