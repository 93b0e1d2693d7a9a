/**
 * Test helpers for calling a route's loader or action (or its *.server.ts dispatcher) directly: a
 * FormData as a browser posts it (a file field as a File of real bytes), and what came back, a
 * response, React Router's `data()`, or a thrown one, as plain fields to assert on.
 */
export function form(entries: readonly (readonly [string, string | File])[]) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

export async function outcome(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value === null) return { thrown: false, status: null, location: null, data: null };
    if (value instanceof Response) return { thrown: false, status: value.status, location: value.headers.get("Location"), data: undefined };
    const d = value as { data: unknown; init: { status: number } | null };
    return { thrown: false, status: d.init?.status, location: null, data: d.data };
  } catch (error) {
    const d = error as { data: unknown; init: { status: number } | null };
    return { thrown: true, status: d.init?.status, location: null, data: d.data };
  }
}
