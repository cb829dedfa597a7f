// People and places: the places at their true positions (Equal Earth projection) on an offline basemap of
// Natural Earth land, with the flows of records from where they were written to where their recipients were.
import { geoEqualEarth, geoPath, geoGraticule10 } from "d3-geo";
import { select } from "d3-selection";
import { zoom, zoomIdentity } from "d3-zoom";
import { feature, mesh } from "topojson-client";
import {
  download, el, fullscreen, makeBrush, makeFinder, makeHelp, makeMapPanel, monthText, nameList,
  overlaps, prepareRecords, readData, readHash, recordLinks, searchShortcut, svgToPNG, writeHash,
} from "./common.js";

const data = readData();
prepareRecords(data);
const NS = "http://www.w3.org/2000/svg";
const world = window.XJ_WORLD;
const land = feature(world.land, world.land.objects.land);
const borders = mesh(world.borders, world.borders.objects.countries, (a, b) => a !== b);
const placed = data.places.filter((p) => p.lat !== null && p.long !== null);
const placeById = Object.fromEntries(data.places.map((p) => [p.id, p]));
const agents = data.agents;

// places that share coordinates are one marker (Ghulja and the Ili district)
const groups = new Map();
for (const p of placed) {
  const key = `${p.lat.toFixed(2)},${p.long.toFixed(2)}`;
  if (!groups.has(key)) groups.set(key, { key, lat: p.lat, long: p.long, places: [] });
  groups.get(key).places.push(p);
}
const markerOf = new Map();
for (const g of groups.values()) {
  g.places.sort((a, b) => b.records - a.records);
  g.id = g.places[0].id;
  g.label = g.places.map((p) => p.label).join(" / ");
  for (const p of g.places) markerOf.set(p.id, g);
}

const stage = document.getElementById("geo");
const svg = document.createElementNS(NS, "svg");
svg.setAttribute("role", "img");
svg.setAttribute("aria-label", data.title);
stage.appendChild(svg);
const view = document.createElementNS(NS, "g");
svg.appendChild(view);
const layer = (cls) => { const g = document.createElementNS(NS, "g"); g.setAttribute("class", cls); view.appendChild(g); return g; };
const sea = layer("sea"), landLayer = layer("basemap"), borderLayer = layer("borders"), flowLayer = layer("flows"),
  markerLayer = layer("places"), labelLayer = layer("labels");

let W = 800, H = 600;
const projection = geoEqualEarth();
const path = geoPath(projection);
let k = 1; // the zoom factor, so that marks keep their size on screen

function resize() {
  const box = stage.getBoundingClientRect();
  W = Math.max(200, box.width);
  H = Math.max(200, box.height);
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  projection.fitExtent([[10, 10], [W - 10, H - 10]], { type: "Sphere" });
}

function shape(tag, attrs, parent) {
  const e = document.createElementNS(NS, tag);
  for (const [a, v] of Object.entries(attrs)) e.setAttribute(a, v);
  if (parent) parent.appendChild(e);
  return e;
}

function drawBase() {
  sea.replaceChildren();
  landLayer.replaceChildren();
  borderLayer.replaceChildren();
  shape("path", { d: path({ type: "Sphere" }), fill: "#eef3f7", stroke: "#c8d3dc" }, sea);
  shape("path", { d: path(geoGraticule10()), fill: "none", stroke: "#dbe3ea", "stroke-width": 0.5, "vector-effect": "non-scaling-stroke" }, sea);
  shape("path", { d: path(land), fill: "#e4e6df", stroke: "#a9ae9f", "stroke-width": 0.6, "vector-effect": "non-scaling-stroke", id: "land" }, landLayer);
  shape("path", { d: path(borders), fill: "none", stroke: "#8a9099", "stroke-width": 0.5, "stroke-dasharray": "2 2",
    "stroke-opacity": 0.45, "vector-effect": "non-scaling-stroke", id: "modern-borders" }, borderLayer);
  borderLayer.style.display = bordersBox.checked ? "" : "none";
}

const xy = (p) => projection([p.long, p.lat]);

// ------------------------------------------------------------------ what the time window shows

