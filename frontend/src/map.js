// A correspondence map: who wrote to whom, drawn with vis-network from the positions computed in Python.
// Names are drawn at a readable size from the first view, the two directions of a link are two curved
// edges, a time brush filters what is drawn, and the records behind what is drawn are listed beside it.
import { DataSet, Network } from "vis-network/standalone";
import {
  download, el, fullscreen, makeBrush, makeFinder, makeHelp, makeMapPanel, monthText, nameList,
  overlaps, prepareRecords, readData, readHash, recordLinks, searchShortcut, svgToPNG, writeHash,
} from "./common.js";

performance.mark("xj-start");
const data = readData();
performance.mark("xj-parsed");
prepareRecords(data);
const byId = Object.fromEntries(data.nodes.map((n) => [n.id, n]));
const agents = Object.fromEntries(data.nodes.map((n) => [n.id, n]));
for (const [id, a] of Object.entries(data.agents || {})) if (!agents[id]) agents[id] = a;
const sideColor = Object.fromEntries(data.sides.map((s) => [s.id, s.color]));
const LABEL_PX = 13; // on-screen size of the names drawn from the first view
const LABEL_MARGIN = 6; // px kept clear between a name always drawn and the edge of the first view
const FONT = "Noto Sans SC, system-ui, DejaVu Sans, sans-serif";
const METRICS = { records: "records sent and received", pagerank: "PageRank", betweenness: "betweenness", degree: "correspondents" };

// reverse links, for "A → B 3, B → A 1"
const edgeKey = (a, b) => a + "\u0000" + b;
const edgeByPair = new Map(data.edges.map((e) => [edgeKey(e.from, e.to), e]));
const edgeById = new Map(data.edges.map((e) => [e.id, e]));
const rank = [...data.nodes].sort((a, b) => b.records - a.records || (a.label < b.label ? -1 : 1));

// ------------------------------------------------------------------ the drawing

const topValue = new Map(); // metric -> its largest value, computed once
function nodeSize(n, metric) {
  if (!topValue.has(metric)) {
    let top = 1e-9;
    for (const x of data.nodes) top = Math.max(top, metric === "records" ? x.records : x.metrics[metric] || 0);
    topValue.set(metric, top);
  }
  const top = topValue.get(metric);
  const v = metric === "records" ? n.records : n.metrics[metric] || 0;
  return 7 + 26 * Math.sqrt(v / top);
}

// tooltips are empty boxes filled when first hovered, so a large map does not build 15,000 of them up front
const tipLines = new WeakMap();
function tooltip(lines) {
  const box = el("div");
  tipLines.set(box, lines);
  return box;
}
function fillTip(box) {
  if (box && !box.hasChildNodes() && tipLines.has(box)) for (const line of tipLines.get(box)()) box.appendChild(el("div", { text: line }));
}

function nodeItem(n, metric) {
  const ego = data.ego === n.id;
  const original = (n.names || []).filter((x) => x.lang && x.lang !== "en").map((x) => x.text);
  return {
    id: n.id,
    label: "", // names are given to the labels placeLabels draws
    x: n.x,
    y: n.y,
    size: nodeSize(n, metric),
    color: { background: n.color, border: ego ? "#000" : "rgba(0,0,0,.35)", highlight: { background: n.color, border: "#000" } },
    borderWidth: ego ? 4 : 1,
    font: { size: LABEL_PX, face: FONT, strokeWidth: 3, strokeColor: "#fff" },
    title: tooltip(() => [n.label + (original.length ? " · " + original.join(" · ") : ""), `${n.side_label}`,
      `${n.sent} records sent, ${n.received} received, ${n.correspondents} correspondents`]),
  };
}

const width = (count) => 1 + 1.6 * Math.log2(Math.max(1, count));

function edgeLines(e) {
  const back = edgeByPair.get(edgeKey(e.to, e.from));
  const a = byId[e.from].label, b = byId[e.to].label;
  const lines = [`${a} → ${b}: ${e.rec.length} record${e.rec.length === 1 ? "" : "s"}`];
  lines.push(back ? `${b} → ${a}: ${back.rec.length}` : `${b} → ${a}: none`);
  return lines;
}

