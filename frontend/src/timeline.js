// Records and events on a time axis: events as bands, records as points at their dates (a record dated only
// to a month or a year as a span over it), lines from each record to the events it concerns.
import {
  download, el, fullscreen, makeBrush, makeFinder, makeHelp, makeMapPanel, month, monthText,
  nameList, overlaps, prepareRecords, readData, readHash, recordLinks, searchShortcut, svgToPNG, writeHash,
} from "./common.js";

const data = readData();
prepareRecords(data);
for (const ev of data.events) { ev.em = month(ev.e); ev.lm = month(ev.l); }
const NS = "http://www.w3.org/2000/svg";
const eventById = Object.fromEntries(data.events.map((e) => [e.id, e]));
const stage = document.getElementById("timeline");
const svg = document.createElementNS(NS, "svg");
svg.setAttribute("role", "img");
svg.setAttribute("aria-label", data.title);
stage.appendChild(svg);
let W = 800, H = 500, range = [0, 1e9], selected = null;

function shape(tag, attrs, parent, text) {
  const e = document.createElementNS(NS, tag);
  for (const [a, v] of Object.entries(attrs)) e.setAttribute(a, v);
  if (text !== undefined) e.textContent = text;
  (parent || svg).appendChild(e);
  return e;
}

// rows: events packed so that neither their bands nor their labels overlap, at the width drawn
const LABEL_CHARS = 32, CHAR_PX = 6.3;
const shortLabel = (ev) => (ev.label.length > LABEL_CHARS ? ev.label.slice(0, LABEL_CHARS - 1) + "…" : ev.label);
function packEvents(x, lo, hi, left, right) {
  const rows = [], rowOf = new Map();
  const shown = data.events.filter((ev) => ev.lm >= lo && ev.em <= hi).sort((a, b) => a.em - b.em || b.lm - a.lm || (a.id < b.id ? -1 : 1));
  for (const ev of shown) {
    const a = Math.max(left, x(ev.em)), b = Math.min(right, Math.max(x(ev.lm + 1), a + 4));
    const tw = 6 + shortLabel(ev).length * CHAR_PX;
    const labelAt = a + tw <= right ? a + 3 : Math.max(left, right - tw); // near the right edge, the label ends there
    const x0 = Math.min(a, labelAt) - 3, x1 = Math.max(b, labelAt + tw) + 3;
    let r = rows.findIndex((used) => used.every(([u0, u1]) => x1 <= u0 || x0 >= u1));
    if (r < 0) { r = rows.length; rows.push([]); }
    rows[r].push([x0, x1]);
    rowOf.set(ev.id, { row: r, a, b, labelAt });
  }
  return { rowOf, rows: Math.max(1, rows.length) };
}

