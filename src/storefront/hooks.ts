"use client"

import { useEffect, useState } from "react"
import {
  ScalexpertStoreError,
  type ScalexpertStorefrontClient,
  type SimulationRequest,
} from "./fetch-client"
import type { ScalexpertEligibilityResponse, ScalexpertSimulationsResponse } from "./types"

/** The kit's data hooks: fetch with a client, or start from data fetched elsewhere. */

// ---------------------------------------------------------------------------------------------
// Data hooks
// ---------------------------------------------------------------------------------------------

export type RemoteState<T> = { data?: T; error?: ScalexpertStoreError; loading: boolean }

export function useRemote<T>(
  load: (() => Promise<T>) | undefined,
  key: string,
  initialData: T | undefined
): RemoteState<T> {
  const [state, setState] = useState<RemoteState<T> & { key?: string }>(() =>
    initialData ? { data: initialData, loading: false, key } : { loading: !!load }
  )
  useEffect(() => {
    if (!load || state.key === key) return
    let current = true
    setState((previous) => ({ data: previous.data, loading: true }))
    load().then(
      (data) => current && setState({ data, loading: false, key }),
      (error: unknown) =>
        current &&
        setState({
          loading: false,
          key,
          error:
            error instanceof ScalexpertStoreError
              ? error
              : new ScalexpertStoreError(error instanceof Error ? error.message : String(error), 0),
        })
    )
    return () => {
      current = false
    }
    // `load` is a new function on every render: `key` says when the request changed.
  }, [key, !!load])
  return { data: state.data, error: state.error, loading: state.loading }
}

/** Simulations for an amount and a country (product page). */
export function useScalexpertSimulations(
  client: ScalexpertStorefrontClient | undefined,
  request: SimulationRequest,
  initialData?: ScalexpertSimulationsResponse
): RemoteState<ScalexpertSimulationsResponse> {
  const key = JSON.stringify([
    request.amount,
    request.country,
    request.productId,
    request.solutionCodes,
  ])
  return useRemote(client && (() => client.getSimulations(request)), key, initialData)
}

/** A cart's eligible solutions (checkout). */
export function useScalexpertCartEligibility(
  client: ScalexpertStorefrontClient | undefined,
  cartId: string | undefined,
  initialData?: ScalexpertEligibilityResponse
): RemoteState<ScalexpertEligibilityResponse> {
  return useRemote(
    client && cartId ? () => client.getCartEligibility(cartId) : undefined,
    cartId ?? "",
    initialData
  )
}