function edgeItem(e, count) {
  const c = sideColor[byId[e.from].side] || "#999";
  return {
    id: e.id, from: e.from, to: e.to, width: width(count === undefined ? e.rec.length : count),
    color: { color: c, opacity: 0.75, highlight: "#111", hover: "#111" },
    arrows: { to: { enabled: data.directed, scaleFactor: 1 } },
    // the two directions between two agents curve apart; a link with no reverse is straight (and cheaper to draw:
    // vis-network finds where a curve meets the node's border by search, a line's by arithmetic)
    smooth: edgeByPair.has(edgeKey(e.to, e.from)) ? { enabled: true, type: "curvedCW", roundness: 0.18 } : { enabled: false },
    title: tooltip(() => edgeLines(e)),
  };
}

let metric = "records";
performance.mark("xj-items");
const nodes = new DataSet(data.nodes.map((n) => nodeItem(n, metric)));
const edges = new DataSet(data.edges.map((e) => edgeItem(e)));
const container = document.getElementById("graph");
performance.mark("xj-datasets");
const network = new Network(container, { nodes, edges }, {
  physics: false,
  layout: { improvedLayout: false },
  interaction: { hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: { enabled: true, bindToWindow: false },
    hideEdgesOnDrag: data.nodes.length > 1500, zoomSpeed: 0.8 },
  nodes: { shape: "dot", scaling: { label: { enabled: false } } },
  edges: { smooth: { enabled: true, type: "curvedCW", roundness: 0.18 }, selectionWidth: 2, hoverWidth: 1 },
});
performance.mark("xj-network");
window.network = network;
window.xjNodes = nodes;
window.xjEdges = edges;

// the first view: the main group, and any of the busiest agents outside it (whose names are always drawn)
const mainIds = [...new Set([...data.nodes.filter((n) => n.main).map((n) => n.id), ...rank.slice(0, 20).map((n) => n.id)])];
function fitMain() {
  network.fit({ nodes: mainIds.length ? mainIds : undefined, animation: false, minZoomLevel: 0.02, maxZoomLevel: 2.5 });
  // vis-network fits the dots, not the names under them: every map opened on a phone with names cut at the canvas
  // edges. Find the largest zoom (no larger than the fit's) at which the names always drawn fit with their dots,
  // and centre on them: names are LABEL_PX on screen whatever the zoom, dots scale with it.
  const view = container.getBoundingClientRect();
  const ids = (mainIds.length ? mainIds : data.nodes.map((n) => n.id)).filter((id) => alwaysIds.has(id) && !hidden.has(id));
  if (!view.width || !view.height || !ids.length) return;
  const pos = network.getPositions(ids), fitted = network.getScale();
  const marks = ids.map((id) => ({ x: pos[id].x, y: pos[id].y, r: nodeSize(byId[id], metric), half: labelText(byId[id]).width / 2, h: labelText(byId[id]).lines * LABEL_PX }));
  const W = view.width - 2 * LABEL_MARGIN, H = view.height - 2 * LABEL_MARGIN;
  // the screen box of the dots and names at scale s, in px
  const box = (s) => {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const m of marks) {
      x0 = Math.min(x0, m.x * s - Math.max(m.half, m.r * s)); x1 = Math.max(x1, m.x * s + Math.max(m.half, m.r * s));
      y0 = Math.min(y0, (m.y - m.r) * s); y1 = Math.max(y1, (m.y + m.r) * s + m.h + 1);
    }
    return { x0, x1, y0, y1 };
  };
  const fits = (s) => { const b = box(s); return b.x1 - b.x0 <= W && b.y1 - b.y0 <= H; };
  let scale = fitted;
  if (!fits(scale)) {
    let lo = 0.02, hi = fitted;
    for (let i = 0; i < 30; i++) { const mid = (lo + hi) / 2; if (fits(mid)) lo = mid; else hi = mid; }
    scale = lo;
  }
  const b = box(scale);
  // centre the box, unless it fits with room to spare and the fitted view already holds it
  const inside = (c) => { const left = c.x * scale - view.width / 2, top = c.y * scale - view.height / 2;
    return b.x0 - left >= LABEL_MARGIN && left + view.width - b.x1 >= LABEL_MARGIN && b.y0 - top >= LABEL_MARGIN && top + view.height - b.y1 >= LABEL_MARGIN; };
  const now = network.getViewPosition();
  if (scale === fitted && inside(now)) return;
  network.moveTo({ position: { x: (b.x0 + b.x1) / 2 / scale, y: (b.y0 + b.y1) / 2 / scale }, scale, animation: false });
}

