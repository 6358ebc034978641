import { nextOpenRead, nextReadAt, type ScheduleSettings } from "../reconcile-schedule"

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const created = Date.parse("2026-12-01T10:00:00Z")

const settings: ScheduleSettings = {
  eventLog: true,
  reconciliationMaxAgeDays: 30,
  reconciliationAcceptedMaxAgeDays: 120,
  reconciliationAcceptedIntervalMinutes: 60,
}
const after = (at: Date | null) => (at ? at.getTime() - created : null)

describe("reconciliation schedule", () => {
  it("reads an open file 1, 5, 15 and 60 minutes after its creation, then every 6 hours, until it expires", () => {
    const reads: number[] = []
    for (let now = created; reads.length < 8;) {
      const next = nextOpenRead(created, now, 30)
      if (!next) break
      reads.push(next.getTime() - created)
      now = next.getTime()
    }
    expect(reads).toEqual([
      MINUTE,
      5 * MINUTE,
      15 * MINUTE,
      HOUR,
      7 * HOUR,
      13 * HOUR,
      19 * HOUR,
      25 * HOUR,
    ])
    // A late run lands on the ladder again, not a step after its own time.
    expect(after(nextOpenRead(created, created + 3 * HOUR, 30))).toBe(7 * HOUR)
    expect(nextOpenRead(created, created + 30 * DAY, 30)).toBeNull()
  })

  it("an accepted file with an order waits for the event log; without it, back-off by age", () => {
    const file = { status: "ACCEPTED", order_id: "order_1", created_at: new Date(created) }
    expect(nextReadAt(file, created + HOUR, settings)).toBeNull()
    const fallback = { ...settings, eventLog: false }
    expect(after(nextReadAt(file, created + HOUR, fallback))).toBe(2 * HOUR)
    expect(after(nextReadAt(file, created + 2 * DAY, fallback))).toBe(2 * DAY + 6 * HOUR)
    expect(after(nextReadAt(file, created + 30 * DAY, fallback))).toBe(31 * DAY)
    expect(nextReadAt(file, created + 120 * DAY, fallback)).toBeNull()
  })

  it("work in progress on an accepted file is looked at again; final files never", () => {
    const accepted = { status: "ACCEPTED", order_id: "order_1", created_at: new Date(created) }
    const now = created + DAY
    const german = { ...accepted, pending_cancellation: { amount: 10 } }
    expect(nextReadAt(german, now, settings)!.getTime() - now).toBe(6 * HOUR)
    for (const status of ["REJECTED", "ABORTED", "CANCELLED"]) {
      expect(nextReadAt({ ...accepted, status }, now, settings)).toBeNull()
    }
    // Accepted without an order (the order could not be made yet): still on the open ladder.
    const noOrder = { ...accepted, order_id: null }
    expect(after(nextReadAt(noOrder, created + 2 * MINUTE, settings))).toBe(5 * MINUTE)
  })
})
