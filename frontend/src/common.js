// What every map page shares: reading its data, the time brush, the table of records, the panel (a drawer on
// phones), the help popover, downloads, the permalink in the URL hash. Text from the data is only ever set as
// text (textContent, attribute values), never parsed as markup; only http(s) addresses become links.

export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}

export function readData() {
  return JSON.parse(document.getElementById("xj-data").textContent);
}

export function webLink(url) {
  return typeof url === "string" && /^https?:\/\/[^\s<>"'`\\]+$/i.test(url) ? url : null;
}

/** A link to a record's page in the site, then to its archive page (offline the site's page works). */
export function recordLinks(r) {
  const out = [];
  if (r.page) out.push(el("a", { href: r.page, text: r.title || r.id }));
  else out.push(el("span", { text: r.title || r.id }));
  const archive = webLink(r.url);
  if (archive) out.push(" ", el("a", { href: archive, class: "muted", rel: "noopener", target: "_blank", text: "archive" }));
  return out;
}

// ------------------------------------------------------------------ months

export const month = (iso) => parseInt(iso.slice(0, 4), 10) * 12 + parseInt(iso.slice(5, 7), 10) - 1;
export const monthText = (m) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;

export function prepareRecords(data) {
  for (const r of data.records) {
    r.em = month(r.e);
    r.lm = month(r.l);
  }
}

export const overlaps = (r, lo, hi) => r.lm >= lo && r.em <= hi;

// ------------------------------------------------------------------ the time brush

/**
 * A histogram of records per month with a window that can be dragged and resized (never reversed, never
 * empty: at least one month), presets and a play button. onChange(lo, hi) is called as it moves.
 */
export function makeBrush(box, data, onChange) {
  const lo0 = month(data.range.from + "-01"), hi0 = month(data.range.to + "-01");
  const counts = new Map();
  for (const r of data.records) counts.set(r.em, (counts.get(r.em) || 0) + 1);
  const max = Math.max(1, ...counts.values());
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("role", "slider");
  svg.setAttribute("aria-label", "time range of the records shown");
  svg.setAttribute("tabindex", "0");
  const label = el("span", { class: "nowrap", id: "brush-label" });
  const play = el("button", { type: "button", title: "play: move the window through time", text: "▶ play" });
  const presets = el("span", { class: "presets" });
  box.append(el("div", { class: "row" }, el("strong", { text: "Time" }), label, play, presets), svg);
  let lo = lo0, hi = hi0, width = 600, timer = null;
  const H = () => svg.getBoundingClientRect().height || 54;
  const x = (m) => 8 + ((m - lo0) / Math.max(1, hi0 - lo0 + 1)) * (width - 16);
  const inv = (px) => Math.round(lo0 + ((px - 8) / (width - 16)) * (hi0 - lo0 + 1));
  const clamp = (m) => Math.max(lo0, Math.min(hi0, m));
  function draw() {
    width = svg.getBoundingClientRect().width || 600;
    const h = H();
    svg.setAttribute("viewBox", `0 0 ${width} ${h}`);
    svg.replaceChildren();
    const bw = Math.max(1, (width - 16) / (hi0 - lo0 + 1) - 0.5);
    for (const [m, n] of counts) {
      const bar = document.createElementNS(ns, "rect");
      const bh = Math.max(1.5, (n / max) * (h - 18));
      bar.setAttribute("x", x(m));
      bar.setAttribute("y", h - 14 - bh);
      bar.setAttribute("width", bw);
      bar.setAttribute("height", bh);
      bar.setAttribute("fill", m >= lo && m <= hi ? "#56718a" : "#c9d1d8");
      svg.appendChild(bar);
    }
    for (let y = Math.floor(lo0 / 12); y <= Math.floor(hi0 / 12); y++) {
      if (width < 500 && y % 2) continue;
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", x(y * 12));
      t.setAttribute("y", h - 2);
      t.setAttribute("font-size", "10");
      t.setAttribute("fill", "#5f6670");
      t.textContent = String(y);
      svg.appendChild(t);
    }
    const win = document.createElementNS(ns, "rect");
    win.setAttribute("class", "brush-window");
    win.setAttribute("x", x(lo));
    win.setAttribute("y", 1);
    win.setAttribute("width", Math.max(3, x(hi + 1) - x(lo)));
    win.setAttribute("height", h - 15);
    win.dataset.part = "window";
    svg.appendChild(win);
    for (const [part, m] of [["lo", lo], ["hi", hi + 1]]) {
      const handle = document.createElementNS(ns, "rect");
      handle.setAttribute("class", "brush-handle");
      handle.setAttribute("x", x(m) - 4);
      handle.setAttribute("y", 1);
      handle.setAttribute("width", 8);
      handle.setAttribute("height", h - 15);
      handle.dataset.part = part;
      svg.appendChild(handle);
    }
    label.textContent = `${monthText(lo)} to ${monthText(hi)}`;
    svg.setAttribute("aria-valuetext", label.textContent);
  }
  function set(a, b, quiet) {
    a = clamp(a);
    b = clamp(b);
    if (b < a) [a, b] = [b, a];
    lo = a;
    hi = b;
    draw();
    if (!quiet) onChange(lo, hi);
  }
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => {
    const part = ev.target.dataset ? ev.target.dataset.part : null;
    const px = ev.clientX - svg.getBoundingClientRect().left;
    drag = { part: part || "new", start: inv(px), lo, hi };
    if (!part) set(inv(px), inv(px));
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const m = inv(ev.clientX - svg.getBoundingClientRect().left);
    if (drag.part === "lo") set(Math.min(m, hi), hi);
    else if (drag.part === "hi") set(lo, Math.max(m - 1, lo));
    else if (drag.part === "window") {
      const d = Math.max(lo0 - drag.lo, Math.min(hi0 - drag.hi, m - drag.start));
      set(drag.lo + d, drag.hi + d);
    } else set(Math.min(drag.start, m), Math.max(drag.start, m));
  });
  svg.addEventListener("pointerup", () => { drag = null; });
  svg.addEventListener("keydown", (ev) => {
    const step = ev.shiftKey ? 12 : 1;
    if (ev.key === "ArrowLeft" && lo > lo0) set(lo - step, hi - step);
    else if (ev.key === "ArrowRight" && hi < hi0) set(lo + step, hi + step);
    else return;
    ev.preventDefault();
  });
  for (const p of [{ label: "all", from: data.range.from, to: data.range.to }, ...(data.presets || [])]) {
    presets.appendChild(el("button", { type: "button", text: p.label, onclick: () => set(month(p.from + "-01"), month(p.to + "-01")) }));
  }
  play.addEventListener("click", () => {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ play"; return; }
    const span = Math.max(0, Math.min(hi - lo, 35));
    let a = lo0;
    play.textContent = "❚❚ pause";
    set(a, a + span);
    timer = setInterval(() => {
      a += 3;
      if (a + span > hi0) { clearInterval(timer); timer = null; play.textContent = "▶ play"; return; }
      set(a, a + span);
    }, 400);
  });
  new ResizeObserver(draw).observe(svg);
  draw();
  return { set, get: () => [lo, hi], full: () => [lo0, hi0] };
}