let range = [0, 1e9];
let selected = null; // {type: "place"|"agent"|"flow", id}
const counts = el("p", { class: "muted" });

function inRange(list) {
  return list.map((i) => data.records[i]).filter((r) => overlaps(r, range[0], range[1]));
}

function drawMarks() {
  flowLayer.replaceChildren();
  markerLayer.replaceChildren();
  labelLayer.replaceChildren();
  const highlight = highlighted();
  let flows = 0;
  const maxFlow = Math.max(1, ...data.flows.map((f) => f.rec.length));
  for (const f of data.flows) {
    const n = inRange(f.rec).length;
    const a = placeById[f.from], b = placeById[f.to];
    if (!n || a.lat === null || b.lat === null) continue;
    flows++;
    const [x1, y1] = xy(a), [x2, y2] = xy(b);
    const mx = (x1 + x2) / 2 + (y2 - y1) * 0.2, my = (y1 + y2) / 2 - (x2 - x1) * 0.2;
    const on = !highlight || highlight.flows.has(f.id);
    shape("path", { d: `M${x1},${y1} Q${mx},${my} ${x2},${y2}`, class: "flow", "data-id": f.id,
      stroke: on ? "#1a5fb4" : "#9db3c9", "stroke-opacity": on ? 0.65 : 0.25, "stroke-width": (1 + 3 * Math.sqrt(n / maxFlow)) / k,
      "marker-end": "url(#arrow)" }, flowLayer).addEventListener("click", () => select_({ type: "flow", id: f.id }));
  }
  const shown = [];
  for (const g of groups.values()) {
    const n = new Set(g.places.flatMap((p) => inRange([...p.written, ...p.about]).map((r) => r.id))).size;
    const [x, y] = xy(g);
    const on = !highlight || g.places.some((p) => highlight.places.has(p.id));
    const c = shape("circle", { cx: x, cy: y, r: (n ? 3 + 9 * Math.sqrt(n / maxPlace) : 2.5) / k, class: "place", "data-id": g.id,
      fill: n ? (on ? "#0b7f8c" : "#9fc6cb") : "#c3c8cc", stroke: "#fff", "stroke-width": 1 / k, "fill-opacity": on ? 0.9 : 0.5 }, markerLayer);
    c.addEventListener("click", () => select_({ type: "place", id: g.id }));
    const title = shape("title", {}, c);
    title.textContent = `${g.label}: ${n} records`;
    shown.push({ g, n, x, y, on });
  }
  // names: the busiest places first, none written over another
  shown.sort((a, b) => (b.on - a.on) || b.n - a.n);
  const boxes = [];
  for (const s of shown) {
    if (!s.n && !(highlight && s.on)) continue;
    const size = 12 / k;
    const t = shape("text", { x: s.x + 5 / k, y: s.y + size * 0.35, "font-size": size, class: "placelabel", "stroke-width": 3 / k }, labelLayer);
    t.textContent = s.g.label;
    const b = t.getBBox(); // measured, in the map's coordinates
    const box = { x0: b.x, x1: b.x + b.width, y0: b.y, y1: b.y + b.height };
    if (boxes.some((o) => box.x0 < o.x1 && box.x1 > o.x0 && box.y0 < o.y1 && box.y1 > o.y0)) t.remove();
    else boxes.push(box);
  }
  counts.textContent = `${shown.filter((s) => s.n).length} places with records, ${flows} flows in ${monthText(range[0])} to ${monthText(range[1])}`;
  showRecords();
}
const maxPlace = Math.max(1, ...data.places.map((p) => p.records));

function highlighted() {
  if (!selected) return null;
  const places = new Set(), flows = new Set();
  if (selected.type === "place") {
    for (const p of markerOf.get(selected.id).places) places.add(p.id);
    for (const f of data.flows) if (places.has(f.from) || places.has(f.to)) flows.add(f.id);
  } else if (selected.type === "agent") {
    for (const p of data.places) if (p.writers[selected.id] || p.concerned[selected.id]) places.add(p.id);
    for (const f of data.flows) if (f.rec.some((i) => (data.records[i].from || []).includes(selected.id) || (data.records[i].to || []).includes(selected.id))) {
      flows.add(f.id); places.add(f.from); places.add(f.to);
    }
  } else {
    const f = data.flows.find((x) => x.id === selected.id);
    flows.add(f.id); places.add(f.from); places.add(f.to);
  }
  return { places, flows };
}

