// A QR code as an SVG drawn on the phone, by the vendored lean-qr (an ES module, imported only when a code is
// wanted; the service worker keeps it for offline use). Its URL comes from the page (data-qr-lib).
const SVG = "http://www.w3.org/2000/svg";

// Draws `text` into `box` (replacing what it held) as an image named `label`.
export async function drawQr(box, text, label) {
  const { generate, correction } = await import(box.dataset.qrLib);
  const qr = generate(text, { minCorrectionLevel: correction.L }); // the smallest code that holds the link
  const n = qr.size, quiet = 4, size = n + 2 * quiet;
  let d = "";
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (qr.get(x, y)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  }
  const svg = document.createElementNS(SVG, "svg");
  for (const [k, v] of Object.entries({ viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": label, "shape-rendering": "crispEdges" })) {
    svg.setAttribute(k, v);
  }
  const back = document.createElementNS(SVG, "rect");
  back.setAttribute("width", size);
  back.setAttribute("height", size);
  back.setAttribute("fill", "#fff");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(back, path);
  box.replaceChildren(svg);
  return svg;
}