// Names are drawn at LABEL_PX on screen whatever the zoom. The ALWAYS busiest agents always have theirs (below
// their dot, or above it where below would sit on another dot or name); the others in view get theirs, busiest
// first, wherever there is room, up to MAX_LABELS; the rest are hidden until a zoom makes room (hover shows all).
const ALWAYS = Math.min(20, data.nodes.length);
const MAX_LABELS = 250;
const alwaysIds = new Set(rank.slice(0, ALWAYS).map((n) => n.id));
const measure = document.createElement("canvas").getContext("2d");
// A long name (an office, a congress) is drawn on two lines, broken at the space nearest its middle: on a phone
// one line of 40 characters is wider than half the screen, so it was cut at the edge or forced the map to zoom out.
const WRAP_AT = 22;
const wrapped = new Map(); // id -> { text, lines, width } as drawn at LABEL_PX
function labelText(n) {
  if (!wrapped.has(n.id)) {
    let text = n.label;
    if (text.length > WRAP_AT && text.includes(" ")) {
      const mid = text.length / 2;
      let best = -1;
      for (let i = text.indexOf(" "); i !== -1; i = text.indexOf(" ", i + 1)) if (best < 0 || Math.abs(i - mid) < Math.abs(best - mid)) best = i;
      text = text.slice(0, best) + "\n" + text.slice(best + 1);
    }
    measure.font = `${LABEL_PX}px ${FONT}`;
    const lines = text.split("\n");
    wrapped.set(n.id, { text, lines: lines.length, width: Math.max(...lines.map((l) => measure.measureText(l).width)) });
  }
  return wrapped.get(n.id);
}
const shownLabel = new Map(); // id -> [size, vadjust] as last set
// the canvas in view and a drawn name's box, both in screen pixels about the canvas origin (canvas units x scale)
function viewBox(scale) {
  const view = container.getBoundingClientRect();
  const a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: view.width, y: view.height });
  return { x0: a.x * scale, x1: b.x * scale, y0: a.y * scale, y1: b.y * scale };
}
function nameBox(item, p, scale) {
  const d = byId[item.id], r = nodeSize(d, metric) * scale, { width: w, lines } = labelText(d);
  const cx = p.x * scale, y0 = p.y * scale + r + 1 + (item.font.vadjust || 0) * scale;
  return { id: item.id, x0: cx - w / 2, x1: cx + w / 2, y0, y1: y0 + lines * LABEL_PX + 1 };
}
const drawnNames = () => nodes.get().filter((n) => !n.hidden && n.label && n.font && n.font.size * network.getScale() >= LABEL_PX - 0.01);
function placeLabels() {
  const scale = network.getScale();
  const pos = network.getPositions();
  measure.font = `${LABEL_PX}px ${FONT}`;
  const view = container.getBoundingClientRect();
  const topLeft = network.DOMtoCanvas({ x: 0, y: 0 }), bottomRight = network.DOMtoCanvas({ x: view.width, y: view.height });
  const CELL = 48;
  const grid = new Map();
  const cells = (b) => {
    const out = [];
    for (let i = Math.floor(b.x0 / CELL); i <= Math.floor(b.x1 / CELL); i++) for (let j = Math.floor(b.y0 / CELL); j <= Math.floor(b.y1 / CELL); j++) out.push(i + "," + j);
    return out;
  };
  const add = (b) => { for (const c of cells(b)) { if (!grid.has(c)) grid.set(c, []); grid.get(c).push(b); } };
  const hits = (b) => cells(b).some((c) => (grid.get(c) || []).some((o) => o.owner !== b.owner && b.x0 < o.x1 && b.x1 > o.x0 && b.y0 < o.y1 && b.y1 > o.y0));
  const inView = (p) => p.x >= topLeft.x && p.x <= bottomRight.x && p.y >= topLeft.y && p.y <= bottomRight.y;
  const vb = viewBox(scale);
  const whole = (b) => b.x0 >= vb.x0 && b.x1 <= vb.x1 && b.y0 >= vb.y0 && b.y1 <= vb.y1;
  // dots (in screen pixels) first, so no name is written over one
  for (const n of data.nodes) {
    if (hidden.has(n.id) || !inView(pos[n.id])) continue;
    const r = nodeSize(n, metric) * scale, cx = pos[n.id].x * scale, cy = pos[n.id].y * scale;
    add({ x0: cx - r, x1: cx + r, y0: cy - r, y1: cy + r, owner: n.id });
  }
  const updates = [];
  let count = 0;
  for (const n of rank) {
    let want = [2 / scale, 0]; // not drawn
    if (!hidden.has(n.id) && inView(pos[n.id]) && (alwaysIds.has(n.id) || count < MAX_LABELS)) {
      const { width: w, lines } = labelText(n), h = lines * LABEL_PX, r = nodeSize(n, metric) * scale;
      const cx = pos[n.id].x * scale, cy = pos[n.id].y * scale;
      // below the dot, above it, then a line further down or up (vadjust moves a vis-network label vertically)
      const spots = [0, -1, 1, -2, 2].map((step) => {
        const y0 = step >= 0 ? cy + r + 1 + step * (h + 2) : cy - r - 4 - h + (step + 1) * (h + 2);
        return { box: { x0: cx - w / 2, x1: cx + w / 2, y0, y1: y0 + h + 1, owner: n.id }, vadjust: (y0 - (cy + r + 1)) / scale };
      });
      let box = null, vadjust = 0;
      // a name goes where it is whole on the canvas and clear of others; one of the busiest is drawn anyway
      const free = spots.find((sp) => whole(sp.box) && !hits(sp.box));
      if (free) ({ box, vadjust } = free);
      else if (alwaysIds.has(n.id)) ({ box, vadjust } = spots.find((sp) => whole(sp.box)) || spots[0]);
      if (box) { add(box); count++; want = [LABEL_PX / scale, vadjust]; }
    }
    // a name not drawn is an empty label: vis-network still lays out a label it does not draw (half the
    // drawing time of a 5,000-node map); the name stays in the tooltip
    const drawn = want[0] * scale >= LABEL_PX - 0.01;
    const had = shownLabel.get(n.id);
    if (drawn ? !had || Math.abs(had[0] - want[0]) > 1e-9 || had[1] !== want[1] : had) {
      if (drawn) shownLabel.set(n.id, want);
      else shownLabel.delete(n.id);
      updates.push({ id: n.id, label: drawn ? labelText(n).text : "", font: { size: want[0], vadjust: want[1] } });
    }
  }
  if (updates.length) nodes.update(updates);
}

