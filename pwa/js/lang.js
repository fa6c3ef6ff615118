// The language switch: remembered in the `lang` cookie (set here too, so it works offline), keeping the place.
export function initLangSwitch() {
  const link = document.getElementById("lang-switch");
  if (!link) return;
  link.addEventListener("click", () => {
    document.cookie = `lang=${link.dataset.lang}; path=/; max-age=31536000; samesite=lax`;
    const url = new URL(link.href);
    const place = location.hash.slice(1) || nearestHeading();
    if (place) url.hash = place;
    link.href = url.href;
  });
  // Opened from the home screen: go to the language chosen last, even if the app was installed in the other.
  const chosen = (document.cookie.match(/(?:^|; )lang=(\w+)/) || [])[1];
  if (new URLSearchParams(location.search).get("source") === "pwa" && chosen === link.dataset.lang) {
    location.replace(link.href);
  }
}

// The section being read: the last heading with an id above the top of the screen.
function nearestHeading() {
  let id = "";
  for (const el of document.querySelectorAll("main h2[id], main h3[id], main h4[id]")) {
    if (el.getBoundingClientRect().top > 80) break;
    const cause = el.tagName === "H4" && el.closest("article[id]");
    id = cause ? cause.id : el.id;
  }
  return id;
}