function showRecords() {
  let list;
  if (selected && selected.type === "place") list = markerOf.get(selected.id).places.flatMap((p) => [...p.written, ...p.about]);
  else if (selected && selected.type === "flow") list = data.flows.find((f) => f.id === selected.id).rec;
  else list = data.records.map((_, i) => i);
  const seen = new Set();
  const rows = inRange([...new Set(list)]).filter((r) => {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return !selected || selected.type !== "agent" || (r.from || []).includes(selected.id) || (r.to || []).includes(selected.id);
  });
  show(rows);
}

// ------------------------------------------------------------------ the panel

const { drawer, tabs, details, table, show } = makeMapPanel(agents, data.file);
const bordersBox = el("input", { type: "checkbox", id: "borders", onchange: () => { borderLayer.style.display = bordersBox.checked ? "" : "none"; } });
tabs.boxes.key.append(
  el("h3", { text: "Reading the map" }),
  el("p", { class: "legend" }, el("span", { class: "swatch", style: "background:#0b7f8c" }), " a place; its size grows with the records written there or about it in the time shown. Places at the same point (a town and its district) are one mark."),
  el("p", { class: "legend", text: "Blue curves: records from the place they were written to where their recipient was (where the recipient wrote from nearest in time, or the seat of their office); width by records." }),
  el("label", { class: "legend" }, bordersBox, "modern country borders (faint; anachronistic for the 1930s and 1940s)"),
  el("p", { class: "muted", text: `Basemap: ${world.source}; Equal Earth projection. ${data.note || ""}` }),
  counts,
);

function peopleList(map, title) {
  const list = Object.entries(map).sort((a, b) => b[1] - a[1]);
  if (!list.length) return null;
  return el("div", {}, el("h3", { text: title }), el("ul", { class: "plain" }, list.slice(0, 30).map(([a, n]) =>
    el("li", {}, el("a", { href: "#", text: agents[a] ? agents[a].label : a, onclick: (ev) => { ev.preventDefault(); select_({ type: "agent", id: a }); } }), ` ${n}`))));
}

function select_(sel) {
  selected = sel;
  if (!sel) {
    details.replaceChildren(el("p", { class: "muted", text: "Click a place or a flow, or search a name (historical names too: Tihwa, Kulja)." }));
  } else if (sel.type === "place") {
    const g = markerOf.get(sel.id);
    const writers = {}, concerned = {};
    for (const p of g.places) {
      for (const [a, n] of Object.entries(p.writers)) writers[a] = (writers[a] || 0) + n;
      for (const [a, n] of Object.entries(p.concerned)) concerned[a] = (concerned[a] || 0) + n;
    }
    details.replaceChildren(...g.places.flatMap((p) => [
      el("h2", {}, p.page ? el("a", { href: p.page, text: p.label }) : p.label),
      nameList(p.names),
      el("p", { class: "muted", text: `${p.lat.toFixed(3)}° N, ${p.long.toFixed(3)}° E` + (p.within && placeById[p.within] ? ` · in ${placeById[p.within].label}` : "") }),
      el("p", { text: `${p.written.length} records written here, ${p.about.length} about it` }),
    ]), peopleList(writers, "Wrote from here"), peopleList(concerned, "Took part in records about it"));
  } else if (sel.type === "agent") {
    const a = agents[sel.id];
    details.replaceChildren(el("h2", {}, a.page ? el("a", { href: a.page, text: a.label }) : a.label), nameList(a.names),
      el("p", { class: "muted", text: a.side_label || "" }),
      el("ul", { class: "plain" }, data.places.filter((p) => p.writers[sel.id] || p.concerned[sel.id]).map((p) =>
        el("li", { text: `${p.label}: wrote from it ${p.writers[sel.id] || 0}, concerned ${p.concerned[sel.id] || 0}` }))));
  } else {
    const f = data.flows.find((x) => x.id === sel.id);
    details.replaceChildren(el("h2", { text: `${placeById[f.from].label} → ${placeById[f.to].label}` }),
      el("p", { text: `${f.rec.length} records` }),
      el("ul", {}, f.rec.map((i) => data.records[i]).map((r) => el("li", {}, `${r.date} · `, ...recordLinks(r)))));
  }
  drawMarks();
  saveHash();
  if (sel) { tabs.show("details"); drawer.open(); }
}

