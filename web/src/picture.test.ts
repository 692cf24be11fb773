import { describe, expect, it } from "vitest";
import { heading, latLon, score, toGo, utcClock } from "./format";
import { holdsOf, inventory, isShown, noFilter, readout, threatRows } from "./picture";
import { AlertWatch } from "./alerts";
import type { Picture, ThreatView } from "./types";

describe("toGo", () => {
  it("reads m:ss under an hour, h:mm:ss above, now under a second, - when unknown", () => {
    expect(toGo(185)).toBe("3:05");
    expect(toGo(59.6)).toBe("1:00");
    expect(toGo(3725)).toBe("1:02:05");
    expect(toGo(0.4)).toBe("now");
    expect(toGo(-3)).toBe("-");
    expect(toGo(Number.POSITIVE_INFINITY)).toBe("-");
    expect(toGo(Number.NaN)).toBe("-");
  });
});

describe("score", () => {
  it("never shows an exponent for the scores seen", () => {
    expect(score(2.65e-85)).toBe("<0.001");
    expect(score(0)).toBe("0");
    expect(score(0.0123456)).toBe("0.0123");
    expect(score(1234.5)).toBe("1230");
    expect(score(2.5)).toBe("2.5");
  });
});

describe("utcClock", () => {
  const start = Date.UTC(2025, 6, 9, 20, 0, 0); // record-night.yaml: 2025-07-09T20:00:00Z
  it("adds simulated seconds to the scenario start", () => {
    expect(utcClock(start, 0)).toBe("20:00:00Z");
    expect(utcClock(start, 3725)).toBe("21:02:05Z");
  });
  it("names the date once past midnight", () => {
    expect(utcClock(start, 4 * 3600 + 1)).toBe("2025-07-10 00:00:01Z");
  });
});

describe("heading and position", () => {
  it("gives the course clockwise from north", () => {
    expect(heading(0, 10)).toBe(0);
    expect(heading(10, 0)).toBe(90);
    expect(heading(0, -10)).toBe(180);
    expect(heading(-10, 0)).toBe(270);
    expect(heading(10, 10)).toBe(45);
    expect(heading(0, 0)).toBeNull();
  });
  it("writes hemispheres", () => {
    expect(latLon(50.45, 30.5234)).toBe("50.4500°N 30.5234°E");
    expect(latLon(-1.5, -70.25)).toBe("1.5000°S 70.2500°W");
  });
});

const threat = (trackId: number, over: Partial<ThreatView> = {}): ThreatView => ({
  trackId, class: "Drone", confidence: 0.9, asset: "Kyiv", impactLat: 50, impactLon: 30, timeToGo: 600, threatensDefendedArea: true,
  score: 1, sigmaMajor: 0, sigmaMinor: 0, ellipseBearing: 0, ...over,
});

function picture(over: Partial<Picture> = {}): Picture {
  return {
    runId: "r", time: 100, finished: false, clock: { paused: false, speed: 1 }, mode: "manual",
    tracks: [
      { id: 1, confirmed: true, lat: 50, lon: 30, height: 120, vEast: 30, vNorth: 40, vUp: -1, class: "Cruise" },
      { id: 2, confirmed: true, lat: 50, lon: 30, height: 300, vEast: 0, vNorth: 40, vUp: 0, class: "Drone" },
      { id: 3, confirmed: false, lat: 50, lon: 30, height: 300, vEast: 0, vNorth: 40, vUp: 0 },
      { id: 4, confirmed: true, lat: 50, lon: 30, height: 300, vEast: 0, vNorth: 40, vUp: 0, class: "Drone" },
    ],
    threats: [
      threat(4, { timeToGo: 0, firstArrival: 0 }),
      threat(1, { class: "Cruise", asset: "Kyiv", timeToGo: 180, firstAsset: "Power plant", firstArrival: 18 }),
      threat(2, { threatensDefendedArea: false, asset: null, timeToGo: 40, score: 2.65e-85 }),
    ],
    recommendations: [{ id: 9, effector: "G1", effectorClass: "Gun", trackId: 1, rounds: 2, launchTime: 104, interceptTime: 130,
      killProbability: 0.8, cost: 1000, proposedAt: 99, approved: false, releaseAt: null, version: 1,
      threatClass: "Cruise", confidence: 0.9, asset: "Kyiv", timeToGo: 180, why: "", deadline: null, deadlineKind: null }],
    fireUnits: [
      { id: "S1", roundsLeft: 0, magazine: 4, readyAt: 0, engaging: [4], lat: 50, lon: 30 },
      { id: "G1", roundsLeft: 10, magazine: 10, readyAt: 120, engaging: [], lat: 50, lon: 30 },
    ],
    newEvents: [], summary: { launched: 0, destroyed: 0, leaked: 0, rounds: 0, defenderSpend: 0, attackerSpendDestroyed: 0, costExchangeRatio: 0, damage: 0,
      impacts: 0, assessedKills: 0, truth: false },
    sentAt: 0, ...over,
  };
}

