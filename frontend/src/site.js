// The site's pages: the search of the index page (MiniSearch over every name, alias, title and description,
// with facets), and the locator map of a place page (the maps' offline basemap, drawn with d3-geo).
// Text from the data is only ever set as text.
import MiniSearch from "minisearch";
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature, mesh } from "topojson-client";

const make = (tag, attrs, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
};

// ------------------------------------------------------------------ search

function fold(s) {
  return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function setUpSearch() {
  const data = document.getElementById("xj-search");
  if (!data) return;
  const docs = JSON.parse(data.textContent);
  const byId = new Map(docs.map((d) => [d.id, d]));
  // words, and each Chinese character on its own, so 盛世才 and 迪化 are found whole or in part
  const tokenize = (text) => (fold(text).match(/[\p{L}\p{N}]+/gu) || []).flatMap((w) => (/\p{Script=Han}/u.test(w) ? [w, ...w] : [w]));
  const index = new MiniSearch({
    fields: ["label", "names", "text"],
    storeFields: ["id"],
    tokenize,
    processTerm: (t) => t,
    searchOptions: { boost: { label: 3, names: 2 }, prefix: true, fuzzy: (term) => (term.length > 4 ? 0.2 : false), combineWith: "AND" },
  });
  index.addAll(docs);
  const q = document.getElementById("q");
  // a font is loaded when text needs it, and a placeholder does not ask: ask for the Chinese of the example
  // a placeholder is drawn once and not again when a font arrives: the one with Chinese in it is set after the
  // font for its characters has loaded
  const wanted = q.dataset.placeholder;
  if (wanted && document.fonts) document.fonts.load("16px 'Noto Sans SC'", wanted).then(() => { q.placeholder = wanted; });
  const results = document.getElementById("results");
  const count = document.getElementById("count");
  const facets = { kind: document.getElementById("facet-kind"), year: document.getElementById("facet-year"), side: document.getElementById("facet-side") };
  const KIND = { record: "record", person: "person", organisation: "organisation", place: "place", event: "event", office: "office", kind: "kind of record", side: "side" };
  function run() {
    const text = q.value.trim();
    const kind = facets.kind.value, year = facets.year.value, side = facets.side.value;
    results.replaceChildren();
    if (!text && !kind && !year && !side) { count.textContent = ""; return []; }
    const filter = (r) => {
      const d = byId.get(r.id);
      return (!kind || d.kind === kind) && (!year || d.year === year) && (!side || d.side.split("|").includes(side));
    };
    const hits = text ? index.search(text, { filter }) : docs.filter((d) => filter(d)).map((d) => ({ id: d.id }));
    count.textContent = `${hits.length} result${hits.length === 1 ? "" : "s"}` + (hits.length > 100 ? " (the first 100 shown)" : "");
    for (const h of hits.slice(0, 100)) {
      const d = byId.get(h.id);
      const also = d.names && d.names.length ? make("span", { class: "snippet" }, " · " + d.names.slice(0, 160)) : "";
      const about = d.abstract ? make("span", { class: "abstract-hit" }, d.abstract) : "";
      results.append(make("li", {}, make("a", { href: d.href }, d.label), make("span", { class: "muted" }, ` ${KIND[d.kind] || d.kind}${d.year ? " · " + d.year : ""}`), also, about));
    }
    return hits.map((h) => byId.get(h.id).href);
  }
  q.addEventListener("input", run);
  for (const f of Object.values(facets)) f.addEventListener("change", run);
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, "")).get("q");
  if (fromHash) { q.value = fromHash; run(); }
  window.xjSearch = (text, options) => {
    q.value = text;
    for (const [k, v] of Object.entries(options || {})) {
      facets[k].value = v;
      if (facets[k].value !== v) throw new Error(`no ${k} ${JSON.stringify(v)} to choose`);
    }
    return run();
  };
}

// ------------------------------------------------------------------ locator maps

function setUpLocators() {
  const world = window.XJ_WORLD;
  const boxes = document.querySelectorAll(".locator[data-lat]");
  if (!world || !boxes.length) return;
  const land = feature(world.land, world.land.objects.land);
  const borders = mesh(world.borders, world.borders.objects.countries, (a, b) => a !== b);
  const NS = "http://www.w3.org/2000/svg";
  const shape = (tag, attrs, parent) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    parent.appendChild(e);
    return e;
  };
  for (const box of boxes) {
    const lat = parseFloat(box.dataset.lat), long = parseFloat(box.dataset.long);
    const W = 520, H = 300;
    const projection = geoEqualEarth().rotate([-long, 0]);
    // about 40 degrees of longitude around the place
    projection.fitExtent([[0, 0], [W, H]], { type: "Feature", geometry: { type: "MultiPoint", coordinates: [[long - 22, lat - 11], [long + 22, lat + 11]] } });
    const path = geoPath(projection);
    const svg = shape("svg", { viewBox: `0 0 ${W} ${H}`, class: "locator", role: "img", "aria-label": box.getAttribute("aria-label") || "" }, box);
    shape("rect", { width: W, height: H, fill: "#eef3f7" }, svg);
    shape("path", { d: path(land), fill: "#e4e6df", stroke: "#a9ae9f", "stroke-width": 0.6, class: "land" }, svg);
    shape("path", { d: path(borders), fill: "none", stroke: "#8a9099", "stroke-width": 0.5, "stroke-dasharray": "2 2", "stroke-opacity": 0.4 }, svg);
    const [x, y] = projection([long, lat]);
    shape("circle", { cx: x, cy: y, r: 6, fill: "#0b7f8c", stroke: "#fff", "stroke-width": 2, class: "here" }, svg);
    const t = shape("text", { x: x + 9, y: y + 4, "font-size": 14, class: "placelabel", "stroke-width": 3 }, svg);
    t.textContent = box.dataset.label || "";
  }
}

setUpSearch();
setUpLocators();
window.xjReady = performance.now();
