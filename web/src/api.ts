// REST calls to the console server; errors carry the server's problem message.
import type { EventView, Picture, RunLayout, RunState, ScenarioInfo } from "./types";

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail ?? `${method} ${path}: ${response.status}`);
  }
  return (await response.json()) as T;
}

export const api = {
  scenarios: () => call<ScenarioInfo[]>("GET", "/api/scenarios"),
  current: () => call<RunState>("GET", "/api/runs/current"),
  run: (id: string) => call<RunState>("GET", `/api/runs/${id}`),
  start: (scenario: string, seed: number, mode: string, speed: number) => call<RunState>("POST", "/api/runs", { scenario, seed, mode, speed }),
  layout: (id: string) => call<RunLayout>("GET", `/api/runs/${id}/layout`),
  picture: (id: string) => call<Picture>("GET", `/api/runs/${id}/picture`),
  replay: (id: string, time: number) => call<Picture>("GET", `/api/runs/${id}/replay?time=${time}`),
  events: (id: string) => call<EventView[]>("GET", `/api/runs/${id}/events`),
  clock: (id: string, paused: boolean | undefined, speed: number | undefined) => call<RunState>("PUT", `/api/runs/${id}/clock`, { paused, speed }),
  mode: (id: string, mode: string) => call<RunState>("PUT", `/api/runs/${id}/mode`, { mode }),
  approve: (id: string, rec: number) => call<unknown>("POST", `/api/runs/${id}/recommendations/${rec}/approve`, { operator: "console" }),
  veto: (id: string, rec: number) => call<unknown>("POST", `/api/runs/${id}/recommendations/${rec}/veto`, { operator: "console" }),
};