// ------------------------------------------------------------------ filtering: time, sides, selection

const sidesOn = new Set(data.sides.map((s) => s.id));
let range = [0, 1e9];
let hidden = new Set();
let selection = null; // {type: "node"|"edge", id}
let starting = true;

function recordsOf(e) {
  return e.rec.map((i) => data.records[i]);
}

function visibleEdges() {
  const out = new Map();
  for (const e of data.edges) {
    if (!sidesOn.has(byId[e.from].side) || !sidesOn.has(byId[e.to].side)) continue;
    let n = 0;
    for (const i of e.rec) if (overlaps(data.records[i], range[0], range[1])) n++;
    if (n) out.set(e.id, n);
  }
  return out;
}

let shownEdges = new Map(data.edges.map((e) => [e.id, e.rec.length]));
function applyFilters(final) {
  const visible = visibleEdges();
  const on = new Set();
  for (const e of data.edges) if (visible.has(e.id)) { on.add(e.from); on.add(e.to); }
  for (const n of data.nodes) if (n.isolated && sidesOn.has(n.side)) on.add(n.id);
  if (!final) {
    // While the brush moves, only what is drawn follows it: vis-network draws the nodes and edges listed in
    // body.nodeIndices and body.edgeIndices (which it rebuilds from the hidden flags on every DataSet change), and
    // a DataSet change costs a pass over all nodes and edges (185 ms a frame at 5,000 nodes, against 2 ms for
    // this). When the brush stops, the final pass sets the hidden flags, and vis-network rebuilds the lists.
    network.body.nodeIndices = data.nodes.filter((n) => on.has(n.id)).map((n) => n.id);
    network.body.edgeIndices = data.edges.filter((e) => visible.has(e.id)).map((e) => e.id);
    network.redraw();
    counts.textContent = `${on.size} of ${data.nodes.length} agents, ${visible.size} of ${data.edges.length} links`;
    return;
  }
  const nodeUpdates = [], edgeUpdates = [];
  const newHidden = new Set(data.nodes.filter((n) => !on.has(n.id)).map((n) => n.id));
  for (const n of data.nodes) if (newHidden.has(n.id) !== hidden.has(n.id)) nodeUpdates.push({ id: n.id, hidden: newHidden.has(n.id) });
  for (const e of data.edges) {
    const was = shownEdges.get(e.id), now = visible.get(e.id);
    if (!!was !== !!now) edgeUpdates.push({ id: e.id, hidden: !now, ...(now ? { width: width(now) } : {}) });
    else if (final && now && was !== now) edgeUpdates.push({ id: e.id, width: width(now) });
  }
  hidden = newHidden;
  shownEdges = visible;
  if (nodeUpdates.length) nodes.update(nodeUpdates);
  if (edgeUpdates.length) edges.update(edgeUpdates);
  // the lists drawn, as vis-network makes them from the hidden flags (the brush may have left others)
  network.body.nodeIndices = data.nodes.filter((n) => !hidden.has(n.id)).map((n) => n.id);
  network.body.edgeIndices = data.edges.filter((e) => visible.has(e.id) && !hidden.has(e.from) && !hidden.has(e.to)).map((e) => e.id);
  if (!nodeUpdates.length && !edgeUpdates.length) network.redraw(); // a change of the DataSets redraws anyway
  counts.textContent = `${data.nodes.length - hidden.size} of ${data.nodes.length} agents, ${visible.size} of ${data.edges.length} links`;
  if (starting) return; // the first view does these once, after fitting
  showRecords();
  placeLabels();
  saveHash();
}

