// A result on the phone: the server's own card markup (<template id="result-template">) filled from a result
// of POST /api/v1/triage, the summary for the doctor under it, read aloud, shared and printed.
import { answerRows } from "./answers.js";
import { initListen } from "./listen.js";
import { buildSummary, shareText } from "./summary.js";

// `view`: the API's result, plus `date` (words) and `answers` ({question id: value}, or rows [{id, q, a}]).
export function renderResult(area, view) {
  const card = document.getElementById("result-template").content.firstElementChild.cloneNode(true);
  const lang = view.lang || document.documentElement.lang;
  card.dataset.level = view.level;
  for (const icon of card.querySelectorAll("[data-icon]")) if (icon.dataset.icon !== view.level) icon.remove();
  for (const list of card.querySelectorAll("[data-list]")) {
    const items = list.dataset.list === "answers" ? [] : view[list.dataset.list] || [];
    const proto = list.firstElementChild;
    list.replaceChildren(...items.map((item) => fill(proto.cloneNode(true), item)));
    list.hidden = !items.length && list.dataset.list !== "answers";
  }
  const callIfWorse = !view.emergency && String(view.action).includes(view.emergency_number);
  for (const part of card.querySelectorAll("[data-part]")) {
    const key = part.dataset.part;
    if (key === "emergency") part.hidden = !view.emergency;
    else if (key === "call_if_worse") part.hidden = !callIfWorse;
    else if (key !== "answers") part.hidden = !(view[key] || []).length;
  }
  if (!view.emergency) card.querySelector("[data-part=emergency]").remove();
  if (!callIfWorse) card.querySelector("[data-part=call_if_worse]").remove();
  fill(card, view, true);
  area.replaceChildren(card);
  area.hidden = false;
  area.summary = answerRows(view.answers || [], lang).then((rows) => {
    const list = card.querySelector("[data-list=answers]");
    const proto = document.getElementById("result-template").content.querySelector("[data-list=answers] > *");
    list.replaceChildren(...rows.map((row) => fill(proto.cloneNode(true), row)));
    card.querySelector("[data-part=answers]").hidden = !rows.length;
    return addSummary(area, card, view, rows, lang);
  });
  initListen(card, lang);
  return card;
}

// The summary goes last among the result's buttons (they stay close to the result, and it hides with them when the
// page goes back to its list or form), or under the card.
function addSummary(area, card, view, rows, lang) {
  document.querySelector(".doctor-summary-box")?.remove();
  const box = buildSummary(view, rows, lang);
  const actions = document.getElementById("result-actions");
  if (actions) actions.append(box);
  else card.after(box);
  return box;
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
// as text; printing, offered always, prints the summary alone (print styles), with its QR code. A share that
// fails for another reason than the person closing the sheet falls back to printing.
export function initShare(getCard) {
  const share = document.getElementById("share-result");
  const print = document.getElementById("print-result");
  const summary = () => document.querySelector(".doctor-summary-box");
  const printSummary = async () => {
    const box = summary();
    if (box) {
      box.open = true;
      await box.drawQr().catch(() => {}); // no QR code (the library could not load): print the rest
    }
    window.print();
  };
  if (navigator.share) {
    share.hidden = false;
    share.onclick = () => {
      const card = getCard();
      const data = { title: card.querySelector("[data-slot=title]").textContent.trim(), text: shareText(summary()) };
      if (navigator.canShare && !navigator.canShare(data)) return printSummary();
      navigator.share(data).catch((error) => {
        if (error.name !== "AbortError") printSummary();
      });
    };
  }
  print.hidden = false;
  print.onclick = printSummary;
}

// Printing from the browser's menu shows the summary too.
addEventListener("beforeprint", () => {
  for (const box of document.querySelectorAll(".doctor-summary-box")) box.open = true;
});

// The result page: the no-JavaScript form's answer (the card is there; its answers in data-answers), or the
// answers in the URL's fragment (a QR code, the language switch), worked out here.
export function start(area) {
  initShare(() => area.querySelector(".result"));
  if (area.dataset.answers) {
    const card = area.querySelector(".result");
    const text = (sel) => card.querySelector(sel)?.textContent.trim() || "";
    const view = {
      title: text("[data-slot=title]"), urgency: text("[data-slot=urgency]"), disclaimer: text("[data-slot=disclaimer]"),
      date: text("[data-slot=date]"), reasons: [...card.querySelectorAll("[data-list=reasons] li")].map((li) => ({ text: li.textContent.trim() })),
    };
    const lang = document.documentElement.lang;
    area.summary = answerRows(JSON.parse(area.dataset.answers), lang).then((rows) => addSummary(area, card, view, rows, lang));
    initListen(card, lang);
    return;
  }
  import("./fragment.js").then((module) => module.showFragment(area));
}
