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

// The share and print buttons under a result. Sharing (Web Share API, where the phone has it) sends the summary
// as text; printing, offered always, uses the print styles. A share that fails for another reason than the person
// closing the sheet falls back to printing.
export function initShare(getCard) {
  const share = document.getElementById("share-result");
  const print = document.getElementById("print-result");
  if (navigator.share) {
    share.hidden = false;
    share.onclick = () => {
      const card = getCard();
      const data = { title: text(card.querySelector("[data-slot=title]")), text: shareText(card) };
      if (navigator.canShare && !navigator.canShare(data)) return window.print();
      navigator.share(data).catch((error) => {
        if (error.name !== "AbortError") window.print();
      });
    };
  }
  print.hidden = false;
  print.onclick = () => window.print();
}

// The result as plain text for the doctor, from the card's own words: heading and advice, each part shown with its
// items, the answers given, the disclaimer and the date. Buttons and hints are left out.
export function shareText(card) {
  const shown = (el) => !el.closest("[hidden]");
  const lines = [text(card.querySelector("#result-title")), text(card.querySelector("[data-slot=action]"))];
  for (const part of card.querySelectorAll(".result-part")) {
    if (!shown(part)) continue;
    lines.push("", text(part.querySelector("h3")));
    const intro = part.querySelector(":scope > p[data-slot]");
    if (intro && text(intro)) lines.push(text(intro));
    for (const item of part.querySelectorAll("li, dl > div")) {
      if (!shown(item)) continue;
      const slots = [...item.querySelectorAll("[data-slot]")].map(text).filter(Boolean); // question and answer, …
      lines.push("- " + (slots.length > 1 ? slots.join(" – ") : text(item)));
    }
  }
  lines.push("", text(card.querySelector(".disclaimer")), text(card.querySelector(".result-date")));
  return lines.join("\n");
}

function text(el) {
  return el ? el.textContent.replace(/[ \t\n\r\f]+/g, " ").trim() : ""; // the layout's spaces, not no-break ones
}

// The server-rendered result page (no need for the stepper): only sharing and printing.
export function start(area) {
  initShare(() => area.querySelector(".result"));
}
