// The answers of a result as rows, in the checklist's order, with the words the person saw: question, answer,
// value and step. From the checklist's own words (/api/v1/checklist, kept offline by the service worker).
const words = {};

function checklistWords(lang) {
  if (!words[lang]) {
    words[lang] = fetch(`/api/v1/checklist?lang=${lang}`).then((r) => (r.ok ? r.json() : Promise.reject(r.status)));
    words[lang].catch(() => { delete words[lang]; });
  }
  return words[lang];
}

// `given`: {question id: value}, or rows [{id, q, a}] as a page already worded them (the value is then found
// from the answer's words). Without the checklist's words (never loaded, offline), rows as well as they can be.
export async function answerRows(given, lang) {
  const rows = Array.isArray(given) ? given : Object.entries(given || {}).map(([id, value]) => ({ id, value }));
  let data;
  try {
    data = await checklistWords(lang);
  } catch (error) {
    return rows.map((r) => ({ id: r.id, q: r.q || r.id, a: r.a || r.value, value: r.value, step: "" }));
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = [];
  for (const step of data.steps) {
    for (const q of step.questions) {
      const row = byId.get(q.id);
      if (!row) continue;
      const option = q.options.find((o) => (row.value !== undefined ? o.value === row.value : o.label === row.a));
      out.push({ id: q.id, q: q.text, a: option ? option.label : row.a, value: option ? option.value : row.value, step: step.title });
    }
  }
  return out;
}

// The answers as {question id: value}, for a link.
export function answerValues(rows) {
  return Object.fromEntries(rows.filter((r) => r.value !== undefined).map((r) => [r.id, r.value]));
}
