// REST calls to the console server; errors carry the server's problem message. Every call that changes something
// carries the X-Canopy-Request header the server requires (a page of another site cannot send it).
import type { AccountView, EventView, HoldView, Picture, RunLayout, RunState, ScenarioInfo } from "./types";

/** A refused call: the HTTP status (401 not signed in, 403 not allowed, ...) and the server's reason. */
export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** Called when the server says the session is gone (401), e.g. to show the sign-in form. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== "GET") headers["x-canopy-request"] = "1";
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    if (response.status === 401 && !path.startsWith("/api/session")) onSignedOut();
    // A refused decision (409) says why in `error`; other problems in `detail`.
    throw new ApiError(problem.error ?? problem.detail ?? `${method} ${path}: ${response.status}`, response.status);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Sends without waiting for or reading the answer (the console's measurements). */
export function post(path: string, body: unknown): void {
  fetch(path, { method: "POST", headers: { "content-type": "application/json", "x-canopy-request": "1" }, body: JSON.stringify(body) })
    .catch(() => undefined);
}

export const api = {
  session: () => call<AccountView>("GET", "/api/session"),
  signIn: (name: string, password: string) => call<AccountView>("POST", "/api/session", { name, password }),
  signInWithTicket: (ticket: string) => call<AccountView>("POST", "/api/session/ticket", { ticket }),
  signOut: () => call<void>("DELETE", "/api/session"),
  scenarios: () => call<ScenarioInfo[]>("GET", "/api/scenarios"),
  current: () => call<RunState>("GET", "/api/runs/current"),
  run: (id: string) => call<RunState>("GET", `/api/runs/${id}`),
  start: (scenario: string, seed: number, mode: string, speed: number) => call<RunState>("POST", "/api/runs", { scenario, seed, mode, speed }),
  stop: (id: string) => call<RunState>("DELETE", `/api/runs/${id}`),
  layout: (id: string) => call<RunLayout>("GET", `/api/runs/${id}/layout`),
  picture: (id: string) => call<Picture>("GET", `/api/runs/${id}/picture`),
  replay: (id: string, time: number) => call<Picture>("GET", `/api/runs/${id}/replay?time=${time}`),
  events: (id: string) => call<EventView[]>("GET", `/api/runs/${id}/events`),
  clock: (id: string, paused: boolean | undefined, speed: number | undefined) => call<RunState>("PUT", `/api/runs/${id}/clock`, { paused, speed }),
  mode: (id: string, mode: string) => call<RunState>("PUT", `/api/runs/${id}/mode`, { mode }),
  /** Approves recommendation `rec` as seen in its `version`; refused (409, the reason) if it changed pairing or is no longer feasible. */
  approve: (id: string, rec: number, version: number) => call<unknown>("POST", `/api/runs/${id}/recommendations/${rec}/approve`, { version }),
  veto: (id: string, rec: number, version: number) => call<unknown>("POST", `/api/runs/${id}/recommendations/${rec}/veto`, { version }),
  hold: (id: string, track: number) => call<unknown>("POST", `/api/runs/${id}/tracks/${track}/hold`),
  release: (id: string, track: number) => call<unknown>("DELETE", `/api/runs/${id}/tracks/${track}/hold`),
  holds: (id: string) => call<HoldView[]>("GET", `/api/runs/${id}/holds`),
  runs: () => call<RunState[]>("GET", "/api/runs"),
};
