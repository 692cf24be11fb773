import { describe, expect, it } from "vitest";
import { HeartbeatPeriodMs, HeartbeatTimeoutMs, retryDelay } from "./connection";

describe("reconnect backoff", () => {
  it("doubles from 0.5 s and stays at 5 s for ever", () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(retryDelay)).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
  it("notices a dead server within 2 s: a heartbeat period plus its timeout", () => {
    expect(HeartbeatPeriodMs + HeartbeatTimeoutMs).toBeLessThanOrEqual(2000);
  });
});