function draw() {
  const box = stage.getBoundingClientRect();
  W = Math.max(300, box.width);
  H = Math.max(240, box.height);
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const [lo, hi] = range;
  const left = 10, right = W - 10;
  const x = (m) => left + ((m - lo) / Math.max(1, hi - lo + 1)) * (right - left);
  const packed = packEvents(x, lo, hi, left, right);
  const eventRows = packed.rows;
  const eventRow = new Map([...packed.rowOf].map(([id, p]) => [id, p.row]));
  const labelAt = new Map([...packed.rowOf].map(([id, p]) => [id, p.labelAt]));
  const rowH = Math.min(22, Math.max(16, (H * 0.5) / eventRows));
  const top = 24, eventsBottom = top + eventRows * rowH + 8;
  // the axis: years
  for (let y = Math.floor(lo / 12); y <= Math.floor(hi / 12) + 1; y++) {
    const px = x(y * 12);
    if (px < left - 1 || px > right + 1) continue;
    shape("line", { x1: px, x2: px, y1: 16, y2: H - 4, stroke: "#e3e6e9" });
    if ((hi - lo) / 12 < 10 || y % 2 === 0 || W > 900) shape("text", { x: px + 2, y: 12, "font-size": 11, fill: "#5f6670" }, svg, String(y));
  }
  const visibleRecords = data.records.filter((r) => overlaps(r, lo, hi));
  const hot = selected && selected.type === "event" ? new Set(eventById[selected.id].records) : null;
  // the records: lanes below the events, packed by date
  const lanes = [];
  const recordY = new Map();
  const laneH = Math.max(6, Math.min(12, (H - eventsBottom - 20) / 14));
  for (const r of [...visibleRecords].sort((a, b) => a.em - b.em || a.id.localeCompare(b.id))) {
    const a = x(r.em), b = Math.max(x(r.lm + 1), a + 6);
    let lane = lanes.findIndex((end) => end < a - 2);
    if (lane < 0) { lane = lanes.length; lanes.push(-1e9); }
    lanes[lane] = b;
    recordY.set(r.id, { a, b, y: eventsBottom + 16 + lane * laneH });
  }
  // links from records to their events
  for (const r of visibleRecords) {
    const p = recordY.get(r.id);
    for (const evId of r.events || []) {
      const ev = eventById[evId];
      if (!ev || !eventRow.has(evId)) continue;
      const on = !selected || (selected.type === "event" && selected.id === evId) || (selected.type === "record" && selected.id === r.id);
      shape("line", { x1: (p.a + p.b) / 2, y1: p.y, x2: Math.max(x(ev.em), Math.min(x(ev.lm + 1), (p.a + p.b) / 2)), y2: top + eventRow.get(evId) * rowH + rowH - 3,
        stroke: on ? "#b089c7" : "#e5dcea", "stroke-width": on ? 1 : 0.6 });
    }
  }
  for (const ev of data.events) {
    if (ev.lm < lo || ev.em > hi) continue;
    const a = Math.max(left, x(ev.em)), b = Math.min(right, Math.max(x(ev.lm + 1), a + 4));
    const y = top + eventRow.get(ev.id) * rowH;
    const on = !selected || (selected.type === "event" && selected.id === ev.id) || (selected.type === "record" && (data.records.find((r) => r.id === selected.id)?.events || []).includes(ev.id));
    const band = shape("rect", { x: a, y, width: b - a, height: rowH - 3, rx: 3, class: "event-band", "data-id": ev.id, "fill-opacity": on ? 1 : 0.35 });
    band.addEventListener("click", () => choose({ type: "event", id: ev.id }));
    shape("title", {}, band, `${ev.label} (${ev.date})`);
    // a short label, in the band and to its right (the packing left room for it)
    const text = shortLabel(ev);
    const label = shape("text", { x: labelAt.get(ev.id), y: y + rowH - 7, "font-size": 11, fill: "#3d2a4a", "pointer-events": "none" }, svg, text);
    label.setAttribute("class", "event-label");
  }
  for (const r of visibleRecords) {
    const p = recordY.get(r.id);
    const on = !selected || (hot && hot.has(data.records.indexOf(r))) || (selected.type === "record" && selected.id === r.id);
    const span = r.lm > r.em;
    const mark = span
      ? shape("rect", { x: p.a, y: p.y - 3, width: p.b - p.a, height: 6, rx: 3, fill: on ? "#8c564b" : "#d8c9c4", "fill-opacity": 0.55, class: "rec-dot", "data-id": r.id })
      : shape("circle", { cx: p.a + 1, cy: p.y, r: 3.5, fill: on ? "#8c564b" : "#d8c9c4", class: "rec-dot", "data-id": r.id });
    mark.addEventListener("click", () => choose({ type: "record", id: r.id }));
    shape("title", {}, mark, `${r.date} ${r.title}`);
  }
  shape("text", { x: left, y: eventsBottom + 8, "font-size": 11, fill: "#5f6670" }, svg, "records (a bar: dated only to a month, a year or a span)");
  counts.textContent = `${visibleRecords.length} records and ${data.events.filter((e) => e.lm >= lo && e.em <= hi).length} events in ${monthText(lo)} to ${monthText(hi)}`;
  showRecords(visibleRecords);
}

function showRecords(visible) {
  let rows = visible;
  if (selected && selected.type === "event") rows = visible.filter((r) => (r.events || []).includes(selected.id));
  if (selected && selected.type === "record") rows = visible.filter((r) => r.id === selected.id);
  show(rows);
}

const { drawer, tabs, details, table, show } = makeMapPanel(data.agents || {}, data.file);
const counts = el("p", { class: "muted" });
tabs.boxes.key.append(
  el("p", { class: "legend" }, el("span", { class: "swatch", style: "background:#e9dcf0;border-radius:2px" }), " an event, from its first to its last possible day"),
  el("p", { class: "legend" }, el("span", { class: "swatch", style: "background:#8c564b" }), " a record: a dot on its day, a bar over the month, year or interval it may date from"),
  el("p", { class: "legend", text: "Lines join each record to the events it concerns." }),
  counts,
);

function choose(sel) {
  selected = sel;
  if (!sel) details.replaceChildren(el("p", { class: "muted", text: "Click an event or a record." }));
  else if (sel.type === "event") {
    const ev = eventById[sel.id];
    details.replaceChildren(el("h2", {}, ev.page ? el("a", { href: ev.page, text: ev.label }) : ev.label), nameList(ev.names),
      el("p", { text: `${ev.date} (from ${ev.e} to ${ev.l})` }), el("p", { text: `${ev.records.length} records concern it` }));
  } else {
    const r = data.records.find((x) => x.id === sel.id);
    details.replaceChildren(el("h2", {}, ...recordLinks(r)), el("p", { text: `${r.date} · ${r.kind}` }),
      el("p", { class: "muted", text: `from ${r.e} to ${r.l}` }),
      el("ul", {}, (r.events || []).map((id) => el("li", { text: eventById[id] ? eventById[id].label : id }))));
  }
  draw();
  saveHash();
  if (sel) { tabs.show("details"); drawer.open(); }
}
svg.addEventListener("click", (ev) => { if (ev.target === svg) choose(null); });

