// blocs what-if page: reads the controls, asks the server, redraws. No library, no build step.
// Text from the server is set with textContent; charts are SVG the server escaped, parsed with
// DOMParser (which runs no script) and imported into the page.
"use strict";

const state = { updates: 0, timings: [], controller: null, timer: null, config: null };
window.blocs = state;

const $ = (id) => document.getElementById(id);

function formatUsd(value) {
  if (!Number.isFinite(value)) return "n/a";
  const a = Math.abs(value);
  if (a >= 1e12) return (value / 1e12).toPrecision(3) + " tn";
  if (a >= 1e9) return (value / 1e9).toPrecision(3) + " bn";
  if (a >= 1e6) return (value / 1e6).toPrecision(3) + " m";
  return value.toLocaleString("en");
}

function setSvg(container, markup) {
  container.replaceChildren();
  if (!markup) return;
  const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName.toLowerCase() !== "svg") return;
  container.appendChild(document.importNode(root, true));
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
  document.body.dataset.state = "error";
}

function clearError() {
  $("error").hidden = true;
  $("error").textContent = "";
}

function readParams() {
  const overlays = Array.from(document.querySelectorAll("#overlays input:checked")).map(
    (el) => el.value,
  );
  const num = (id) => {
    const raw = $(id).value.trim();
    return raw === "" ? null : Number(raw);
  };
  return {
    inducement_usd: num("inducement"),
    credibility: num("credibility"),
    horizon_years: num("horizon"),
    overlays,
  };
}

function renderNotes(container, notes) {
  container.replaceChildren();
  for (const note of notes || []) {
    const p = document.createElement("p");
    p.className = "not-computed";
    p.textContent = note;
    container.appendChild(p);
  }
}

function render(view) {
  const w = view.wedge;
  const list = $("wedge-disagreements");
  list.replaceChildren();
  if (w.available) {
    $("wedge-summary").textContent = w.summary;
    $("wedge-basis").textContent = w.basis;
    $("wedge-offer").textContent = w.offer;
    $("wedge-drivers").textContent = w.drivers;
    setSvg($("wedge-chart"), w.histogram_svg);
    setSvg($("tornado-chart"), w.tornado_svg);
    for (const d of w.disagreements) {
      const li = document.createElement("li");
      li.textContent = d;
      list.appendChild(li);
    }
  } else {
    $("wedge-summary").textContent = w.reason;
    for (const id of ["wedge-basis", "wedge-offer", "wedge-drivers"]) $(id).textContent = "";
    for (const id of ["wedge-chart", "tornado-chart"]) $(id).replaceChildren();
  }
  const rows = $("alignment-rows");
  rows.replaceChildren();
  for (const row of view.alignment.rows) {
    const li = document.createElement("li");
    li.textContent = row.label + ": " + row.value;
    rows.appendChild(li);
  }
  setSvg($("network-chart"), view.alignment.network_svg);
  renderNotes($("alignment-notes"), view.alignment.notes);
}

async function update() {
  if (state.controller) state.controller.abort();
  const controller = new AbortController();
  state.controller = controller;
  const params = readParams();
  const t0 = performance.now();
  document.body.dataset.state = "busy";
  let response;
  try {
    response = await fetch("/api/whatif", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(params),
      signal: controller.signal,
    });
  } catch (err) {
    if (err.name === "AbortError") return;
    showError("The server did not answer: " + err.message);
    return;
  }
  let data;
  try {
    data = await response.json();
  } catch (err) {
    showError("The server sent an answer the page cannot read (HTTP " + response.status + ").");
    return;
  }
  if (controller !== state.controller) return;
  if (!response.ok) {
    showError("Not computed: " + (data.message || "HTTP " + response.status));
    return;
  }
  clearError();
  render(data);
  requestAnimationFrame(() => {
    const ms = performance.now() - t0;
    state.timings.push(ms);
    state.updates += 1;
    state.last = data;
    document.body.dataset.updates = String(state.updates);
    document.body.dataset.roundTripMs = ms.toFixed(1);
    document.body.dataset.state = "ready";
    $("status").textContent =
      "Updated in " + ms.toFixed(0) + " ms (server " + data.server_ms + " ms, " +
      data.draws.toLocaleString("en") + " draws, seed " + data.seed + ").";
  });
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(update, 120);
}

function link(numberId, rangeId, scale) {
  const number = $(numberId);
  const range = $(rangeId);
  range.addEventListener("input", () => {
    number.value = String(Number(range.value) * scale);
    number.dispatchEvent(new Event("input"));
  });
  number.addEventListener("input", () => {
    const v = Number(number.value);
    if (Number.isFinite(v)) range.value = String(v / scale);
  });
}

async function init() {
  const response = await fetch("/api/config");
  const config = await response.json();
  state.config = config;
  $("scenario-id").textContent = config.scenario.id;
  $("title").textContent = config.scenario.title;
  $("draws").textContent = config.draws.toLocaleString("en");
  $("seed").textContent = String(config.seed);
  $("inducement").value = String(config.defaults.inducement_usd);
  $("inducement-range").value = String(config.defaults.inducement_usd / 1e9);
  $("credibility").value = String(config.defaults.credibility);
  $("credibility-range").value = String(config.defaults.credibility);
  $("horizon").value = String(config.defaults.horizon_years);
  const box = $("overlays");
  if (config.overlays.length) box.replaceChildren();
  for (const o of config.overlays) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = o.id;
    input.name = "overlays";
    const text = document.createElement("span");
    text.textContent = o.title;
    if (o.description) label.title = o.description;
    label.append(input, text);
    box.appendChild(label);
  }
  link("inducement", "inducement-range", 1e9);
  link("credibility", "credibility-range", 1);
  const showInducement = () => {
    $("inducement-text").textContent = formatUsd(Number($("inducement").value)) + " USD a year";
  };
  $("inducement").addEventListener("input", showInducement);
  showInducement();
  $("controls").addEventListener("input", schedule);
  $("controls").addEventListener("submit", (e) => e.preventDefault());
  await update();
}

document.addEventListener("DOMContentLoaded", () => {
  init().catch((err) => showError("The page could not start: " + err.message));
});
