import type { AxiosInstance } from "axios"
import type { DemoStore } from "../../scripts/seed-demo"

/** Logs the seeded admin in and returns the headers of an authenticated admin request. */
export async function adminHeaders(api: AxiosInstance, demo: DemoStore) {
  const { data } = await api.post("/auth/user/emailpass", {
    email: demo.adminEmail,
    password: demo.adminPassword,
  })
  return { headers: { authorization: `Bearer ${data.token}` } }
}
