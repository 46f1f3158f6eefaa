// The pricing page: reads the catalogue and the offers from the API, posts a plan request, and draws the
// answer as a chart (SVG) and a table. Every value is put in the page as text, never as HTML.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const VERDICT_COLOURS = {
  fits: '#1e8a4c', too_slow: '#c77700', over_budget: '#b8420e', out_of_memory: '#7a8190', estimate_failed: '#b3261e'
};
const $ = (id) => document.getElementById(id);

/** Fetches JSON; a refusal becomes an Error whose message names the field and the rule, as the API says them. */
async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)
  };
  const response = await fetch(path, init);
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: ${response.status} ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    throw new Error(json.message || `${path}: ${response.status}`);
  }
  return json;
}

/** 0.42 s, 38 s, 12m 5s, 3h 20m, 2d 4h: the way the CLI rounds durations. */
function duration(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '-';
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const s = Math.round(seconds);
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return `${m}m ${s % 60}s`;
}

function money(value, currency) {
  if (value === null || value === undefined || !isFinite(value)) return '-';
  return `${value.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2})} ${currency}`;
}

function range(lower, upper, format) {
  return lower === null || upper === null ? '-' : `${format(lower)} – ${format(upper)}`;
}

function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

async function loadCatalogue() {
  const [models, offers] = await Promise.all([api('/v1/models'), api('/v1/offers')]);
  const seen = new Set();
  const select = $('model');
  for (const m of models) {
    if (seen.has(m.name)) continue; // a model described at several input shapes: the first is its default
    seen.add(m.name);
    const params = m.parameters >= 1e9 ? `${(m.parameters / 1e9).toFixed(1)}B` : `${(m.parameters / 1e6).toFixed(1)}M`;
    select.appendChild(option(m.name, `${m.name} (${m.family}, ${params} parameters${m.inputShape ? ', ' + m.inputShape : ''})`));
  }
  select.value = seen.has('resnet50') ? 'resnet50' : select.value;
  const currencies = [...new Set(offers.offers.map((o) => o.currency))];
  document.querySelectorAll('.currency').forEach((e) => { e.textContent = currencies.join('/') || 'USD'; });
  if (offers.offers.length === 0) {
    status('This server has no offers: start it with serve --offers offers.json.', true);
  } else {
    status(`${offers.offers.length} offers from ${new Set(offers.offers.map((o) => o.provider)).size} providers.`);
  }
}

function status(text, error) {
  const s = $('status');
  s.textContent = text;
  s.className = error ? 'error' : '';
}

function number(id) {
  const v = $(id).value.trim();
  return v === '' ? null : Number(v);
}

/** The model of the request: a catalogue name, or the spec the server reads from a pasted config.json. */
async function model() {
  if (!$('source-hf').checked) return $('model').value;
  let config;
  try {
    config = JSON.parse($('hf-config').value);
  } catch (e) {
    throw new Error(`config.json is not valid JSON: ${e.message}`);
  }
  return api('/v1/models/hf-config', {config, sequenceLength: number('sequence-length')});
}