svg.addEventListener("click", (ev) => { if (ev.target === svg || ev.target.closest(".sea, .basemap")) select_(null); });

// search: places by any of their names, then people
const search = document.getElementById("search");
const status = document.getElementById("search-status");
const findPlace = makeFinder(data.places.map((p) => [p.id, [p.label, ...(p.names || []).map((n) => n.text), ...(p.aliases || [])]]));
const findAgent = makeFinder(Object.entries(agents).map(([id, a]) => [id, [a.label, ...(a.aliases || []), ...(a.names || []).map((n) => n.text)]]));
function doSearch() {
  const text = search.value;
  const place = findPlace(text);
  if (place && markerOf.has(place)) {
    status.textContent = "";
    select_({ type: "place", id: markerOf.get(place).id });
    centerOn(markerOf.get(place));
    return;
  }
  const agent = findAgent(text);
  if (agent) { status.textContent = ""; select_({ type: "agent", id: agent }); return; }
  status.textContent = text.trim() ? "No name matches." : "";
  if (text.trim()) select_(null);
}
search.addEventListener("change", doSearch);
search.addEventListener("keydown", (ev) => { if (ev.key === "Enter") doSearch(); });
searchShortcut(search);

// ------------------------------------------------------------------ zoom

let userMoved = false; // until the viewer pans or zooms, a change of size fits the map again
const zoomer = zoom().scaleExtent([0.5, 60]).on("zoom", (ev) => {
  if (ev.sourceEvent) userMoved = true;
  view.setAttribute("transform", ev.transform.toString());
  if (Math.abs(ev.transform.k - k) > 1e-6) { k = ev.transform.k; drawMarks(); }
});
select(svg).call(zoomer).on("dblclick.zoom", null);

function fitBox(box) {
  const [[x0, y0], [x1, y1]] = [projection([box.west, box.north]), projection([box.east, box.south])];
  const s = Math.min(40, 0.9 / Math.max((x1 - x0) / W, (y1 - y0) / H));
  const t = zoomIdentity.translate(W / 2, H / 2).scale(s).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
  select(svg).call(zoomer.transform, t);
}
function centerOn(g) {
  const [x, y] = xy(g);
  const s = Math.max(k, 6);
  select(svg).call(zoomer.transform, zoomIdentity.translate(W / 2, H / 2).scale(s).translate(-x, -y));
}
const fit = () => fitBox(data.focus);

const tool = (id, fn) => document.getElementById(id).addEventListener("click", fn);
tool("zoom-in", () => select(svg).call(zoomer.scaleBy, 1.5));
tool("zoom-out", () => select(svg).call(zoomer.scaleBy, 1 / 1.5));
tool("fit", fit);
tool("fullscreen", fullscreen);
tool("svg", () => download(`${data.file}.svg`, "image/svg+xml", svgText()));
tool("png", () => svgToPNG(svgText(), W, H).then((b) => download(`${data.file}.png`, "image/png", b)));
tool("permalink", () => { saveHash(); navigator.clipboard && navigator.clipboard.writeText(location.href).catch(() => {}); status.textContent = "The address now keeps this view."; });
makeHelp(document.getElementById("help"), [
  ["Places", "at their coordinates on a map of the land (Natural Earth); the size of a mark grows with the records written there or about it."],
  ["Flows", "records from the place they were written to where their recipient was; click one for its records."],
  ["Names", "search any name of a place, historical ones too (Tihwa, Dihua, Kulja, Chuguchak), or of a person to see their places."],
  ["Time", "drag the window under the map to show only the records of that time."],
  ["Moving", "drag to pan, wheel or pinch to zoom; ⤢ returns to Xinjiang and its neighbours."],
]);