function showRecords() {
  const seen = new Set(), list = [];
  const wanted = selection && selection.type === "edge" ? [selection.id] : [...shownEdges.keys()];
  for (const id of wanted) {
    const e = edgeById.get(id);
    if (!e || !shownEdges.has(e.id)) continue;
    if (selection && selection.type === "node" && e.from !== selection.id && e.to !== selection.id) continue;
    for (const r of recordsOf(e)) {
      if (!seen.has(r.id) && overlaps(r, range[0], range[1])) { seen.add(r.id); list.push(r); }
    }
  }
  show(list);
}

// ------------------------------------------------------------------ the page around it

const { drawer, tabs, details, table, show } = makeMapPanel(agents, data.file);
const counts = el("p", { class: "muted" });
details.append(el("p", { class: "muted", text: "Click a name or a link to see its records; drag the time window below; search by any name or alias." }));

// the key: sides (they filter too), what size, width and arrows mean, the measure nodes are sized by
const key = tabs.boxes.key;
key.appendChild(el("h3", { text: "Sides (untick to hide)" }));
for (const s of data.sides) {
  const cb = el("input", { type: "checkbox", checked: true, value: s.id, class: "side-filter", onchange: () => {
    if (cb.checked) sidesOn.add(s.id); else sidesOn.delete(s.id);
    applyFilters(true);
  } });
  key.appendChild(el("label", { class: "legend" }, cb, el("span", { class: "swatch", style: `background:${s.color}` }), `${s.label} (${s.agents} agents)`));
}
const metricSelect = el("select", { id: "metric", onchange: () => { metric = metricSelect.value; nodes.update(data.nodes.map((n) => ({ id: n.id, size: nodeSize(n, metric) }))); placeLabels(); saveHash(); } },
  Object.entries(METRICS).map(([k, v]) => el("option", { value: k, text: v })));
key.append(
  el("h3", { text: "Reading the map" }),
  el("p", { class: "legend" }, "Size of a dot: ", metricSelect, "."),
  el("p", { class: "legend", text: "Width of a link: the records from one agent to the other in the time shown. An arrow points to the recipient; the two directions between two agents are two curved links." }),
  el("p", { class: "legend", text: "Counts are records: a letter to three people is one record sent." }),
  counts,
);
if (data.note) key.appendChild(el("p", { class: "muted", text: data.note }));

function showNode(id) {
  const n = byId[id];
  selection = { type: "node", id };
  const correspondents = data.edges.filter((e) => e.from === id || e.to === id);
  const ranked = new Map();
  for (const e of correspondents) {
    const other = e.from === id ? e.to : e.from;
    const row = ranked.get(other) || { to: 0, from: 0 };
    if (e.from === id) row.to += e.rec.length; else row.from += e.rec.length;
    ranked.set(other, row);
  }
  const list = [...ranked.entries()].sort((a, b) => b[1].to + b[1].from - (a[1].to + a[1].from));
  details.replaceChildren(
    el("h2", { text: n.label }),
    el("p", { class: "muted", text: `${n.side_label} · ${n.kind}` }),
    nameList(n.names),
    n.aliases && n.aliases.length ? el("p", { class: "muted", text: "Also: " + n.aliases.join("; ") }) : null,
    el("p", { text: `${n.sent} records sent, ${n.received} received, ${n.correspondents} correspondents` }),
    n.offices && n.offices.length ? el("div", {}, el("h3", { text: "Offices" }), el("ul", {}, n.offices.map((o) => el("li", { text: o })))) : null,
    el("p", {}, n.page ? el("a", { href: n.page, text: "page" }) : null, n.page && n.ego ? " · " : null, n.ego && n.ego !== data.file + ".html" ? el("a", { href: n.ego, text: "ego map" }) : null),
    el("h3", { text: "Correspondents" }),
    el("ul", {}, list.slice(0, 25).map(([other, c]) => el("li", {}, el("a", { href: "#", text: byId[other].label, onclick: (ev) => { ev.preventDefault(); focusNode(other); } }),
      ` ${c.to} to, ${c.from} from`))),
  );
  showRecords();
  saveHash();
}