async function submit(event) {
  event.preventDefault();
  const button = $('submit');
  button.disabled = true;
  status('Pricing…');
  try {
    const request = {
      spec: {
        model: await model(),
        job: {
          phase: 'train_job', batchSize: number('batch-size'), optimizer: $('optimizer').value,
          learningRate: number('learning-rate'), datasetSize: number('dataset-size'), epochs: number('epochs')
        },
        precision: $('precision').value
      },
      rankBy: $('rank-by').value
    };
    const deadline = $('deadline').value.trim();
    if (deadline !== '') request.deadline = deadline;
    const budget = number('budget');
    if (budget !== null) request.budget = budget;
    const plan = await api('/v1/plan', request);
    render(plan);
    status(`${plan.ranked.length} offers ranked for ${plan.model}.`);
  } catch (e) {
    status(e.message, true);
  } finally {
    button.disabled = false;
  }
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function render(plan) {
  $('results').hidden = false;
  $('summary').textContent = plan.summary;
  $('estimator').textContent = `Estimator: ${plan.estimator}`;
  const body = $('offers').querySelector('tbody');
  body.replaceChildren();
  plan.ranked.forEach((r, i) => {
    const row = document.createElement('tr');
    if (r.offerId === plan.chosenOfferId) row.className = 'chosen';
    row.dataset.offerId = r.offerId;
    cell(row, String(i + 1), 'num');
    cell(row, r.offerId, 'offer');
    cell(row, `${r.deviceCount} × ${r.hardware}`);
    cell(row, r.provider + (r.region ? ` (${r.region})` : ''));
    cell(row, r.verdict.replace(/_/g, ' '), `verdict v-${r.verdict}`);
    cell(row, duration(r.seconds), 'num time');
    cell(row, range(r.lowerSeconds, r.upperSeconds, duration), 'num');
    cell(row, money(r.cost, plan.currency), 'num cost');
    cell(row, range(r.lowerCost, r.upperCost, (v) => money(v, plan.currency)), 'num');
    cell(row, r.reason || (r.offerId === plan.chosenOfferId ? 'chosen: the cheapest that fits' : ''), 'reason');
    body.appendChild(row);
  });
  $('chart').replaceChildren(chart(plan));
}

function el(name, attributes, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A log scale over [lo, hi] (padded to whole decades' halves) onto [x0, x1]. */
function logScale(values, x0, x1) {
  const finite = values.filter((v) => v !== null && isFinite(v) && v > 0);
  let lo = Math.min(...finite), hi = Math.max(...finite);
  if (!finite.length) { lo = 1; hi = 10; }
  lo = Math.log10(lo) - 0.15; hi = Math.log10(hi) + 0.15;
  if (hi - lo < 0.5) { lo -= 0.25; hi += 0.25; }
  const f = (v) => x0 + (Math.log10(v) - lo) / (hi - lo) * (x1 - x0);
  f.inside = (v) => Math.log10(v) >= lo && Math.log10(v) <= hi;
  return f;
}

/** Ticks a person reads at a glance: 1 s, 1 min, 1 h, 1 day, 1 week... for times; decades for money. */
const TIME_TICKS = [[1, '1 s'], [10, '10 s'], [60, '1 min'], [600, '10 min'], [3600, '1 h'], [6 * 3600, '6 h'],
  [86400, '1 day'], [7 * 86400, '1 week'], [30 * 86400, '30 days'], [365 * 86400, '1 year'], [3650 * 86400, '10 years']];
function moneyTicks() {
  const ticks = [];
  for (let d = -3; d <= 9; d++) ticks.push([10 ** d, 10 ** d >= 1 ? (10 ** d).toLocaleString('en-US') : String(10 ** d)]);
  return ticks;
}

/** Two panels, time and cost, one row per offer: the 80% range as a bar, the point estimate as a dot. */
function chart(plan) {
  const rows = plan.ranked, rowHeight = 22, top = 26, label = 240, gap = 40;
  const width = 1180, panel = (width - label - gap) / 2, height = top + rows.length * rowHeight + 24;
  const svg = el('svg', {width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': 'time and cost of every offer with 80% ranges'});
  const panels = [
    {title: 'Time', x0: label, lower: 'lowerSeconds', point: 'seconds', upper: 'upperSeconds', limit: plan.deadlineSeconds,
      ticks: TIME_TICKS},
    {title: `Cost (${plan.currency})`, x0: label + panel + gap, lower: 'lowerCost', point: 'cost', upper: 'upperCost',
      limit: plan.budget, ticks: moneyTicks()}
  ];
  for (const p of panels) {
    const values = rows.flatMap((r) => [r[p.lower], r[p.upper]]).concat(p.limit ? [p.limit] : []);
    const x = logScale(values, p.x0, p.x0 + panel);
    svg.appendChild(el('text', {x: p.x0, y: 14, 'font-weight': 600}, p.title));
    for (const [t, text] of p.ticks.filter(([t]) => x.inside(t))) {
      svg.appendChild(el('line', {class: 'axis', x1: x(t), x2: x(t), y1: top - 4, y2: height - 20}));
      svg.appendChild(el('text', {x: x(t), y: height - 6, 'text-anchor': 'middle'}, text));
    }
    if (p.limit) {
      svg.appendChild(el('line', {class: 'limit', x1: x(p.limit), x2: x(p.limit), y1: top - 8, y2: height - 20}));
    }
    rows.forEach((r, i) => {
      const y = top + i * rowHeight + rowHeight / 2;
      const colour = VERDICT_COLOURS[r.verdict] || '#555';
      if (r[p.lower] > 0 && r[p.upper] > 0) {
        svg.appendChild(el('rect', {x: x(r[p.lower]), y: y - 5, width: Math.max(2, x(r[p.upper]) - x(r[p.lower])),
          height: 10, rx: 3, fill: colour, 'fill-opacity': 0.35}));
        svg.appendChild(el('circle', {cx: x(r[p.point]), cy: y, r: 4, fill: colour}));
      } else if (r[p.upper] === 0) { // free (hardware you own): no place on a log scale, so at its left edge
        svg.appendChild(el('rect', {x: p.x0, y: y - 5, width: 3, height: 10, fill: colour}));
        svg.appendChild(el('text', {x: p.x0 + 6, y: y + 4}, '0 (no price)'));
      }
    });
  }
  rows.forEach((r, i) => {
    const y = top + i * rowHeight + rowHeight / 2 + 4;
    svg.appendChild(el('text', {x: 0, y}, `${i + 1}. ${r.offerId}`.slice(0, 38)));
  });
  return svg;
}

document.addEventListener('DOMContentLoaded', () => {
  $('job-form').addEventListener('submit', submit);
  $('hf-config').addEventListener('input', () => { $('source-hf').checked = true; });
  loadCatalogue().catch((e) => status(e.message, true));
});
