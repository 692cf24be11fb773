import { describe, expect, it } from "vitest";
import { addToSeries, decodeTracks, ellipse, money, pushTrail, roundsOf, runClock, sidc, TrackStride, type SeriesPoint } from "./format";

describe("runClock", () => {
  it("formats seconds as hh:mm:ss", () => {
    expect(runClock(0)).toBe("00:00:00");
    expect(runClock(3725)).toBe("01:02:05");
    expect(runClock(86399.6)).toBe("24:00:00");
  });
});

describe("money", () => {
  it("scales to k$, M$ and G$", () => {
    expect(money(950)).toBe("950 $");
    expect(money(5000)).toBe("5 k$");
    expect(money(4_000_000)).toBe("4 M$");
    expect(money(1_250_000_000)).toBe("1.25 G$");
    expect(money(12_500)).toBe("12.5 k$");
  });
});

describe("sidc", () => {
  it("gives hostile air codes of 15 characters, unknown for unclassified", () => {
    expect(sidc("Drone")).toBe("SHAPMFQ--------");
    expect(sidc(undefined)).toBe("SUAP-----------");
    for (const c of ["Drone", "Decoy", "Cruise", "Ballistic", "Aircraft", "Civil", "Friendly", undefined]) expect(sidc(c)).toHaveLength(15);
  });

  it("gives identified aircraft their affiliation: hostile, neutral civil, friend", () => {
    expect(sidc("Aircraft")).toBe("SHAPMF---------");
    expect(sidc("Civil")).toBe("SNAPCF---------");
    expect(sidc("Friendly")).toBe("SFAPMF---------");
  });
});

describe("pushTrail", () => {
  it("keeps the newest points", () => {
    const trail: number[][] = [];
    for (let i = 0; i < 5; i++) pushTrail(trail, [i, i], 3);
    expect(trail).toEqual([[2, 2], [3, 3], [4, 4]]);
  });
});

describe("ellipse", () => {
  it("puts the major axis along the bearing", () => {
    // 1 km major axis due north at the equator: the first point is 1000 m north = 1000 / 111320 degrees.
    const pts = ellipse(0, 0, 1000, 500, 0, 4);
    expect(pts[0][0]).toBeCloseTo(0, 9);
    expect(pts[0][1]).toBeCloseTo(1000 / 111_320, 9);
    // a quarter turn on: the minor axis, 500 m west (across = -sin b... at b = 0 across is east) -> east 500 m.
    expect(pts[1][0]).toBeCloseTo(500 / 111_320, 9);
    expect(pts[1][1]).toBeCloseTo(0, 9);
    expect(pts).toHaveLength(5);
    expect(pts[4][1]).toBeCloseTo(pts[0][1], 12);
  });
});

describe("decodeTracks", () => {
  it("reads each stride of the flat array as one track, class by index or none", () => {
    const flat = [7, 1, 50.45, 30.52, 120, -50, 10.5, 0, 0, 9, 0, 49.1, 31, 3000, 600, -700.2, -5, -1];
    const tracks = decodeTracks(flat, ["Drone", "Decoy"]);
    expect(flat.length / TrackStride).toBe(2);
    expect(tracks).toEqual([
      { id: 7, confirmed: true, lat: 50.45, lon: 30.52, height: 120, vEast: -50, vNorth: 10.5, vUp: 0, class: "Drone" },
      { id: 9, confirmed: false, lat: 49.1, lon: 31, height: 3000, vEast: 600, vNorth: -700.2, vUp: -5, class: undefined },
    ]);
  });
});

describe("addToSeries", () => {
  const ev = (time: number, kind: string, detail = "") => ({ time, kind, threatId: 1, threatClass: "Drone", trackId: 1, effector: null, detail });
  it("counts impacts as leakers and engagement rounds, a point where a count changes", () => {
    const series: SeriesPoint[] = [];
    addToSeries(series, [ev(10, "Launch"), ev(60, "Engagement", "2 round(s), Pk 0.80, intercept at 00:01:30"), ev(90, "Kill")]);
    addToSeries(series, [ev(120, "Impact", "hit Power plant"), ev(130, "Engagement", "1 round(s), Pk 0.60"), ev(200, "Impact", "open ground")]);
    expect(series).toEqual([{ time: 60, leaked: 0, rounds: 2 }, { time: 120, leaked: 1, rounds: 2 }, { time: 130, leaked: 1, rounds: 3 }, { time: 200, leaked: 2, rounds: 3 }]);
  });
  it("reads no rounds from a detail that does not start with them", () => {
    expect(roundsOf("12 round(s), Pk 0.9")).toBe(12);
    expect(roundsOf("Pk 0.9")).toBe(0);
  });
});
