/**
 * The signatures of the dtc-starter files that the guide's snippets import
 * (medusajs/dtc-starter, apps/storefront; bodies left out), and of Next.js's modules they use.
 */
export const STARTER_FILES: Record<string, string> = {
  "src/lib/data/cookies.ts": `
export declare const getCartId: () => Promise<string | undefined>
export declare const setCartId: (cartId: string) => Promise<void>
export declare const removeCartId: () => Promise<void>
export declare const getCacheTag: (tag: string) => Promise<string>
`,
  "src/lib/data/cart.ts": `
import { HttpTypes } from "@medusajs/types"
export declare function retrieveCart(cartId?: string, fields?: string): Promise<HttpTypes.StoreCart | null>
`,
  "src/modules/checkout/components/error-message/index.tsx": `
declare const ErrorMessage: (props: { error?: string | null; "data-testid"?: string }) => JSX.Element | null
export default ErrorMessage
`,
  "src/modules/common/components/ui/index.tsx": `
import { ButtonHTMLAttributes, ForwardRefExoticComponent, RefAttributes } from "react"
type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "transparent"
  size?: "small" | "medium" | "large"
  isLoading?: boolean
}
export declare const Button: ForwardRefExoticComponent<ButtonProps & RefAttributes<HTMLButtonElement>>
`,
  "node_modules/next/package.json": `{ "name": "next" }`,
  "node_modules/next/navigation.d.ts": `
export declare function useParams<T extends Record<string, string | string[]>>(): T
export declare function useSearchParams(): URLSearchParams
export declare function useRouter(): { push(href: string, options?: { scroll?: boolean }): void }
export declare function usePathname(): string
`,
  "node_modules/next/cache.d.ts": `export declare function revalidateTag(tag: string): void
`,
  "node_modules/next/server.d.ts": `export declare class NextRequest extends Request {
  readonly nextUrl: URL
}
`,
}