// ------------------------------------------------------------------ the records table

export function makeTable(box, agents, filename) {
  const cols = [["date", "date"], ["kind", "kind"], ["from", "from"], ["to", "to"], ["title", "title"]];
  let rows = [], sortKey = "date", sortDir = 1;
  const head = el("tr", {}, cols.map(([key, text]) => el("th", { scope: "col", "data-key": key, text, onclick: () => sort(key) })));
  const body = el("tbody");
  const count = el("span", { class: "muted" });
  const csv = el("button", { type: "button", text: "download CSV", onclick: () => download(filename + ".csv", "text/csv", toCSV()) });
  box.append(el("div", {}, count, " ", csv), el("div", { class: "scroll" }, el("table", {}, el("thead", {}, head), body)));
  const names = (ids) => (ids || []).map((a) => (agents[a] ? agents[a].label : a)).join("; ");
  const value = (r, key) => (key === "from" ? names(r.from) : key === "to" ? names(r.to) : key === "date" ? r.e + " " + r.date : r[key] || "");
  function sort(key) {
    sortDir = key === sortKey ? -sortDir : 1;
    sortKey = key;
    render();
  }
  function render() {
    rows.sort((a, b) => (value(a, sortKey) < value(b, sortKey) ? -sortDir : value(a, sortKey) > value(b, sortKey) ? sortDir : 0));
    body.replaceChildren(...rows.slice(0, 500).map((r) => el("tr", {},
      el("td", { class: "nowrap", text: r.date }), el("td", { text: r.kind || "" }), el("td", { text: names(r.from) }),
      el("td", { text: names(r.to) }), el("td", {}, recordLinks(r)))));
    count.textContent = `${rows.length} record${rows.length === 1 ? "" : "s"} shown` + (rows.length > 500 ? " (the first 500 listed; the CSV has all)" : "");
    for (const th of head.children) th.setAttribute("aria-sort", th.dataset.key === sortKey ? (sortDir > 0 ? "ascending" : "descending") : "none");
  }
  function toCSV() {
    const q = (s) => '"' + String(s).replace(/"/g, '""') + '"';
    const lines = [["record", "date", "kind", "from", "to", "title", "url"].join(",")];
    for (const r of rows) lines.push([r.id, r.date, r.kind || "", names(r.from), names(r.to), r.title || "", r.url || ""].map(q).join(","));
    return lines.join("\n") + "\n";
  }
  return {
    show(list) { rows = list.slice(); render(); },
    rows: () => rows.map((r) => r.id),
    csv: toCSV,
  };
}

// ------------------------------------------------------------------ page furniture

export function download(name, mime, content) {
  const blob = content instanceof Blob ? content : new Blob([content], { type: mime });
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  window.xjLastDownload = { name, mime, blob };
}

export function makePanel(panel) {
  const toggle = document.getElementById("drawer-toggle");
  const close = el("button", { type: "button", class: "close", "aria-label": "close the panel", text: "✕", onclick: () => setOpen(false) });
  panel.prepend(close);
  function setOpen(open) {
    panel.classList.toggle("open", open);
    if (toggle) toggle.setAttribute("aria-expanded", String(open));
  }
  if (toggle) toggle.addEventListener("click", () => setOpen(!panel.classList.contains("open")));
  return { open: () => setOpen(true), close: () => setOpen(false) };
}

export function makeTabs(panel, names) {
  const bar = el("div", { class: "tabs", role: "tablist" });
  const boxes = {};
  for (const [key, text] of names) {
    const box = el("div", { role: "tabpanel", id: `tab-${key}` });
    boxes[key] = box;
    bar.appendChild(el("button", { type: "button", role: "tab", "data-tab": key, text, onclick: () => show(key) }));
  }
  panel.append(bar, ...Object.values(boxes));
  function show(key) {
    for (const b of bar.children) b.setAttribute("aria-selected", String(b.dataset.tab === key));
    for (const [k, box] of Object.entries(boxes)) box.hidden = k !== key;
  }
  show(names[0][0]);
  return { boxes, show, button: (key) => bar.querySelector(`[data-tab="${key}"]`) };
}

/** The panel of every map: a drawer on phones, with Details, Records and Key tabs; show(rows) fills the
 * table and the Records tab's count. */
export function makeMapPanel(agents, file) {
  const panel = document.getElementById("panel");
  const drawer = makePanel(panel);
  const tabs = makeTabs(panel, [["details", "Details"], ["records", "Records"], ["key", "Key"]]);
  const table = makeTable(tabs.boxes.records, agents, file || "records");
  const show = (rows) => {
    table.show(rows);
    tabs.button("records").textContent = `Records (${rows.length})`;
  };
  return { panel, drawer, tabs, details: tabs.boxes.details, key: tabs.boxes.key, table, show };
}

export function makeHelp(button, text) {
  const box = el("div", { class: "help", role: "dialog", "aria-label": "how to read this map", hidden: true },
    el("button", { type: "button", class: "close", style: "float:right;display:inline-block", text: "✕", onclick: () => { box.hidden = true; } }),
    ...text.map(([head, body]) => el("p", {}, el("strong", { text: head + ": " }), body)));
  document.querySelector(".stage").appendChild(box);
  button.addEventListener("click", () => { box.hidden = !box.hidden; });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") box.hidden = true; });
  return box;
}

export function fullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen && document.documentElement.requestFullscreen();
}