function showEdge(id) {
  const e = edgeById.get(id);
  selection = { type: "edge", id };
  const back = edgeByPair.get(edgeKey(e.to, e.from));
  const a = byId[e.from].label, b = byId[e.to].label;
  details.replaceChildren(
    el("h2", { text: `${a} → ${b}` }),
    el("p", { text: `${a} → ${b}: ${e.rec.length} record${e.rec.length === 1 ? "" : "s"}` + (back ? ` · ${b} → ${a}: ${back.rec.length}` : ` · ${b} → ${a}: none`) }),
    el("ul", {}, recordsOf(e).slice(0, 50).map((r) => el("li", {}, `${r.date} · ${r.kind} · `, ...recordLinks(r)))),
    e.rec.length > 50 ? el("p", { class: "muted", text: `and ${e.rec.length - 50} more (see Records)` }) : null,
  );
  showRecords();
  saveHash();
}

function clearSelection() {
  selection = null;
  network.unselectAll();
  details.replaceChildren(el("p", { class: "muted", text: "Nothing selected. Click a name or a link." }));
  showRecords();
  saveHash();
}

function focusNode(id) {
  network.selectNodes([id]);
  network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
  showNode(id);
  tabs.show("details");
  drawer.open();
  placeLabels();
}

network.on("click", (p) => {
  if (p.nodes.length) { showNode(p.nodes[0]); tabs.show("details"); drawer.open(); }
  else if (p.edges.length) { showEdge(p.edges[0]); tabs.show("details"); drawer.open(); }
  else clearSelection();
});
let zoomTimer = null;
network.on("zoom", () => { clearTimeout(zoomTimer); zoomTimer = setTimeout(placeLabels, 60); });
network.on("dragEnd", () => placeLabels());
network.on("hoverNode", (p) => fillTip(nodes.get(p.node).title));
network.on("hoverEdge", (p) => fillTip(edges.get(p.edge).title));
// vis-network rescales the view when its canvas changes size (a rotated phone, the drawer, full screen)
network.on("resize", () => { clearTimeout(zoomTimer); zoomTimer = setTimeout(placeLabels, 60); });

// search by any name
const search = document.getElementById("search");
const status = document.getElementById("search-status");
const find = makeFinder(data.nodes.map((n) => [n.id, [n.label, ...(n.aliases || []), ...(n.names || []).map((x) => x.text)]]));
function doSearch() {
  const id = find(search.value);
  if (!id) {
    status.textContent = search.value.trim() ? "No name matches." : "";
    if (search.value.trim()) clearSelection();
    return;
  }
  status.textContent = hidden.has(id) ? "Found, but outside the time or sides shown." : "";
  focusNode(id);
}
search.addEventListener("change", doSearch);
search.addEventListener("keydown", (ev) => { if (ev.key === "Enter") doSearch(); });
searchShortcut(search);

// tools
const tool = (id, fn) => document.getElementById(id).addEventListener("click", fn);
tool("zoom-in", () => { network.moveTo({ scale: network.getScale() * 1.4 }); placeLabels(); });
tool("zoom-out", () => { network.moveTo({ scale: network.getScale() / 1.4 }); placeLabels(); });
tool("fit", () => { fitMain(); placeLabels(); });
tool("fullscreen", fullscreen);
tool("png", () => exportPNG().then((b) => download(`${data.file}.png`, "image/png", b)));
tool("svg", () => download(`${data.file}.svg`, "image/svg+xml", exportSVG()));
tool("permalink", () => { saveHash(); navigator.clipboard && navigator.clipboard.writeText(location.href).catch(() => {}); status.textContent = "The address now keeps this view."; });
makeHelp(document.getElementById("help"), [
  ["Dots", "people and organisations, coloured by side; size by the measure chosen under Key (records sent and received by default)."],
  ["Links", "records from one to the other: the arrow points to the recipient, width grows with the number of records, and A → B and B → A are two curved links."],
  ["Time", "drag the window under the map, or its edges, to show only the records of that time; ▶ plays through the years."],
  ["Moving", "drag to pan, wheel or pinch to zoom, + and − and ⤢ (fit) above; / jumps to the search."],
  ["Records", "the Records tab lists the records drawn, with links to their pages; download them as CSV."],
]);

