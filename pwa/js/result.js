// A result on the phone: the server's own card markup (<template id="result-template">) filled from a result
// of POST /api/v1/triage, plus sharing and printing the summary for the doctor.

export function renderResult(area, view) {
  const card = document.getElementById("result-template").content.firstElementChild.cloneNode(true);
  card.dataset.level = view.level;
  for (const icon of card.querySelectorAll("[data-icon]")) if (icon.dataset.icon !== view.level) icon.remove();
  for (const list of card.querySelectorAll("[data-list]")) {
    const items = view[list.dataset.list] || [];
    const proto = list.firstElementChild;
    list.replaceChildren(...items.map((item) => fill(proto.cloneNode(true), item)));
    list.hidden = !items.length;
  }
  for (const part of card.querySelectorAll("[data-part]")) {
    const key = part.dataset.part;
    part.hidden = key === "emergency" ? !view.emergency : !(view[key] || []).length;
  }
  if (!view.emergency) card.querySelector("[data-part=emergency]").remove();
  fill(card, view, true);
  area.replaceChildren(card);
  area.hidden = false;
  return card;
}

// Text into data-slot elements (those of the repeated items too when `top` is false), ids into links.
function fill(root, data, top = false) {
  const slots = [root, ...root.querySelectorAll("[data-slot]")].filter((el) => el.dataset.slot);
  for (const el of slots) {
    if (top && el.closest("[data-list]")) continue;
    if (el.dataset.slot in data) el.textContent = data[el.dataset.slot];
  }
  for (const link of root.querySelectorAll("a[data-href]")) {
    if (!top || !link.closest("[data-list]")) link.href = link.dataset.href + data.id;
  }
  return root;
}

export function formatDate(iso, lang) {
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
}

// The share and print buttons under a result. Sharing sends the card's text; printing uses the print styles.
export function initShare(getCard) {
  const share = document.getElementById("share-result");
  const print = document.getElementById("print-result");
  if (navigator.share) {
    share.hidden = false;
    share.onclick = () => {
      const card = getCard();
      const title = card.querySelector("#result-title").textContent.trim();
      navigator.share({ title: title, text: card.innerText }).catch(() => {});
    };
  }
  print.hidden = false;
  print.onclick = () => window.print();
}

// The server-rendered result page (no need for the stepper): only sharing and printing.
export function start(area) {
  initShare(() => area.querySelector(".result"));
}