/** Keyboard focus for search: "/" anywhere. */
export function searchShortcut(input) {
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "/" && document.activeElement !== input && !/input|textarea|select/i.test(document.activeElement.tagName)) {
      ev.preventDefault();
      input.focus();
    }
  });
}

// ------------------------------------------------------------------ the permalink

export function readHash() {
  const out = {};
  for (const part of location.hash.replace(/^#/, "").split("&")) {
    const [k, v] = part.split("=");
    if (k) out[decodeURIComponent(k)] = decodeURIComponent(v || "");
  }
  return out;
}

export function writeHash(state) {
  const text = Object.entries(state).filter(([, v]) => v !== "" && v !== null && v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
}

/** Names of an entity in every script, with their language for the browser (right-to-left for Uyghur). */
export function nameList(names) {
  return el("ul", { class: "plain" }, (names || []).map((n) =>
    el("li", {}, el("span", { lang: n.lang || null, dir: /^(ug|ar|fa|ur)/.test(n.lang || "") ? "rtl" : null, text: n.text }),
      n.lang && n.lang !== "en" ? el("span", { class: "muted", text: ` (${n.lang})` }) : null)));
}

/** Searching by any name or alias (case and accents ignored): exact, then prefix, then substring. */
export function makeFinder(entries) {
  const norm = (s) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim().replace(/\s+/g, " ");
  const index = [];
  for (const [id, names] of entries) for (const n of names) if (n) index.push([norm(n), id]);
  return (text) => {
    const q = norm(text);
    if (!q) return null;
    for (const test of [(a) => a === q, (a) => a.startsWith(q), (a) => a.includes(q)]) {
      const hit = index.find(([name]) => test(name));
      if (hit) return hit[1];
    }
    return null;
  };
}

export function svgToPNG(svgText, width, height) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = el("canvas", { width: width * 2, height: height * 2 });
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0, width, height);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no PNG"))), "image/png");
    };
    img.onerror = reject;
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText);
  });
}
