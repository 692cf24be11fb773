// The offline map: Natural Earth borders, defended assets, sensor coverage, effector zones, tracks with trails and
// velocity leaders, predicted impacts (ellipses for ballistic threats, predicted paths for the rest).
import Map from "ol/Map";
import View from "ol/View";
import Feature from "ol/Feature";
import VectorLayer from "ol/layer/Vector";
import VectorImageLayer from "ol/layer/VectorImage";
import VectorSource from "ol/source/Vector";
import GeoJSON from "ol/format/GeoJSON";
import { LineString, Point, Polygon } from "ol/geom";
import { circular } from "ol/geom/Polygon";
import { fromLonLat } from "ol/proj";
import { Circle as CircleStyle, Fill, Icon, Stroke, Style, Text } from "ol/style";
import { feature as topoFeature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import countries from "world-atlas/countries-50m.json";
import ms from "milsymbol";
import { ellipse, pushTrail, sidc } from "./format";
import type { FireUnitView, Picture, RunLayout } from "./types";

const TrailPoints = 30;
/** Above this many tracks, symbols lose their id labels and only the highest-scored threats show impacts and paths. */
const DenseTracks = 300;
const DenseImpacts = 100;
const LeaderSeconds = 60;
/** Above DenseTracks, trails take a point every this many pictures (the symbol and leader still move every picture). */
const DenseTrailEvery = 3;

/** A layer that moves every picture: drawn afresh each frame. */
function layer(source: VectorSource, style?: Style | ((f: Feature) => Style | Style[])) {
  return new VectorLayer({ source, style: style as never, updateWhileAnimating: true, updateWhileInteracting: true });
}

/**
 * A layer that rarely changes (borders, assets, coverage, zones): drawn once to an image that frames reuse until it or
 * the view changes, so 10 pictures a second do not redraw the Natural Earth borders each time.
 */
function staticLayer(source: VectorSource, style: Style | ((f: Feature) => Style | Style[])) {
  return new VectorImageLayer({ source, style: style as never, imageRatio: 1.5 });
}

function ring(lat: number, lon: number, radius: number): Polygon {
  return circular([lon, lat], Math.max(radius, 1), 64).transform("EPSG:4326", "EPSG:3857") as Polygon;
}

const symbolCache = new globalThis.Map<string, Icon>();
function symbol(code: string): Icon {
  let icon = symbolCache.get(code);
  if (!icon) {
    const s = new ms.Symbol(code, { size: 16 });
    const anchor = s.getAnchor();
    const size = s.getSize();
    icon = new Icon({ img: s.asCanvas(), width: size.width, height: size.height, anchor: [anchor.x, anchor.y], anchorXUnits: "pixels", anchorYUnits: "pixels" });
    symbolCache.set(code, icon);
  }
  return icon;
}

/** The console's map and its layers; feature counts are exposed for the browser tests. */
export class AirPictureMap {
  readonly borders = new VectorSource();
  readonly assets = new VectorSource();
  readonly sensors = new VectorSource();
  readonly effectors = new VectorSource();
  // Moving layers change every picture: no spatial index (re-indexing thousands of geometries costs more than it saves).
  readonly tracks = new VectorSource({ useSpatialIndex: false });
  readonly trails = new VectorSource({ useSpatialIndex: false });
  readonly impacts = new VectorSource({ useSpatialIndex: false });
  readonly map: Map;
  private readonly trackFeatures = new globalThis.Map<number, { point: Feature<Point>; trail: Feature<LineString>; leader: Feature<LineString>; history: number[][] }>();
  private readonly effectorFeatures = new globalThis.Map<string, Feature>();
  private pictures = 0;

  constructor(target: HTMLElement) {
    const topo = countries as unknown as Topology<{ countries: GeometryCollection }>;
    const geojson = topoFeature(topo, topo.objects.countries);
    this.borders.addFeatures(new GeoJSON().readFeatures(geojson, { featureProjection: "EPSG:3857" }));
    const leaderStyle = new Style({ stroke: new Stroke({ color: "rgba(255,90,90,0.95)", width: 1.5 }) });
    const trailStyle = new Style({ stroke: new Stroke({ color: "rgba(255,160,120,0.6)", width: 1 }) });
    const impactStyle = new Style({
      fill: new Fill({ color: "rgba(255,200,0,0.12)" }),
      stroke: new Stroke({ color: "rgba(255,200,0,0.9)", width: 1 }),
      image: new CircleStyle({ radius: 3, fill: new Fill({ color: "#ffc800" }) }),
    });
    const pathStyle = new Style({ stroke: new Stroke({ color: "rgba(255,200,0,0.7)", width: 1, lineDash: [6, 4] }) });
    const iconOnly = new globalThis.Map<string, Style>();
    const trackStyle = (f: Feature) => {
      const code = f.get("sidc") as string;
      if (this.trackFeatures.size > DenseTracks) {
        let style = iconOnly.get(code);
        if (!style) iconOnly.set(code, (style = new Style({ image: symbol(code) })));
        return style;
      }
      return new Style({
        image: symbol(code),
        text: new Text({ text: String(f.get("trackId")), font: "10px sans-serif", offsetY: 16, fill: new Fill({ color: "#ffd0c0" }) }),
      });
    };
    this.map = new Map({
      target,
      layers: [
        staticLayer(this.borders, new Style({ fill: new Fill({ color: "#1d2a33" }), stroke: new Stroke({ color: "#6b8797", width: 1 }) })),
        staticLayer(this.sensors, new Style({ stroke: new Stroke({ color: "rgba(120,200,255,0.35)", width: 1, lineDash: [4, 4] }) })),
        staticLayer(this.effectors, (f) => new Style({
          fill: new Fill({ color: "rgba(80,160,255,0.06)" }),
          stroke: new Stroke({ color: "rgba(80,160,255,0.8)", width: 1.2 }),
          text: new Text({ text: f.get("label"), font: "11px sans-serif", fill: new Fill({ color: "#9cc8ff" }), overflow: true }),
        })),
        staticLayer(this.assets, (f) => new Style({
          fill: new Fill({ color: "rgba(90,220,120,0.18)" }),
          stroke: new Stroke({ color: "#5adc78", width: 2 }),
          text: new Text({ text: f.get("label"), font: "bold 12px sans-serif", fill: new Fill({ color: "#bff5cc" }), overflow: true }),
        })),
        layer(this.impacts, (f) => (f.get("path") ? pathStyle : impactStyle)),
        layer(this.trails, (f) => (f.get("leader") ? leaderStyle : trailStyle)),
        layer(this.tracks, trackStyle),
      ],
      view: new View({ center: fromLonLat([30.5, 50.45]), zoom: 7 }),
    });
  }

  showLayout(layout: RunLayout): void {
    this.assets.clear();
    this.sensors.clear();
    this.effectors.clear();
    this.effectorFeatures.clear();
    this.clearPicture();
    for (const a of layout.assets)
      this.assets.addFeature(new Feature({ geometry: ring(a.lat, a.lon, a.radius), label: `${a.name} (${a.value})` }));
    for (const s of layout.sensors)
      this.sensors.addFeature(new Feature({ geometry: ring(s.lat, s.lon, s.coverage), label: s.name }));
    for (const e of layout.effectors) {
      const f = new Feature({ geometry: ring(e.lat, e.lon, e.maxRange), label: `${e.id} ${e.magazine}/${e.magazine}`, id: e.id, magazine: e.magazine,
        lat: e.lat, lon: e.lon, maxRange: e.maxRange });
      this.effectors.addFeature(f);
      this.effectorFeatures.set(e.id, f);
    }
    this.map.getView().fit(ring(layout.centreLat, layout.centreLon, layout.radiusMetres * 0.6).getExtent(), { padding: [10, 10, 10, 10] });
  }

  clearPicture(): void {
    this.tracks.clear();
    this.trails.clear();
    this.impacts.clear();
    this.trackFeatures.clear();
  }

  showPicture(p: Picture): void {
    const classOf = new globalThis.Map(p.threats.map((t) => [t.trackId, t.class] as const));
    const seen = new Set<number>();
    const addTracks: Feature[] = [];
    const addTrails: Feature[] = [];
    const trailNow = p.tracks.length <= DenseTracks || this.pictures++ % DenseTrailEvery === 0;
    for (const t of p.tracks) {
      seen.add(t.id);
      const at = fromLonLat([t.lon, t.lat]);
      const metresPerDegLat = 111_320;
      const ahead = fromLonLat([
        t.lon + (t.vEast * LeaderSeconds) / (metresPerDegLat * Math.cos((t.lat * Math.PI) / 180)),
        t.lat + (t.vNorth * LeaderSeconds) / metresPerDegLat,
      ]);
      let f = this.trackFeatures.get(t.id);
      if (!f) {
        f = {
          point: new Feature({ geometry: new Point(at), trackId: t.id }),
          trail: new Feature({ geometry: new LineString([at]) }),
          leader: new Feature({ geometry: new LineString([at, ahead]), leader: true }),
          history: [],
        };
        this.trackFeatures.set(t.id, f);
        addTracks.push(f.point);
        addTrails.push(f.trail, f.leader);
      }
      const code = sidc(t.class ?? classOf.get(t.id) ?? (t.confirmed ? undefined : "tentative"));
      if (f.point.get("sidc") !== code) f.point.set("sidc", code, true);
      f.point.getGeometry()!.setCoordinates(at);
      if (trailNow) f.trail.getGeometry()!.setCoordinates(pushTrail(f.history, at, TrailPoints));
      f.leader.getGeometry()!.setCoordinates([at, ahead]);
    }
    for (const [id, f] of this.trackFeatures) {
      if (seen.has(id)) continue;
      this.tracks.removeFeature(f.point);
      this.trails.removeFeature(f.trail);
      this.trails.removeFeature(f.leader);
      this.trackFeatures.delete(id);
    }
    if (addTracks.length) this.tracks.addFeatures(addTracks);
    if (addTrails.length) this.trails.addFeatures(addTrails);

    this.impacts.clear(true); // threats arrive ranked by score, highest first
    const impacts: Feature[] = [];
    const byId = new globalThis.Map(p.tracks.map((t) => [t.id, t] as const));
    let shown = 0;
    for (const th of p.threats) {
      if (!th.threatensDefendedArea) continue;
      if (p.tracks.length > DenseTracks && ++shown > DenseImpacts) break;
      const impact = fromLonLat([th.impactLon, th.impactLat]);
      impacts.push(new Feature({ geometry: new Point(impact) }));
      if (th.class === "Ballistic") {
        const pts = ellipse(th.impactLat, th.impactLon, Math.max(th.sigmaMajor * 2, 50), Math.max(th.sigmaMinor * 2, 50), th.ellipseBearing);
        impacts.push(new Feature({ geometry: new Polygon([pts.map((q) => fromLonLat(q))]) }));
      } else if (byId.get(th.trackId)) {
        const t = byId.get(th.trackId)!;
        impacts.push(new Feature({ geometry: new LineString([fromLonLat([t.lon, t.lat]), impact]), path: true }));
      }
    }
    this.impacts.addFeatures(impacts);
    for (const u of p.fireUnits) this.showFireUnit(u);
  }

  private showFireUnit(u: FireUnitView): void {
    const f = this.effectorFeatures.get(u.id);
    const label = `${u.id} ${u.roundsLeft}/${u.magazine}`;
    if (f && f.get("label") !== label) f.set("label", label);
    // A mobile fire group moved by its CoT position reports: its engagement zone follows it.
    if (f && (f.get("lat") !== u.lat || f.get("lon") !== u.lon)) {
      f.setGeometry(ring(u.lat, u.lon, f.get("maxRange") as number));
      f.set("lat", u.lat);
      f.set("lon", u.lon);
    }
  }

  /** Feature counts per layer, for tests and the benchmark. */
  counts(): Record<string, number> {
    return {
      borders: this.borders.getFeatures().length,
      assets: this.assets.getFeatures().length,
      sensors: this.sensors.getFeatures().length,
      effectors: this.effectors.getFeatures().length,
      tracks: this.tracks.getFeatures().length,
      impacts: this.impacts.getFeatures().length,
    };
  }
}
