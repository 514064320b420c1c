// MathJax 3, the reference the new path is measured against (never shipped in a site).
// Reads JSON lines {"tex", "display", "preamble"} on stdin; writes one JSON line each:
// {"mml"} or {"error"}. Needs `npm install --no-save mathjax-full@3` in benchmarks/.
const readline = require("readline");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
const { SerializedMmlVisitor } = require("mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js");
const { STATE } = require("mathjax-full/js/core/MathItem.js");

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
// As al-folio's page loads it: every package that autoload would bring, AMS numbering.
const tex = new TeX({ packages: AllPackages.filter((p) => p !== "bussproofs"), tags: "none" });
const html = mathjax.document("", { InputJax: tex });
const visitor = new SerializedMmlVisitor();

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { tex: source, display, preamble } = JSON.parse(line);
  try {
    const text = (preamble || "") + source;
    const node = html.convert(text, { display, end: STATE.CONVERT });
    process.stdout.write(JSON.stringify({ mml: visitor.visitTree(node, html) }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error.message || error) }) + "\n");
  }
});
