// Pure helpers of the console, unit-tested with vitest.
import type { LivePicture, Picture, TrackView } from "./types";

/** Seconds from the start of the run as hh:mm:ss. */
export function runClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/** Money in dollars, short: 950 $, 5 k$, 4 M$, 1.2 G$. */
export function money(dollars: number): string {
  const units: [number, string][] = [[1e9, "G$"], [1e6, "M$"], [1e3, "k$"]];
  for (const [scale, unit] of units) if (Math.abs(dollars) >= scale) return `${trim(dollars / scale)} ${unit}`;
  return `${trim(dollars)} $`;
}

function trim(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1).replace(/\.0$/, "") : x.toFixed(2).replace(/\.?0+$/, "");
}

/** MIL-STD-2525C symbol code (15 characters) of a track by the evaluator's class; unclassified tracks are unknown air. */
export function sidc(threatClass: string | undefined): string {
  switch (threatClass) {
    case "Drone": return "SHAPMFQ--------";
    case "Decoy": return "SUAPMFQ--------";
    case "Cruise": return "SHAPWMA--------";
    case "Ballistic": return "SHAPWMB--------";
    default: return "SUAP-----------";
  }
}

/** Appends a point to a trail, keeping at most `max` points (oldest dropped). */
export function pushTrail(trail: number[][], point: number[], max: number): number[][] {
  trail.push(point);
  if (trail.length > max) trail.splice(0, trail.length - max);
  return trail;
}

/**
 * Points of an ellipse around (lat, lon): semi-axes in metres, major axis bearing in degrees clockwise from north,
 * on a local flat earth (good to a few metres at the sizes of impact ellipses). Returns [lon, lat] pairs, closed.
 */
export function ellipse(lat: number, lon: number, major: number, minor: number, bearingDeg: number, n = 36): number[][] {
  const metresPerDegLat = 111_320;
  const metresPerDegLon = metresPerDegLat * Math.cos((lat * Math.PI) / 180);
  const b = (bearingDeg * Math.PI) / 180;
  const points: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const t = (2 * Math.PI * i) / n;
    const along = major * Math.cos(t);
    const across = minor * Math.sin(t);
    // along the bearing: east = sin b, north = cos b; across: east = cos b, north = -sin b
    const east = along * Math.sin(b) + across * Math.cos(b);
    const north = along * Math.cos(b) - across * Math.sin(b);
    points.push([lon + east / metresPerDegLon, lat + north / metresPerDegLat]);
  }
  return points;
}

/** Numbers per track in a live picture's flat track array: id, confirmed, lat, lon, height, vEast, vNorth, vUp, class index. */
export const TrackStride = 9;

/** The tracks of a live picture's flat array as objects. */
export function decodeTracks(flat: number[], classes: string[]): TrackView[] {
  const tracks: TrackView[] = new Array(Math.floor(flat.length / TrackStride));
  for (let i = 0, k = 0; k < tracks.length; i += TrackStride, k++) {
    const c = flat[i + 8];
    tracks[k] = {
      id: flat[i], confirmed: flat[i + 1] === 1, lat: flat[i + 2], lon: flat[i + 3], height: flat[i + 4],
      vEast: flat[i + 5], vNorth: flat[i + 6], vUp: flat[i + 7], class: c >= 0 ? classes[c] : undefined,
    };
  }
  return tracks;
}

/** A live (hub) picture in the shape of the REST picture. */
export function decodePicture(p: LivePicture): Picture {
  return { ...p, tracks: decodeTracks(p.tracks, p.classes) };
}
