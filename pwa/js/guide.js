// The guide: a link to a section or a cause (the contents list, a result's causes, the language switch) opens
// its folded <details> and those around it; each section can be read aloud.
import { initListen } from "./listen.js";

export function start(root) {
  addEventListener("hashchange", () => reveal(location.hash, true));
  root.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#"]');
    if (link) reveal(link.hash, false); // before the jump: the target must be shown to be scrolled to
  });
  reveal(location.hash, true);
  initListen(root, root.dataset.lang);
}

function reveal(hash, scroll) {
  const target = hash.length > 1 && document.getElementById(decodeURIComponent(hash.slice(1)));
  if (!target) return;
  for (let el = target; el; el = el.parentElement.closest("details")) {
    if (el.tagName === "DETAILS") el.open = true;
    if (!el.parentElement) break;
  }
  if (scroll) target.scrollIntoView();
}