const search = document.getElementById("search");
const status = document.getElementById("search-status");
const find = makeFinder([...data.events.map((e) => [e.id, [e.label, ...(e.names || []).map((n) => n.text)]]), ...data.records.map((r) => [r.id, [r.title]])]);
function doSearch() {
  const id = find(search.value);
  if (!id) { status.textContent = search.value.trim() ? "Nothing matches." : ""; if (search.value.trim()) choose(null); return; }
  status.textContent = "";
  choose(eventById[id] ? { type: "event", id } : { type: "record", id });
}
search.addEventListener("change", doSearch);
search.addEventListener("keydown", (ev) => { if (ev.key === "Enter") doSearch(); });
searchShortcut(search);

// zooming is moving the time window
const zoomBy = (f) => {
  const [lo, hi] = brush.get(), c = (lo + hi) / 2, half = Math.max(1, ((hi - lo) / 2) * f);
  brush.set(Math.round(c - half), Math.round(c + half));
};
const tool = (id, fn) => document.getElementById(id).addEventListener("click", fn);
tool("zoom-in", () => zoomBy(0.6));
tool("zoom-out", () => zoomBy(1.6));
tool("fit", () => { const [a, b] = brush.full(); brush.set(a, b); });
tool("fullscreen", fullscreen);
function svgText() {
  const clone = svg.cloneNode(true);
  clone.setAttribute("xmlns", NS);
  clone.setAttribute("width", W);
  clone.setAttribute("height", H);
  clone.setAttribute("font-family", "DejaVu Sans, sans-serif");
  return new XMLSerializer().serializeToString(clone);
}
tool("svg", () => download(`${data.file}.svg`, "image/svg+xml", svgText()));
tool("png", () => svgToPNG(svgText(), W, H).then((b) => download(`${data.file}.png`, "image/png", b)));
tool("permalink", () => { saveHash(); status.textContent = "The address now keeps this view."; });
stage.addEventListener("wheel", (ev) => { ev.preventDefault(); zoomBy(ev.deltaY > 0 ? 1.25 : 0.8); }, { passive: false });
makeHelp(document.getElementById("help"), [
  ["Events", "bands from the first to the last day they may have lasted; click one for its records."],
  ["Records", "a dot on the day a record is dated, a bar over the month, year or interval of one dated less exactly."],
  ["Time", "the window below sets the years shown; the wheel, + and − zoom, ⤢ shows everything."],
]);

function saveHash() {
  const [lo, hi] = brush.get(), [a, b] = brush.full();
  writeHash({ from: lo !== a || hi !== b ? monthText(lo) : "", to: lo !== a || hi !== b ? monthText(hi) : "", sel: selected ? `${selected.type}:${selected.id}` : "" });
}

const brush = makeBrush(document.getElementById("brush"), data, (lo, hi) => { range = [lo, hi]; draw(); saveHash(); });
range = brush.full();
const state = readHash();
if (state.from && state.to) { brush.set(month(state.from + "-01"), month(state.to + "-01"), true); range = brush.get(); }
new ResizeObserver(draw).observe(stage);
if (state.sel) {
  const [type, ...rest] = state.sel.split(":");
  choose({ type, id: rest.join(":") });
} else choose(null);
window.xjReady = performance.now();
window.xjApi = {
  setRange(from, to) { brush.set(month(from + "-01"), month(to + "-01"), true); range = brush.get(); draw(); return brush.get().map(monthText); },
  tableRows: () => table.rows(),
  csv: () => table.csv(),
  labels: () => [...svg.querySelectorAll(".event-label")].map((t) => t.textContent),
  /** What is drawn: events, records (and how many as spans), labels that overlap another or leave the drawing. */
  drawn() {
    const boxes = [...svg.querySelectorAll(".event-label")].map((t) => t.getBBox());
    const meet = (a, b) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
    return {
      events: svg.querySelectorAll(".event-band").length,
      records: svg.querySelectorAll(".rec-dot").length,
      spans: svg.querySelectorAll("rect.rec-dot").length,
      labelOverlaps: boxes.filter((a) => boxes.some((b) => b !== a && meet(a, b))).length,
      labelsOutside: boxes.filter((b) => b.x < 0 || b.x + b.width > W + 0.5).length,
    };
  },
  select: (sel) => choose(sel),
  selected: () => selected,
  showTab: (key) => tabs.show(key),
  exportPNG: () => svgToPNG(svgText(), W, H).then((b) => b.arrayBuffer()).then((buf) => Array.from(new Uint8Array(buf.slice(0, 16)))),
  exportSVG: svgText,
};
