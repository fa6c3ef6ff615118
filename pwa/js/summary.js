// The one-page summary for the doctor, under the result: app and clinic, date, level and reasons, the answers
// "yes" and "not sure" first (grouped by step), the others in one line, a QR code of the whole result, the
// disclaimer. Shown on the screen in a disclosure, and alone on paper (print styles). Words: <template id=
// "summary-template">, rendered by the server in the page's language.
import { answerValues } from "./answers.js";
import { drawQr } from "./qr.js";

const NOTED = new Set(["yes", "unsure"]);
const SHARE_LIMIT = 1000;

export function buildSummary(view, rows, lang) {
  const box = document.getElementById("summary-template").content.firstElementChild.cloneNode(true);
  const slot = (name) => box.querySelector(`[data-s="${name}"]`);
  slot("date").textContent = view.date || "";
  slot("title").textContent = view.title;
  slot("urgency").textContent = view.urgency;
  slot("reasons").replaceChildren(...(view.reasons || []).map((r) => li(r.text)));
  const noted = rows.filter((r) => NOTED.has(r.value));
  const groups = new Map();
  for (const r of noted) groups.set(r.step, [...(groups.get(r.step) || []), r]);
  slot("noted").replaceChildren(...[...groups].map(([step, items]) => {
    const group = document.createElement("div");
    const title = document.createElement("h4");
    title.textContent = step;
    const list = document.createElement("ul");
    list.append(...items.map((r) => {
      const answer = document.createElement("strong");
      answer.textContent = r.a;
      const item = li(`${r.q} `);
      item.append(answer);
      return item;
    }));
    group.append(...(step ? [title] : []), list);
    return group;
  }));
  slot("noted-none").hidden = noted.length > 0;
  const others = rows.filter((r) => !NOTED.has(r.value));
  slot("others").textContent = others.map((r) => `${r.q} ${r.a}.`).join(" ");
  slot("others").dataset.count = others.length;
  slot("others-part").hidden = !others.length;
  slot("disclaimer").textContent = view.disclaimer;
  const values = answerValues(rows);
  const link = `${location.origin}/${lang}/result#${new URLSearchParams(values)}`;
  const qr = slot("qr");
  qr.dataset.link = link;
  slot("qr-part").hidden = !Object.keys(values).length;
  const drawn = () => (qr.firstElementChild || slot("qr-part").hidden ? Promise.resolve() : drawQr(qr, link, qr.dataset.label));
  box.addEventListener("toggle", () => { if (box.open) drawn().catch(() => {}); });
  box.drawQr = drawn;
  // Drawn once the page is idle as well, so printing from the browser's menu has it too (the library is loaded on
  // result screens only, never with the guide or the checklist).
  (self.requestIdleCallback || setTimeout)(() => drawn().catch(() => {}));
  return box;
}

function li(text) {
  const item = document.createElement("li");
  item.textContent = text;
  return item;
}

// The summary as a short message (under about 1,000 characters): the "yes" and "not sure" answers, and how many
// others there were, for the QR code or the printout carries them all.
export function shareText(box) {
  const text = (el) => (el ? el.textContent.replace(/[ \t\n\r\f]+/g, " ").trim() : "");
  const slot = (name) => box.querySelector(`[data-s="${name}"]`);
  const head = [text(box.querySelector(".summary-brand")), text(box.querySelector(".summary-date")),
    `${text(slot("title"))} (${text(slot("urgency"))})`];
  const reasons = [...slot("reasons").children].map((el) => "- " + text(el));
  const noted = [...slot("noted").querySelectorAll("li")].map((el) => "- " + text(el));
  const otherCount = Number(slot("others").dataset.count || 0);
  const tail = [text(box.querySelector(".disclaimer"))];
  const build = (items, more) => [
    ...head, "", text(slot("reasons-title")), ...reasons,
    ...(noted.length ? ["", text(slot("noted-title")), ...items] : []),
    ...(more ? [slot("more").dataset.words.replace("{n}", more)] : []),
    ...(otherCount ? [slot("others-count").dataset.words.replace("{n}", otherCount)] : []),
    "", ...tail,
  ].join("\n");
  let shown = noted.length;
  let message = build(noted, 0);
  while (message.length > SHARE_LIMIT && shown > 0) {
    shown -= 1;
    message = build(noted.slice(0, shown), noted.length - shown);
  }
  return message;
}
