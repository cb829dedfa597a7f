// Bundle the pages' scripts and copy the data they need into the Python package (src/xjgraph/publish/static/).
// Run by `npm run build` (the README's commands run it after `npm ci`). Nothing here is fetched at run time:
// every library comes from node_modules, pinned by package-lock.json.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const out = join(root, "src", "xjgraph", "publish", "static");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  format: "iife",
  target: ["chrome110", "firefox110", "safari16"],
  legalComments: "linked",
  logLevel: "warning",
  loader: { ".wasm": "binary", ".css": "css" },
};

for (const page of ["map", "geo", "timeline", "site", "sparql"]) {
  await build({ ...common, entryPoints: [join(root, "frontend", "src", `${page}.js`)], outfile: join(out, `${page}.js`) });
}
await build({ ...common, entryPoints: [join(root, "frontend", "src", "style.css")], outfile: join(out, "style.css") });
await build({
  ...common,
  entryPoints: [join(modules, "@zazuko", "yasgui", "build", "yasgui.min.css")],
  outfile: join(out, "yasgui.css"),
});

// The basemap: Natural Earth land (1:50m) and country borders (1:110m) from world-atlas, as a script
const land = JSON.parse(readFileSync(join(modules, "world-atlas", "land-50m.json"), "utf8"));
const borders = JSON.parse(readFileSync(join(modules, "world-atlas", "countries-110m.json"), "utf8"));
writeFileSync(
  join(out, "world.js"),
  "window.XJ_WORLD=" + JSON.stringify({ land, borders, source: "Natural Earth via world-atlas 2.0.2" }) + ";\n",
);

// Noto Sans SC, regular, in the unicode-range pieces @fontsource publishes; xjgraph subsets them to the
// characters a site or map uses and embeds the result (fonts cannot be loaded from file://)
const fonts = join(out, "fonts", "noto-sans-sc");
mkdirSync(fonts, { recursive: true });
const fontFiles = join(modules, "@fontsource", "noto-sans-sc", "files");
for (const name of readdirSync(fontFiles)) {
  if (name.endsWith("-400-normal.woff")) cpSync(join(fontFiles, name), join(fonts, name));
}
cpSync(join(modules, "@fontsource", "noto-sans-sc", "400.css"), join(fonts, "400.css"));

// The licences of what is bundled
const licences = join(out, "LICENSES");
mkdirSync(licences, { recursive: true });
const pkgs = ["vis-network", "vis-data", "d3-geo", "d3-selection", "d3-zoom", "topojson-client", "world-atlas",
  "minisearch", "oxigraph", "@zazuko/yasgui", "@fontsource/noto-sans-sc"];
for (const pkg of pkgs) {
  let found = false;
  for (const file of ["LICENSE", "LICENSE.md", "LICENSE-MIT", "LICENSE-APACHE-2.0", "LICENSE.txt"]) {
    const path = join(modules, pkg, file);
    if (existsSync(path)) { cpSync(path, join(licences, `${pkg.replace("/", "__")}-${file}`)); found = true; }
  }
  const meta = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8"));
  if (!found) {
    // a package that ships no licence file: its licence as its package.json declares it
    const repo = typeof meta.repository === "string" ? meta.repository : (meta.repository || {}).url || "";
    writeFileSync(join(licences, `${pkg.replace("/", "__")}-LICENSE-NOTICE.txt`),
      `${meta.name} ${meta.version}\nLicence: ${meta.license}\nAuthor: ${JSON.stringify(meta.author || "")}\nSource: ${repo}\n` +
      "Shipped without a licence file; the licence above is the one its package.json declares.\n");
  }
}
// esbuild's collected licence comments of each bundle
for (const name of readdirSync(out)) {
  if (name.endsWith(".LEGAL.txt")) { cpSync(join(out, name), join(licences, name)); rmSync(join(out, name)); }
}
writeFileSync(join(licences, "natural-earth-NOTICE.txt"),
  "The basemap (static/world.js) is Natural Earth (naturalearthdata.com), public domain, as converted to TopoJSON by\n" +
  "world-atlas 2.0.2 (ISC licence, world-atlas-LICENSE).\n");
writeFileSync(join(out, "BUILD"), "made by `npm run build` (frontend/build.mjs) from package-lock.json\n");
console.log(`front-end bundle written to ${out}`);