describe("readout", () => {
  it("names the asset it may strike first and its arrival, not the most valuable one's", () => {
    const r = readout(picture(), 1)!;
    expect(r.cls).toBe("Cruise");
    expect(r.asset).toBe("Power plant");
    expect(r.toGo).toBe("0:18");
    expect(r.mostAtRisk).toBe("Kyiv in 3:00");
    expect(r.altitude).toBe("120 m");
    expect(r.speed).toBe("50 m/s (180 km/h)");
    expect(r.heading).toBe("037°"); // atan2(30, 40) = 36.87°
    expect(r.engagement).toBe("proposed: G1");
    expect(r.intercept).toBe("0:30");
  });
  it("says who engages a track and when nothing threatens", () => {
    expect(readout(picture(), 4)!.engagement).toBe("engaged by S1");
    const r = readout(picture(), 2)!;
    expect(r.toGo).toBe("-");
    expect(r.asset).toBe("none threatened");
    expect(readout(picture(), 42)).toBeNull();
  });
});

describe("threatRows", () => {
  it("puts threats over their asset and those threatening nothing after the rest, with honest figures", () => {
    const { rows, notShown } = threatRows(picture(), noFilter(), 30);
    expect(rows.map((r) => r.trackId)).toEqual([1, 4, 2]);
    expect(rows[0]).toMatchObject({ asset: "Power plant", toGo: "0:18" });
    expect(rows[1]).toMatchObject({ toGo: "over asset", engagedBy: "S1" });
    expect(rows[2]).toMatchObject({ asset: "-", toGo: "-", score: "<0.001" });
    expect(notShown).toBe(0);
  });
  it("counts the rows cut and the threats the server did not send", () => {
    expect(threatRows(picture(), noFilter(), 1).notShown).toBe(2);
    expect(threatRows(picture(), noFilter(), 1, 10).notShown).toBe(9);
  });
  it("leaves out filtered classes and marks held tracks", () => {
    const f = noFilter();
    f.hiddenClasses.add("Drone");
    const p = picture({ holds: [{ trackId: 1, operator: "bm", time: 90, at: "2026-12-07T00:01:30Z" }] });
    const { rows } = threatRows(p, f, 30);
    expect(rows.map((r) => r.trackId)).toEqual([1]);
    expect(rows[0].held).toBe(true);
    expect(holdsOf(p).get(1)?.operator).toBe("bm");
    expect(holdsOf(picture()).size).toBe(0);
  });
});

describe("filter", () => {
  it("hides tentative tracks and classes", () => {
    const f = noFilter();
    f.hideTentative = true;
    expect(isShown({ id: 3, confirmed: false, lat: 0, lon: 0, height: 0, vEast: 0, vNorth: 0, vUp: 0 }, f)).toBe(false);
    f.hideTentative = false;
    f.hiddenClasses.add("Unknown");
    expect(isShown({ id: 3, confirmed: false, lat: 0, lon: 0, height: 0, vEast: 0, vNorth: 0, vUp: 0 }, f)).toBe(false);
  });
});

describe("inventory", () => {
  it("shows rounds, empty and reloading, grouped by kind", () => {
    const kinds = new Map([["S1", { kind: "long-range SAM", nation: "UA" }], ["G1", { kind: "gun", nation: "UA" }]]);
    const rows = inventory(picture().fireUnits, kinds, 100);
    expect(rows.map((r) => [r.id, r.rounds, r.state])).toEqual([["G1", "10/10", "reloading 0:20"], ["S1", "0/4", "empty"]]);
  });
});

describe("alerts", () => {
  it("raises a new threat, a decision near its deadline and an impact once each", () => {
    const w = new AlertWatch();
    const p = picture({ newEvents: [{ time: 100, kind: "Impact", threatId: 1, threatClass: "Drone", trackId: 7, effector: null, detail: "Kyiv" }] });
    const kinds = w.check(p).map((a) => a.kind);
    expect(kinds).toEqual(["threat", "decision", "impact"]);
    expect(w.check({ ...p, newEvents: [] })).toEqual([]);
  });
});
