// A QR code as an SVG drawn on the phone, by the vendored qrcode-generator (a classic script, loaded only when a
// code is wanted; the service worker keeps it for offline use). Its URL comes from the page (data-qr-lib).
const SVG = "http://www.w3.org/2000/svg";
let loading = null;

function loadLib(src) {
  if (self.qrcode) return Promise.resolve(self.qrcode);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(self.qrcode);
      script.onerror = () => { loading = null; reject(new Error("qrcode-generator")); };
      document.head.append(script);
    });
  }
  return loading;
}

// Draws `text` into `box` (replacing what it held) as an image named `label`.
export async function drawQr(box, text, label) {
  const qrcode = await loadLib(box.dataset.qrLib);
  const qr = qrcode(0, "L"); // the smallest version that holds the link; L: most room for the answers
  qr.addData(text, "Byte");
  qr.make();
  const n = qr.getModuleCount(), quiet = 4, size = n + 2 * quiet;
  let d = "";
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`;
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
