// The offline map: Natural Earth borders, defended assets, sensor coverage, effector zones, fire units as symbols by kind,
// tracks with trails and velocity leaders, predicted impacts (ellipses for ballistic threats, predicted paths for the
// rest), engagements as lines from fire unit to track; a scale bar and the cursor's coordinates. Decluttered: labels only
// for the selected track, the top threats and when zoomed in (colliding labels dropped), dense tracks of one class drawn
// as one aggregate symbol with a count, filtered tracks not drawn.
import Map from "ol/Map";
import View from "ol/View";
import Feature from "ol/Feature";
import VectorLayer from "ol/layer/Vector";
import VectorImageLayer from "ol/layer/VectorImage";
import VectorSource from "ol/source/Vector";
import GeoJSON from "ol/format/GeoJSON";
import { LineString, MultiLineString, Point, Polygon } from "ol/geom";
import { circular } from "ol/geom/Polygon";
import { fromLonLat, toLonLat } from "ol/proj";
import ScaleLine from "ol/control/ScaleLine";
import MousePosition from "ol/control/MousePosition";
import { defaults as defaultControls } from "ol/control/defaults";
import { Circle as CircleStyle, Fill, Icon, Stroke, Style, Text } from "ol/style";
import { feature as topoFeature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import countries from "world-atlas/countries-50m.json";
import ms from "milsymbol";
import { ellipse, latLon, pushTrail, sidc } from "./format";
import { isShown, noFilter, type TrackFilter } from "./picture";
import type { FireUnitView, Picture, RunLayout } from "./types";

const TrailPoints = 30;
/** Above this many tracks only the highest-scored threats show impacts and paths. */
const DenseTracks = 300;
/** Track labels: the selected track, this many top threats, and every track when the view is finer than LabelResolution (m/pixel). */
const LabelledThreats = 12;
const LabelResolution = 150;
/** Fire unit labels when the view is finer than this (m/pixel). */
const UnitLabelResolution = 400;
/** Aggregation: tracks of one class in a square of this many pixels, at least AggregateMin of them, drawn as one symbol. */
const AggregatePixels = 28;
const AggregateMin = 4;
const DenseImpacts = 100;
const LeaderSeconds = 60;
/** Above DenseTracks, trails take a point every this many pictures (the symbol and leader still move every picture). */
const DenseTrailEvery = 3;

/** A layer that moves every picture: drawn afresh each frame. */
function layer(source: VectorSource, style?: Style | ((f: Feature) => Style | Style[] | undefined), declutter = false) {
  return new VectorLayer({ source, style: style as never, updateWhileAnimating: true, updateWhileInteracting: true, declutter });
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

/** MIL-STD-2525C code of a fire unit by its class: air defence, heavy/medium/light missile, gun, short range. */
export function unitSidc(cls: string): string {
  switch (cls) {
    case "LongRangeInterceptor": return "SFGPUCDMH------";
    case "MediumRangeInterceptor": return "SFGPUCDMM------";
    case "Gun": return "SFGPUCDG-------";
    case "MobileFireGroup": return "SFGPUCDS-------";
    case "InterceptorDrone": return "SFGPUCDML------";
    default: return "SFGPUCD--------";
  }
}

/** Fire unit kinds as the legend and inventory name them. */
export const UnitKinds: Record<string, string> = {
  LongRangeInterceptor: "long-range SAM", MediumRangeInterceptor: "medium-range SAM", Gun: "gun", MobileFireGroup: "mobile fire group",
  InterceptorDrone: "interceptor drones",
};

const symbolCache = new globalThis.Map<string, Icon>();
/** The symbol's image (a canvas) for the legend. */
export function symbolCanvas(code: string, size = 16): HTMLCanvasElement {
  return new ms.Symbol(code, { size }).asCanvas();
}
function symbol(code: string): Icon {
  let icon = symbolCache.get(code);
  if (!icon) {
    const s = new ms.Symbol(code, { size: 16 });
    const anchor = s.getAnchor();
    const size = s.getSize();
    icon = new Icon({ img: s.asCanvas(), width: size.width, height: size.height, anchor: [anchor.x, anchor.y], anchorXUnits: "pixels", anchorYUnits: "pixels", declutterMode: "none" });
    symbolCache.set(code, icon);
  }
  return icon;
}

/** A track on the map: its symbol, its trail (last positions) and the tip of its velocity leader. */
interface TrackFeatures { point: Feature<Point>; history: number[][]; ahead: number[]; cls: string; x: number; y: number }

/** The console's map and its layers; feature counts are exposed for the browser tests. */
export class AirPictureMap {
  readonly borders = new VectorSource();
  readonly assets = new VectorSource();
  readonly sensors = new VectorSource();
  readonly effectors = new VectorSource();
  readonly units = new VectorSource();
  // Moving layers change every picture: no spatial index (re-indexing thousands of geometries costs more than it saves).
  readonly tracks = new VectorSource({ useSpatialIndex: false });
  // Trails and leaders of all drawn tracks as two multi-line features: two style calls a frame instead of two per track.
  readonly trails = new VectorSource({ useSpatialIndex: false });
  private readonly trailLines = new Feature<MultiLineString>({ geometry: new MultiLineString([]) });
  private readonly leaderLines = new Feature<MultiLineString>({ geometry: new MultiLineString([]), leader: true });
  readonly impacts = new VectorSource({ useSpatialIndex: false });
  readonly engagements = new VectorSource({ useSpatialIndex: false });
  readonly aggregates = new VectorSource({ useSpatialIndex: false });
  readonly marks = new VectorSource({ useSpatialIndex: false });
  readonly map: Map;
  private readonly trackFeatures = new globalThis.Map<number, TrackFeatures>();
  private readonly effectorFeatures = new globalThis.Map<string, Feature>();
  private readonly unitFeatures = new globalThis.Map<string, Feature<Point>>();
  private readonly selectMark = new Feature<Point>({ geometry: new Point([0, 0]), mark: "selected" });
  private readonly hoverMark = new Feature<Point>({ geometry: new Point([0, 0]), mark: "hover" });
  private pictures = 0;
  private filter: TrackFilter = noFilter();
  private selected: number | null = null;
  private hovered: number | null = null;
  private labelled = new Set<number>();
  private last: Picture | null = null;
  /** Called with the track id clicked (null: clicked off any track) and hovered. */
  onSelect: (id: number | null) => void = () => undefined;
  onHover: (id: number | null, pixel: number[] | null) => void = () => undefined;

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
    const engagedStyle = new Style({ stroke: new Stroke({ color: "rgba(80,200,255,0.95)", width: 2 }) });
    const approvedStyle = new Style({ stroke: new Stroke({ color: "rgba(120,255,160,0.9)", width: 1.5, lineDash: [8, 4] }) });
    const proposedStyle = new Style({ stroke: new Stroke({ color: "rgba(200,200,200,0.7)", width: 1, lineDash: [2, 4] }) });
    const marks = {
      selected: new Style({ image: new CircleStyle({ radius: 13, stroke: new Stroke({ color: "#ffffff", width: 2 }) }) }),
      hover: new Style({ image: new CircleStyle({ radius: 11, stroke: new Stroke({ color: "#ffe066", width: 2 }) }) }),
    };
    const hidden = (f: Feature) => f.get("hidden") === true;
    const iconOnly = new globalThis.Map<string, Style>();
    const trackStyle = (f: Feature) => {
      if (hidden(f)) return undefined;
      const code = f.get("sidc") as string;
      const id = f.get("trackId") as number;
      if (!this.labelled.has(id)) {
        let style = iconOnly.get(code);
        if (!style) iconOnly.set(code, (style = new Style({ image: symbol(code) })));
        return style;
      }
      return new Style({
        image: symbol(code),
        text: new Text({ text: String(id), font: "11px sans-serif", offsetY: 16, fill: new Fill({ color: "#ffd0c0" }),
          stroke: new Stroke({ color: "#0b1a26", width: 3 }), declutterMode: "declutter" }),
      });
    };
    const unitStyle = (f: Feature) => {
      const labelled = (this.map.getView().getResolution() ?? Infinity) < UnitLabelResolution;
      return new Style({
        image: symbol(f.get("sidc") as string),
        text: labelled ? new Text({ text: f.get("label") as string, font: "11px sans-serif", offsetY: 18, fill: new Fill({ color: "#9cc8ff" }),
          stroke: new Stroke({ color: "#0b1a26", width: 3 }), declutterMode: "declutter" }) : undefined,
      });
    };
    const aggregateStyle = (f: Feature) => new Style({
      image: new CircleStyle({ radius: 11, fill: new Fill({ color: "rgba(160,30,30,0.85)" }), stroke: new Stroke({ color: "#ffb0a0", width: 1.5 }) }),
      text: new Text({ text: String(f.get("count")), font: "bold 11px sans-serif", fill: new Fill({ color: "#ffffff" }) }),
    });
    this.map = new Map({
      target,
      controls: defaultControls().extend([
        new ScaleLine({ units: "metric" }),
        new MousePosition({ className: "mouse-position", coordinateFormat: (c) => (c ? latLon(toLonLat(c)[1], toLonLat(c)[0]) : ""), placeholder: "" }),
      ]),
      layers: [
        staticLayer(this.borders, new Style({ fill: new Fill({ color: "#1d2a33" }), stroke: new Stroke({ color: "#6b8797", width: 1 }) })),
        staticLayer(this.sensors, new Style({ stroke: new Stroke({ color: "rgba(120,200,255,0.35)", width: 1, lineDash: [4, 4] }) })),
        staticLayer(this.effectors, new Style({ fill: new Fill({ color: "rgba(80,160,255,0.05)" }), stroke: new Stroke({ color: "rgba(80,160,255,0.6)", width: 1 }) })),
        staticLayer(this.assets, (f) => new Style({
          fill: new Fill({ color: "rgba(90,220,120,0.18)" }),
          stroke: new Stroke({ color: "#5adc78", width: 2 }),
          text: new Text({ text: f.get("label"), font: "bold 12px sans-serif", fill: new Fill({ color: "#bff5cc" }), overflow: true }),
        })),
        new VectorLayer({ source: this.units, style: unitStyle as never, declutter: true }),
        layer(this.impacts, (f) => (f.get("path") ? pathStyle : impactStyle)),
        layer(this.engagements, (f) => (f.get("state") === "engaged" ? engagedStyle : f.get("state") === "approved" ? approvedStyle : proposedStyle)),
        layer(this.trails, (f) => (f.get("leader") ? leaderStyle : trailStyle)),
        layer(this.aggregates, aggregateStyle),
        layer(this.tracks, trackStyle, true),
        layer(this.marks, (f) => marks[f.get("mark") as "selected" | "hover"]),
      ],
      view: new View({ center: fromLonLat([30.5, 50.45]), zoom: 7 }),
    });
    this.trails.addFeatures([this.trailLines, this.leaderLines]);
    // Zooming changes what is labelled and aggregated: redo it for the picture shown.
    this.map.getView().on("change:resolution", () => this.declutter());
    this.map.on("click", (e) => this.onSelect(this.trackAt(e.pixel)));
    let hoverPixel: number[] | null = null;
    this.map.on("pointermove", (e) => {
      if (e.dragging) return;
      if (hoverPixel === null) requestAnimationFrame(() => {
        const id = hoverPixel ? this.trackAt(hoverPixel) : null;
        target.style.cursor = id === null ? "" : "pointer";
        this.onHover(id, id === null ? null : hoverPixel);
        hoverPixel = null;
      });
      hoverPixel = e.pixel;
    });
  }

  /** The id of the drawn track under a pixel (within a few pixels), or null. */
  private trackAt(pixel: number[]): number | null {
    let id: number | null = null;
    this.map.forEachFeatureAtPixel(pixel, (f) => {
      id = f.get("trackId") as number;
      return true;
    }, { hitTolerance: 5, layerFilter: (l) => (l as VectorLayer).getSource() === this.tracks });
    return id;
  }

  showLayout(layout: RunLayout): void {
    this.assets.clear();
    this.sensors.clear();
    this.effectors.clear();
    this.units.clear();
    this.effectorFeatures.clear();
    this.unitFeatures.clear();
    this.clearPicture();
    for (const a of layout.assets)
      this.assets.addFeature(new Feature({ geometry: ring(a.lat, a.lon, a.radius), label: `${a.name} (${a.value})` }));
    for (const s of layout.sensors)
      this.sensors.addFeature(new Feature({ geometry: ring(s.lat, s.lon, s.coverage), label: s.name }));
    for (const e of layout.effectors) {
      const f = new Feature({ geometry: ring(e.lat, e.lon, e.maxRange), id: e.id, lat: e.lat, lon: e.lon, maxRange: e.maxRange });
      this.effectors.addFeature(f);
      this.effectorFeatures.set(e.id, f);
      const u = new Feature<Point>({ geometry: new Point(fromLonLat([e.lon, e.lat])), sidc: unitSidc(e.class), label: `${e.id} ${e.magazine}/${e.magazine}`, unitId: e.id });
      this.units.addFeature(u);
      this.unitFeatures.set(e.id, u);
    }
    this.map.getView().fit(ring(layout.centreLat, layout.centreLon, layout.radiusMetres * 0.6).getExtent(), { padding: [10, 10, 10, 10] });
  }

  clearPicture(): void {
    this.tracks.clear();
    this.trails.clear();
    this.impacts.clear();
    this.engagements.clear();
    this.aggregates.clear();
    this.marks.clear();
    this.trackFeatures.clear();
    this.trails.addFeatures([this.trailLines, this.leaderLines]);
    this.last = null;
  }

  /** Tracks the filter rejects are not drawn (nor their trails). */
  setFilter(filter: TrackFilter): void {
    this.filter = filter;
    this.declutter();
  }

  /** The selected track (ringed and labelled), or null. */
  select(id: number | null): void {
    this.selected = id;
    this.declutter();
  }

  /** The track highlighted from elsewhere (a table row under the pointer), or null. */
  highlight(id: number | null): void {
    this.hovered = id;
    this.placeMarks();
  }

  showPicture(p: Picture): void {
    this.last = p;
    const classOf = new globalThis.Map(p.threats.map((t) => [t.trackId, t.class] as const));
    const seen = new Set<number>();
    const addTracks: Feature[] = [];
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
        f = { point: new Feature({ geometry: new Point(at), trackId: t.id }), history: [], ahead, cls: "", x: 0, y: 0 };
        this.trackFeatures.set(t.id, f);
        addTracks.push(f.point);
      }
      const cls = t.class ?? classOf.get(t.id);
      f.cls = cls ?? (t.confirmed ? "Unknown" : "Tentative");
      f.x = at[0];
      f.y = at[1];
      const code = sidc(cls ?? (t.confirmed ? undefined : "tentative"));
      if (f.point.get("sidc") !== code) f.point.set("sidc", code, true);
      f.point.set("confirmed", t.confirmed, true);
      f.point.getGeometry()!.setCoordinates(at);
      if (trailNow || f.history.length === 0) pushTrail(f.history, at, TrailPoints);
      f.ahead = ahead;
    }
    for (const [id, f] of this.trackFeatures) {
      if (seen.has(id)) continue;
      this.tracks.removeFeature(f.point);
      this.trackFeatures.delete(id);
    }
    if (addTracks.length) this.tracks.addFeatures(addTracks);

    this.impacts.clear(true); // threats arrive ranked by score, highest first
    const impacts: Feature[] = [];
    const byId = new globalThis.Map(p.tracks.map((t) => [t.id, t] as const));
    let shown = 0;
    for (const th of p.threats) {
      if (!th.threatensDefendedArea) continue;
      const t = byId.get(th.trackId);
      if (t && !isShown({ ...t, class: t.class ?? th.class }, this.filter)) continue;
      if (p.tracks.length > DenseTracks && ++shown > DenseImpacts) break;
      const impact = fromLonLat([th.impactLon, th.impactLat]);
      impacts.push(new Feature({ geometry: new Point(impact) }));
      if (th.class === "Ballistic") {
        const pts = ellipse(th.impactLat, th.impactLon, Math.max(th.sigmaMajor * 2, 50), Math.max(th.sigmaMinor * 2, 50), th.ellipseBearing);
        impacts.push(new Feature({ geometry: new Polygon([pts.map((q) => fromLonLat(q))]) }));
      } else if (t) {
        impacts.push(new Feature({ geometry: new LineString([fromLonLat([t.lon, t.lat]), impact]), path: true }));
      }
    }
    this.impacts.addFeatures(impacts);
    for (const u of p.fireUnits) this.showFireUnit(u);
    this.showEngagements(p);
    this.declutter();
  }

  /** Lines from fire unit to track: rounds in the air (solid), approved (dashed), proposed (dotted). */
  private showEngagements(p: Picture): void {
    this.engagements.clear(true);
    const lines: Feature[] = [];
    const at = new globalThis.Map(p.fireUnits.map((u) => [u.id, fromLonLat([u.lon, u.lat])] as const));
    const line = (unit: string, track: number, state: string) => {
      const from = at.get(unit);
      const to = this.trackFeatures.get(track);
      if (from && to) lines.push(new Feature({ geometry: new LineString([from, [to.x, to.y]]), state }));
    };
    for (const u of p.fireUnits) for (const t of u.engaging) line(u.id, t, "engaged");
    for (const r of p.recommendations) line(r.effector, r.trackId, r.approved ? "approved" : "proposed");
    this.engagements.addFeatures(lines);
  }

  /**
   * Which tracks are drawn, labelled or aggregated at this zoom: filtered tracks hidden; labels for the selected track,
   * the top threats and, zoomed in, all (the layer drops colliding labels); tracks of one class crowded in a small square
   * drawn as one symbol with their count (never the selected track nor a labelled top threat).
   */
  private declutter(): void {
    const p = this.last;
    const resolution = this.map.getView().getResolution() ?? 1000;
    this.labelled = new Set<number>();
    if (this.selected !== null) this.labelled.add(this.selected);
    let n = 0;
    for (const th of p?.threats ?? []) {
      if (n >= LabelledThreats) break;
      if (th.threatensDefendedArea) {
        this.labelled.add(th.trackId);
        n++;
      }
    }
    const all = resolution < LabelResolution;
    const cell = AggregatePixels * resolution;
    const cells = new globalThis.Map<string, TrackFeatures[]>();
    for (const [id, f] of this.trackFeatures) {
      const shown = isShown({ id, confirmed: f.point.get("confirmed") !== false, class: f.cls === "Unknown" || f.cls === "Tentative" ? undefined : f.cls } as never, this.filter);
      this.setHidden(f, !shown);
      if (all) this.labelled.add(id);
      if (!shown || this.labelled.has(id)) continue;
      const key = `${f.cls}:${Math.floor(f.x / cell)}:${Math.floor(f.y / cell)}`;
      const list = cells.get(key);
      if (list) list.push(f);
      else cells.set(key, [f]);
    }
    this.aggregates.clear(true);
    const aggregates: Feature[] = [];
    for (const list of cells.values()) {
      if (list.length < AggregateMin) continue;
      let x = 0, y = 0;
      for (const f of list) {
        this.setHidden(f, true);
        x += f.x;
        y += f.y;
      }
      aggregates.push(new Feature({ geometry: new Point([x / list.length, y / list.length]), count: list.length, cls: list[0].cls }));
    }
    this.aggregates.addFeatures(aggregates);
    const trails: number[][][] = [];
    const leaders: number[][][] = [];
    for (const f of this.trackFeatures.values()) {
      if (f.point.get("hidden") === true) continue;
      if (f.history.length > 1) trails.push(f.history);
      leaders.push([[f.x, f.y], f.ahead]);
    }
    this.trailLines.getGeometry()!.setCoordinates(trails);
    this.leaderLines.getGeometry()!.setCoordinates(leaders);
    this.tracks.changed();
    this.placeMarks();
  }

  private setHidden(f: TrackFeatures, hidden: boolean): void {
    if (f.point.get("hidden") !== hidden) f.point.set("hidden", hidden, true);
  }

  private placeMarks(): void {
    this.marks.clear(true);
    const put = (mark: Feature<Point>, id: number | null) => {
      const f = id === null ? undefined : this.trackFeatures.get(id);
      if (!f) return;
      mark.getGeometry()!.setCoordinates([f.x, f.y]);
      this.marks.addFeature(mark);
    };
    put(this.selectMark, this.selected);
    if (this.hovered !== this.selected) put(this.hoverMark, this.hovered);
  }

  private showFireUnit(u: FireUnitView): void {
    const f = this.effectorFeatures.get(u.id);
    const unit = this.unitFeatures.get(u.id);
    const label = `${u.id} ${u.roundsLeft}/${u.magazine}`;
    if (unit && unit.get("label") !== label) unit.set("label", label);
    // A mobile fire group moved by its CoT position reports: its engagement zone follows it.
    if (f && (f.get("lat") !== u.lat || f.get("lon") !== u.lon)) {
      f.setGeometry(ring(u.lat, u.lon, f.get("maxRange") as number));
      f.set("lat", u.lat);
      f.set("lon", u.lon);
      unit?.getGeometry()!.setCoordinates(fromLonLat([u.lon, u.lat]));
    }
  }

  /** Where a track is drawn, in page pixels (for the browser tests' clicks), or null. */
  pagePixelOf(id: number): number[] | null {
    const f = this.trackFeatures.get(id);
    const pixel = f && this.map.getPixelFromCoordinate([f.x, f.y]);
    if (!pixel) return null;
    const box = this.map.getTargetElement()!.getBoundingClientRect();
    return [box.left + pixel[0], box.top + pixel[1]];
  }

  /** Ids and classes of the tracks drawn as their own symbol (not filtered out nor aggregated), for the browser tests. */
  drawn(): { id: number; cls: string }[] {
    return [...this.trackFeatures].filter(([, f]) => f.point.get("hidden") !== true).map(([id, f]) => ({ id, cls: f.cls }));
  }

  /** Feature counts per layer, for tests and the benchmark. */
  counts(): Record<string, number> {
    return {
      borders: this.borders.getFeatures().length,
      assets: this.assets.getFeatures().length,
      sensors: this.sensors.getFeatures().length,
      effectors: this.effectors.getFeatures().length,
      units: this.units.getFeatures().length,
      tracks: this.tracks.getFeatures().length,
      impacts: this.impacts.getFeatures().length,
      engagements: this.engagements.getFeatures().length,
      aggregates: this.aggregates.getFeatures().length,
    };
  }
}