// ------------------------------------------------------------------ exports

function exportPNG() {
  return new Promise((resolve) => container.querySelector("canvas").toBlob(resolve, "image/png"));
}

function exportSVG() {
  const pos = network.getPositions();
  const shown = data.nodes.filter((n) => !hidden.has(n.id));
  const xs = shown.map((n) => pos[n.id].x), ys = shown.map((n) => pos[n.id].y);
  const pad = 60, x0 = Math.min(...xs) - pad, y0 = Math.min(...ys) - pad;
  const w = Math.max(...xs) - x0 + pad, h = Math.max(...ys) - y0 + pad;
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x0} ${y0} ${w} ${h}" width="${Math.round(w)}" height="${Math.round(h)}" font-family="DejaVu Sans, sans-serif">`,
    `<title>${esc(data.title)}</title>`, `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="#fff"/>`];
  for (const e of data.edges) {
    if (!shownEdges.has(e.id)) continue;
    const a = pos[e.from], b = pos[e.to];
    const bend = edgeByPair.has(edgeKey(e.to, e.from)) ? 0.18 : 0; // as drawn: curves apart only when both ways
    const mx = (a.x + b.x) / 2 + (b.y - a.y) * bend, my = (a.y + b.y) / 2 - (b.x - a.x) * bend;
    parts.push(`<path d="M${a.x},${a.y} Q${mx},${my} ${b.x},${b.y}" fill="none" stroke="${sideColor[byId[e.from].side] || "#999"}" stroke-opacity=".55" stroke-width="${width(shownEdges.get(e.id))}"/>`);
  }
  for (const n of shown) parts.push(`<circle cx="${pos[n.id].x}" cy="${pos[n.id].y}" r="${nodeSize(n, metric)}" fill="${n.color}" stroke="#0005"/>`);
  for (const n of shown) if (shownLabel.has(n.id)) parts.push(`<text x="${pos[n.id].x}" y="${pos[n.id].y + nodeSize(n, metric) + 14}" text-anchor="middle" font-size="14" paint-order="stroke" stroke="#fff" stroke-width="3">${esc(n.label)}</text>`);
  parts.push("</svg>");
  return parts.join("\n");
}

// ------------------------------------------------------------------ the permalink

function saveHash() {
  const off = data.sides.filter((s) => !sidesOn.has(s.id)).map((s) => s.id).join(",");
  const full = brush.full();
  const [lo, hi] = brush.get();
  writeHash({
    from: lo !== full[0] || hi !== full[1] ? monthText(lo) : "",
    to: lo !== full[0] || hi !== full[1] ? monthText(hi) : "",
    sel: selection ? selection.id : "",
    off,
    size: metric !== "records" ? metric : "",
  });
}

let brushTimer = null;
const brush = makeBrush(document.getElementById("brush"), data, (lo, hi) => {
  range = [lo, hi];
  applyFilters(false);
  clearTimeout(brushTimer);
  brushTimer = setTimeout(() => applyFilters(true), 250);
});

const state = readHash();
for (const off of (state.off || "").split(",").filter(Boolean)) {
  sidesOn.delete(off);
  const cb = key.querySelector(`input[value="${CSS.escape(off)}"]`);
  if (cb) cb.checked = false;
}
if (state.size && METRICS[state.size]) { metric = state.size; metricSelect.value = metric; nodes.update(data.nodes.map((n) => ({ id: n.id, size: nodeSize(n, metric) }))); }
const start = state.from && state.to ? [state.from, state.to] : data.start ? [data.start.from, data.start.to] : null;
const fullRange = brush.full();
range = fullRange;
if (start) brush.set(parseInt(start[0].slice(0, 4), 10) * 12 + parseInt(start[0].slice(5, 7), 10) - 1, parseInt(start[1].slice(0, 4), 10) * 12 + parseInt(start[1].slice(5, 7), 10) - 1, true), (range = brush.get());
performance.mark("xj-furniture");
if (sidesOn.size < data.sides.length || range[0] !== fullRange[0] || range[1] !== fullRange[1]) applyFilters(true);
starting = false;
performance.mark("xj-filtered");
network.setSize("100%", "100%"); // the brush and the panel are in place now: measure the canvas again
fitMain();
performance.mark("xj-fit");
placeLabels();
performance.mark("xj-labels");
if (state.sel && byId[state.sel]) { network.selectNodes([state.sel]); showNode(state.sel); }
else if (state.sel && data.edges.some((e) => e.id === state.sel)) { network.selectEdges([state.sel]); showEdge(state.sel); }
else clearSelection();
network.once("afterDrawing", () => { window.xjReady = performance.now(); });
network.redraw();