function svgText() {
  const clone = svg.cloneNode(true);
  clone.setAttribute("xmlns", NS);
  clone.setAttribute("width", W);
  clone.setAttribute("height", H);
  clone.setAttribute("font-family", "DejaVu Sans, sans-serif");
  return new XMLSerializer().serializeToString(clone);
}

// ------------------------------------------------------------------ the permalink, and start

function saveHash() {
  const [lo, hi] = brush.get(), [a, b] = brush.full();
  writeHash({ from: lo !== a || hi !== b ? monthText(lo) : "", to: lo !== a || hi !== b ? monthText(hi) : "",
    sel: selected ? `${selected.type}:${selected.id}` : "", borders: bordersBox.checked ? "1" : "" });
}

const defs = shape("defs", {}, svg);
const marker = shape("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse" }, defs);
shape("path", { d: "M0,0 L10,5 L0,10 z", fill: "#1a5fb4" }, marker);

let timer = null;
const brush = makeBrush(document.getElementById("brush"), data, (lo, hi) => {
  range = [lo, hi];
  clearTimeout(timer);
  timer = setTimeout(() => { drawMarks(); saveHash(); }, 30);
});
range = brush.full();
const state = readHash();
if (state.borders) bordersBox.checked = true;
if (state.from && state.to) {
  const m = (s) => parseInt(s.slice(0, 4), 10) * 12 + parseInt(s.slice(5, 7), 10) - 1;
  brush.set(m(state.from), m(state.to), true);
  range = brush.get();
}
resize();
drawBase();
fit();
if (state.sel) {
  const [type, ...rest] = state.sel.split(":");
  const id = rest.join(":");
  select_(type === "place" && markerOf.has(id) ? { type, id: markerOf.get(id).id } : type === "agent" && agents[id] ? { type, id } : null);
} else select_(null);
new ResizeObserver(() => { resize(); drawBase(); if (!userMoved) fit(); drawMarks(); }).observe(stage);
window.xjReady = performance.now();

window.xjApi = {
  setRange(from, to) {
    const m = (s) => parseInt(s.slice(0, 4), 10) * 12 + parseInt(s.slice(5, 7), 10) - 1;
    brush.set(m(from), m(to), true);
    range = brush.get();
    drawMarks();
    return brush.get().map(monthText);
  },
  search(text) { search.value = text; doSearch(); return selected; },
  basemap() {
    const landBox = document.getElementById("land").getBoundingClientRect();
    const marks = [...markerLayer.querySelectorAll("circle")].map((c) => c.getBoundingClientRect());
    return {
      land: [landBox.left, landBox.top, landBox.right, landBox.bottom],
      places: [Math.min(...marks.map((b) => b.left)), Math.min(...marks.map((b) => b.top)), Math.max(...marks.map((b) => b.right)), Math.max(...marks.map((b) => b.bottom))],
      landPaths: landLayer.querySelectorAll("path").length,
      markers: marks.length,
    };
  },
  tableRows: () => table.rows(),
  csv: () => table.csv(),
  selected: () => selected,
  select: (sel) => select_(sel),
  highlighted: () => { const h = highlighted(); return h ? { places: [...h.places].sort(), flows: [...h.flows].sort() } : null; },
  showTab: (key) => tabs.show(key),
  /** How many of the place names drawn overlap another name (on screen). */
  labelOverlaps() {
    const boxes = [...labelLayer.querySelectorAll("text")].map((t) => t.getBoundingClientRect());
    const meet = (a, b) => a.left < b.right - 0.5 && a.right > b.left + 0.5 && a.top < b.bottom - 0.5 && a.bottom > b.top + 0.5;
    return boxes.filter((a) => boxes.some((b) => b !== a && meet(a, b))).length;
  },
  labels: () => [...labelLayer.querySelectorAll("text")].map((t) => t.textContent),
  exportPNG: () => svgToPNG(svgText(), W, H).then((b) => b.arrayBuffer()).then((buf) => Array.from(new Uint8Array(buf.slice(0, 16)))),
  exportSVG: svgText,
  fit,
};
