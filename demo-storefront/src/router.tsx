import { useEffect, useState, type MouseEvent, type ReactNode } from "react"

/** The demo shop's tiny router: the path and query of the page, and links that keep the page. */
export function useLocation() {
  const [location, setLocation] = useState(() => ({
    path: window.location.pathname,
    search: window.location.search,
  }))
  useEffect(() => {
    const update = () =>
      setLocation({ path: window.location.pathname, search: window.location.search })
    window.addEventListener("popstate", update)
    return () => window.removeEventListener("popstate", update)
  }, [])
  return location
}

export function navigate(to: string) {
  window.history.pushState(null, "", to)
  window.dispatchEvent(new PopStateEvent("popstate"))
  window.scrollTo(0, 0)
}

export function Link({
  to,
  children,
  testId,
}: {
  to: string
  children: ReactNode
  testId?: string
}) {
  const onClick = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} onClick={onClick} data-testid={testId}>
      {children}
    </a>
  )
}