// ------------------------------------------------------------------ what tests and scripts may ask

window.xjApi = {
  setRange(from, to) {
    const m = (s) => parseInt(s.slice(0, 4), 10) * 12 + parseInt(s.slice(5, 7), 10) - 1;
    brush.set(m(from), m(to), true);
    range = brush.get();
    applyFilters(true);
    return brush.get().map(monthText);
  },
  range: () => brush.get().map(monthText),
  visibleNodes: () => data.nodes.filter((n) => !hidden.has(n.id)).map((n) => n.id).sort(),
  labelsAtLeast(px) {
    const s = network.getScale();
    return nodes.get().filter((n) => !n.hidden && n.label && n.font && n.font.size * s >= px).length;
  },
  /** Names drawn (on-screen boxes), and how many of them overlap another name or sit on another agent's dot. */
  labelOverlaps() {
    const scale = network.getScale(), pos = network.getPositions();
    const boxes = drawnNames().map((n) => nameBox(n, pos[n.id], scale));
    const dots = data.nodes.filter((n) => !hidden.has(n.id)).map((n) => {
      const r = nodeSize(n, metric) * scale, cx = pos[n.id].x * scale, cy = pos[n.id].y * scale;
      return { id: n.id, x0: cx - r, x1: cx + r, y0: cy - r, y1: cy + r };
    });
    const meet = (a, b) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;
    let overlaps = 0;
    for (const a of boxes) if (boxes.some((b) => b !== a && meet(a, b)) || dots.some((d) => d.id !== a.id && meet(a, d))) overlaps++;
    return { drawn: boxes.length, overlaps };
  },
  /** The names drawn that the canvas cuts: any part of the name off its edges. */
  labelsClipped() {
    const scale = network.getScale(), pos = network.getPositions(), view = viewBox(scale);
    return drawnNames().filter((n) => { const b = nameBox(n, pos[n.id], scale);
      return b.x0 < view.x0 || b.x1 > view.x1 || b.y0 < view.y0 || b.y1 > view.y1; }).map((n) => byId[n.id].label);
  },
  tableRows: () => table.rows(),
  csv: () => table.csv(),
  select: (id) => focusNode(id),
  selected: () => (selection ? selection.id : null),
  clear: () => clearSelection(),
  showTab: (key) => tabs.show(key),
  busiest: (n) => rank.slice(0, n).map((x) => x.id),
  /** Move a one-year window through the whole span `steps` times, as a drag of the brush does (filter, redraw);
   * the time of each frame in ms (benchmarks/map_draw.py prints them). */
  brushFrames(steps) {
    const [a, b] = brush.full(), times = [];
    let filtering = 0;
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      const lo = a + (i % Math.max(1, b - a - 11));
      range = [lo, lo + 11];
      applyFilters(false); // filters and redraws
      filtering += performance.now() - t0;
      times.push(performance.now() - t0);
    }
    range = brush.full();
    applyFilters(true);
    times.sort((x, y) => x - y);
    return { mean: times.reduce((x, y) => x + y, 0) / times.length, p95: times[Math.floor(0.95 * (times.length - 1))],
      filtering: filtering / steps };
  },
  search(text) { search.value = text; doSearch(); return selection ? selection.id : null; },
  edges(a, b) {
    const e = edgeByPair.get(edgeKey(a, b));
    return e ? { id: e.id, records: e.rec.length, drawn: !!shownEdges.get(e.id) } : null;
  },
  exportPNG: () => exportPNG().then((b) => b.arrayBuffer()).then((buf) => Array.from(new Uint8Array(buf.slice(0, 16)))),
  exportSVG,
  fit: () => { fitMain(); placeLabels(); },
};
