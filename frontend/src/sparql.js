// The SPARQL workbench: YASGUI (from npm) with every saved query as a tab, its parameters as a form, answered by
// Oxigraph compiled to WebAssembly (from npm) over the page's own copy of the dump. YASGUI sends its queries
// with fetch() to an endpoint address; this page answers that address itself, so nothing leaves the page.
import Yasgui from "@zazuko/yasgui";
import init, { Store } from "oxigraph/web.js";
import wasm from "oxigraph/web_bg.wasm";

const data = JSON.parse(document.getElementById("xj-data").textContent);
const status = document.getElementById("engine-status");
const LOCAL = "http://xjgraph.invalid/sparql"; // never requested: answered in the page
const el = (tag, attrs, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
};

// ------------------------------------------------------------------ the engine

let store = null;
const ready = (async () => {
  await init({ module_or_path: wasm });
  store = new Store();
  if (data.dump) store.load(data.dump, { format: "text/turtle" });
  status.textContent = `Ready: ${store.size.toLocaleString("en")} triples, ${data.queries.length} saved queries.`;
})().catch((e) => { status.textContent = "The engine could not start: " + e; throw e; });

const UPDATE_RE = /^\s*(?:(?:PREFIX|BASE)\s[^\n]*\n|#[^\n]*\n|\s)*\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b/i;

/** Run a query on the page's store: a Promise of the SPARQL JSON results (SELECT, ASK) or of N-Triples text. */
async function run(text) {
  await ready;
  if (UPDATE_RE.test(text)) throw new Error("this workbench only reads: updates are refused");
  if (/\bSERVICE\b/i.test(text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g, ""))) {
    throw new Error("SERVICE would send the query to another host: refused");
  }
  const form = (text.replace(/#[^\n]*/g, "").match(/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i) || ["", "SELECT"])[1].toUpperCase();
  if (form === "CONSTRUCT" || form === "DESCRIBE") return { type: "graph", text: store.query(text, { results_format: "application/n-triples" }) };
  return { type: "json", text: store.query(text, { results_format: "application/sparql-results+json" }) };
}

window.xjgraphSparql = (text) => run(text).then((r) => (r.type === "json" ? JSON.parse(r.text) : r.text));
window.xjgraphQueries = data.queries;

// YASGUI's requests to LOCAL are answered here
const realFetch = window.fetch.bind(window);
window.fetch = async (input, options) => {
  const req = input instanceof Request ? input : new Request(input, options);
  if (!req.url.startsWith(LOCAL)) return realFetch(input, options);
  let query = new URL(req.url).searchParams.get("query");
  if (!query && req.method === "POST") query = new URLSearchParams(await req.text()).get("query");
  try {
    const answer = await run(query || "");
    return new Response(answer.text, { status: 200, headers: { "Content-Type": answer.type === "json" ? "application/sparql-results+json" : "application/n-triples" } });
  } catch (e) {
    return new Response(String(e && e.message ? e.message : e), { status: 400, statusText: "Bad query", headers: { "Content-Type": "text/plain" } });
  }
};

// ------------------------------------------------------------------ parameters: typed, bound as a VALUES block

const PREFIXES = data.prefixes;
const key = (s) => s.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
function iriOf(raw) {
  const s = raw.trim();
  if (/^<[^<>"{}|^`\\\s]+>$/.test(s)) return s.slice(1, -1);
  if (/^https?:\/\/[^<>"{}|^`\\\s]+$/.test(s)) return s;
  const m = s.match(/^([A-Za-z][\w-]*):([\w.~\/-]*)$/);
  if (m && PREFIXES[m[1]] !== undefined) return PREFIXES[m[1]] + m[2];
  return null;
}
function term(cell) {
  if (cell === null) return "UNDEF";
  if (cell.iri) return `<${cell.iri}>`;
  return JSON.stringify(cell.value) + (cell.datatype ? `^^<${cell.datatype}>` : "");
}
const XSD = "http://www.w3.org/2001/XMLSchema#";
function bounds(edtf) {
  const one = (s) => {
    const m = s.replace(/[?~%]$/, "").match(/^([0-9X]{4})(?:-([0-9X]{2})(?:-([0-9X]{2}))?)?$/);
    if (!m) throw new Error(`${JSON.stringify(s)} is not an EDTF date such as 1944, 1944-06, 1944-06-12 or 1944/1945`);
    const lo = m[1].replace(/X/g, "0"), hi = m[1].replace(/X/g, "9");
    const ms = m[2] ? [m[2].replace(/X/g, "0") === "00" ? "01" : m[2].replace(/X/g, "0"), m[2].replace(/X/g, "9") > "12" ? "12" : m[2].replace(/X/g, "9")] : ["01", "12"];
    const last = (y, mo) => String(new Date(Date.UTC(+y, +mo, 0)).getUTCDate()).padStart(2, "0");
    const ds = m[3] ? [m[3].replace(/X/g, "0") === "00" ? "01" : m[3].replace(/X/g, "0"), m[3].includes("X") ? last(hi, ms[1]) : m[3]] : ["01", last(hi, ms[1])];
    return [`${lo}-${ms[0]}-${ds[0]}`, `${hi}-${ms[1]}-${ds[1]}`];
  };
  const parts = edtf.trim().split("/");
  return [one(parts[0])[0], one(parts[parts.length - 1])[1]];
}
async function coerce(p, raw) {
  const value = raw.trim();
  if (p.type === "iri") {
    if (value === "any") return null;
    const iri = iriOf(value);
    if (iri) return { iri };
    const hits = await window.xjgraphSparql(
      `SELECT DISTINCT ?entity WHERE { VALUES ?key { ${JSON.stringify(key(value))} } ?entity <https://w3id.org/xjgraph/ontology#nameKey> ?key } ORDER BY ?entity`);
    const found = hits.results.bindings.map((b) => b.entity.value);
    const kind = (iriOf(p.default) || "").split("/").slice(-2, -1)[0];
    const preferred = found.filter((f) => f.split("/").slice(-2, -1)[0] === kind);
    const chosen = preferred.length === 1 ? preferred : found;
    if (chosen.length !== 1) throw new Error(`${p.name}: ${JSON.stringify(value)} names ${chosen.length ? chosen.length + " entities: " + chosen.join(", ") : "nothing in the graph"}`);
    return { iri: chosen[0] };
  }
  if (p.type === "date" || p.type === "from-date" || p.type === "to-date") {
    const [lo, hi] = bounds(value);
    return { value: p.type === "to-date" ? hi : lo, datatype: XSD + "date" };
  }
  if (p.type === "integer") {
    if (!/^-?\d+$/.test(value)) throw new Error(`${p.name} must be a whole number`);
    return { value: String(parseInt(value, 10)), datatype: XSD + "integer" };
  }
  if (p.type === "match") {
    if (value !== "possibly" && value !== "certainly") throw new Error(`${p.name} must be possibly or certainly`);
    return { value };
  }
  if (p.type === "url") {
    const iri = iriOf(value);
    if (!iri) throw new Error(`${p.name} must be a Digital Archive page address`);
    return { iri: iri.replace(/^http:/, "https:").replace(/[?#].*$/, "").replace(/\/$/, "") };
  }
  if (p.type === "name") return { value: key(value) };
  return { value };
}
// the VALUES block goes after every "WHERE {" outside strings and comments, as xjgraph.sparql.binding does
function bind(text, cells) {
  const names = Object.keys(cells).sort();
  if (!names.length) return text;
  const masked = text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g, (s) => " ".repeat(s.length));
  const block = ` VALUES (${names.map((n) => "?" + n).join(" ")}) { (${names.map((n) => term(cells[n])).join(" ")}) }`;
  const out = [];
  let last = 0;
  for (const m of masked.matchAll(/\bWHERE\s*\{/gi)) {
    const at = m.index + m[0].length;
    out.push(text.slice(last, at), block);
    last = at;
  }
  out.push(text.slice(last));
  return out.join("");
}

// ------------------------------------------------------------------ YASGUI

Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"]; // not class/property: those ask a web service
class ChartPlugin {
  constructor(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Chart"; this.hideFromSelection = false; }
  canHandleResults() {
    const r = this.yasr.results;
    return !!(r && r.getVariables && r.getVariables().length >= 2 && numericColumn(r) !== null);
  }
  draw() {
    const r = this.yasr.results, vars = r.getVariables(), col = numericColumn(r);
    const labelVar = vars.find((v) => v !== col) || vars[0];
    const rows = r.getBindings().slice(0, 60).map((b) => ({ label: b[labelVar] ? shortName(b[labelVar].value) : "", n: parseFloat(b[col].value) }));
    const max = Math.max(1, ...rows.map((x) => x.n));
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    const rowH = 20, W = 640, left = 220;
    svg.setAttribute("viewBox", `0 0 ${W} ${rows.length * rowH + 24}`);
    svg.setAttribute("class", "xj-chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `${col} by ${labelVar}`);
    rows.forEach((x, i) => {
      const t = document.createElementNS(NS, "text");
      t.setAttribute("x", left - 6); t.setAttribute("y", i * rowH + 14); t.setAttribute("text-anchor", "end"); t.setAttribute("font-size", "12");
      t.textContent = x.label.length > 34 ? x.label.slice(0, 33) + "…" : x.label;
      const bar = document.createElementNS(NS, "rect");
      bar.setAttribute("x", left); bar.setAttribute("y", i * rowH + 3); bar.setAttribute("height", rowH - 6);
      bar.setAttribute("width", Math.max(1, (x.n / max) * (W - left - 50))); bar.setAttribute("fill", "#56718a");
      const v = document.createElementNS(NS, "text");
      v.setAttribute("x", left + Math.max(1, (x.n / max) * (W - left - 50)) + 4); v.setAttribute("y", i * rowH + 14); v.setAttribute("font-size", "12");
      v.textContent = String(x.n);
      svg.append(t, bar, v);
    });
    this.yasr.resultsEl.replaceChildren(svg);
  }
  getIcon() { const s = document.createElement("span"); s.textContent = "▤"; return s; }
}
function numericColumn(r) {
  const rows = r.getBindings();
  if (!rows.length) return null;
  for (const v of r.getVariables()) if (rows.every((b) => b[v] && b[v].type === "literal" && /^-?\d+(\.\d+)?$/.test(b[v].value))) return v;
  return null;
}
function shortName(value) {
  for (const [p, base] of Object.entries(PREFIXES)) if (base && value.startsWith(base) && value.length > base.length) return `${p}:${value.slice(base.length)}`;
  return value;
}
Yasgui.Yasr.registerPlugin("chart", ChartPlugin);

const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: { endpoint: LOCAL, method: "POST" },
  copyEndpointOnNewTab: true,
  endpointCatalogueOptions: { getData: () => [{ endpoint: LOCAL }], keys: [] },
  persistenceId: null,
  populateFromUrl: false,
  autofocus: false,
  yasqe: { prefixCcApi: null, editorHeight: "260px" },
  yasr: { pluginOrder: ["table", "chart", "response"], defaultPlugin: "table", persistenceId: null },
});

window.xjYasgui = yasgui;
const paramsBox = document.getElementById("params");
const tabOf = new Map();
const blank = yasgui.getTab();
data.queries.forEach((q, i) => {
  // a tab not shown has no editor yet: its query goes in with its configuration
  const tab = yasgui.addTab(i === 0, { name: q.name, yasqe: { value: q.bound } });
  tabOf.set(tab.getId(), q);
});
if (blank && !tabOf.has(blank.getId())) blank.close();

function showForm() {
  const tab = yasgui.getTab();
  const q = tabOf.get(tab.getId());
  paramsBox.replaceChildren();
  if (!q) return;
  const inputs = {};
  const message = el("p", { class: "status", role: "status" });
  paramsBox.append(el("h2", { text: q.title }), el("p", { class: "muted", text: q.description }));
  if (q.params.length) {
    const form = el("form", { class: "param-form", onsubmit: async (ev) => {
      ev.preventDefault();
      message.textContent = "";
      try {
        const cells = {};
        for (const p of q.params) cells[p.name] = await coerce(p, inputs[p.name].value);
        tab.setQuery(bind(q.text, cells));
        tab.query();
      } catch (e) { message.textContent = String(e.message || e); }
    } });
    for (const p of q.params) {
      inputs[p.name] = el("input", { name: p.name, value: p.default, "aria-describedby": `help-${p.name}` });
      form.append(el("label", {}, el("span", { class: "pname", text: p.name }), inputs[p.name],
        el("span", { class: "muted", id: `help-${p.name}`, text: `${p.doc}${p.doc ? " · " : ""}${p.help}` })));
    }
    form.append(el("button", { type: "submit", text: "Run with these values" }), message);
    paramsBox.append(form);
  }
}
yasgui.on("tabSelect", () => setTimeout(showForm, 0));
showForm();
ready.then(() => { window.xjReady = performance.now(); });
