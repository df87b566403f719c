// The Linkage page: plain JavaScript, no build step. It calls the same /api as any client, with the key
// kept in sessionStorage (this tab only). A key in the address (#key=…) is taken once and removed from it.
'use strict';

const KEY = 'linkage.key';
const $ = (id) => document.getElementById(id);
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const view = () => $('view');

// Stacking order and colours of the coverage chart: strongest evidence first.
const RULE_COLOURS = {
  'contact-email': '#1f6feb', 'contact-phone': '#388bfd', 'account-domain': '#2da44e', 'colleague-domain': '#57c26b',
  'lead-email': '#bf8700', 'lead-phone': '#d4a72c', 'converted-lead': '#8250df', 'explicit': '#6e7781', 'manual': '#cf5fa5',
  'unmatched': '#d1242f', 'internal': '#c9d1d9', 'pending': '#eaeef2',
};

function takeKeyFromAddress() {
  const m = location.hash.match(/(?:^#|&)key=([^&]+)/);
  if (m) {
    sessionStorage.setItem(KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + '#/');
  }
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path) {
  const res = await fetch('/api' + path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(KEY) } });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (!res.ok) {
    if (res.status === 401) { showKeyPanel(body?.detail); }
    throw new ApiError(res.status, body);
  }
  return body;
}

function showKeyPanel(message) {
  $('key-panel').hidden = false;
  $('app').hidden = true;
  $('forget-key').hidden = true;
  $('workspace').textContent = '';
  $('key-error').hidden = !message;
  $('key-error').textContent = message || '';
}

async function start() {
  takeKeyFromAddress();
  if (!sessionStorage.getItem(KEY)) { showKeyPanel(); return; }
  try {
    const ws = await api('/workspace');
    $('workspace').innerHTML = `workspace <strong>${esc(ws.workspace)}</strong> · ${ws.activities.toLocaleString()} activities · ${ws.contacts.toLocaleString()} contacts`;
    $('key-panel').hidden = true;
    $('app').hidden = false;
    $('forget-key').hidden = false;
    route();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) { showKeyPanel(e.message); }
  }
}

// Routes: #/ (search), #/search/TERM, #/activity/ID, #/account/ID, #/contact/ID, #/deal/ID, #/lead/ID, #/coverage
async function route() {
  const [, what = '', ...rest] = location.hash.replace(/^#/, '').split('/');
  const arg = decodeURIComponent(rest.join('/'));
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === (what === 'coverage' ? 'coverage' : 'search')));
  $('search-form').hidden = what === 'coverage';
  view().innerHTML = '<p class="muted">Loading…</p>';
  try {
    if (what === 'search' && arg) { $('search-input').value = arg; await showSearch(arg); }
    else if (what === 'activity') { await showActivity(arg); }
    else if (['account', 'contact', 'deal', 'lead'].includes(what)) { await showRecord(what, arg); }
    else if (what === 'coverage') { await showCoverage(); }
    else { view().innerHTML = '<p class="muted">Search for an email address, a phone number, a domain, or a contact, account, deal or activity id.</p>'; }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { return; }
    view().innerHTML = `<p class="error" data-testid="error">${esc(e.message)}</p>`;
  }
}

const link = (kind, id, text) => `<a href="#/${kind}/${encodeURIComponent(id)}">${esc(text ?? id)}</a>`;
const chips = (kind, ids) => ids.length ? ids.map((id) => `<span class="chip ${kind}">${link(kind, id)}</span>`).join(' ') : '<span class="muted">none</span>';
const when = (t) => t ? new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
const badge = (status) => `<span class="badge ${esc(status)}">${esc(status)}</span>`;

function activityRows(list) {
  if (!list.length) { return '<p class="muted">No activities.</p>'; }
  return `<table class="list"><thead><tr><th>When</th><th>Activity</th><th>Type</th><th>Status</th><th>Who</th><th>Linked to</th></tr></thead><tbody>` +
    list.map((a) => `<tr class="result-activity">
      <td class="nowrap">${esc(when(a.occurredAt))}</td>
      <td>${link('activity', a.id)}${a.pinned ? ' <span class="pin" title="pinned by hand">📌</span>' : ''}</td>
      <td>${esc(a.type)}</td><td>${badge(a.status)}</td>
      <td class="who">${esc(a.title ?? '')}</td>
      <td>${[...a.accounts.map((i) => link('account', i)), ...a.contacts.map((i) => link('contact', i)), ...a.leads.map((i) => link('lead', i)), ...a.deals.map((i) => link('deal', i))].join(', ')}</td>
    </tr>`).join('') + '</tbody></table>';
}

async function showSearch(term) {
  const r = await api('/search?q=' + encodeURIComponent(term));
  const records = r.records.map((h) => `<li class="result-record">${esc(h.kind)} ${link(h.kind === 'user' ? 'search' : h.kind, h.id)} <strong>${esc(h.name ?? '')}</strong> <span class="muted">${esc(h.detail ?? '')}</span></li>`).join('');
  view().innerHTML = `
    <h2>Results for “${esc(r.query)}” <span class="muted small">searched as ${esc(r.kind)}</span></h2>
    ${records ? `<h3>Records</h3><ul class="records">${records}</ul>` : ''}
    <h3>Activities${r.truncated ? ' <span class="muted small">(first results only)</span>' : ''}</h3>
    ${activityRows(r.activities)}`;
}

async function showActivity(id) {
  const v = await api('/activities/' + encodeURIComponent(id));
  const a = v.activity;
  const line = v.association;
  if (!line) {
    view().innerHTML = `<h2>Activity ${esc(a.id)}</h2><p class="muted">Not associated yet${v.pending ? ` (queued: ${esc(v.pending)})` : ''}.</p>`;
    return;
  }
  const participants = line.participants.map((p, i) => {
    const src = a.participants[i] ?? {};
    const ids = [p.userId && `user ${esc(p.userId)}`, p.contactId && `contact ${link('contact', p.contactId)}`, p.accountId && `account ${link('account', p.accountId)}`,
      p.leadId && `lead ${link('lead', p.leadId)}`, p.convertedLeadId && `via lead ${link('lead', p.convertedLeadId)}`].filter(Boolean).join('<br>');
    return `<tr class="participant">
      <td>${src.name ? `<strong>${esc(src.name)}</strong><br>` : ''}<span class="mono">${esc(p.email ?? p.phone ?? '')}</span>${p.email && p.phone ? `<br><span class="mono">${esc(p.phone)}</span>` : ''}</td>
      <td>${esc(p.role ?? '')}</td>
      <td><span class="class ${esc(p.class)}" data-testid="participant-class">${esc(p.class)}</span></td>
      <td data-testid="participant-rule">${p.rule ? `<span class="rule">${esc(p.rule)}</span>` : '<span class="muted">—</span>'}${p.source ? ` <span class="muted">(${esc(p.source)})</span>` : ''}</td>
      <td class="mono" data-testid="matched-on">${esc(p.matchedOn ?? '')}</td>
      <td>${ids || '<span class="muted">—</span>'}</td>
      <td>${p.ambiguous ? `<span class="tiebreak" data-testid="tie-break">${esc(p.tieBreak ?? '')}</span><br><span class="muted">over</span> ${(p.candidates ?? []).map((c) => esc(c)).join(', ')}` : '<span class="muted">—</span>'}</td>
    </tr>`;
  }).join('');
  const deals = line.dealReasons.map((d) => `<tr><td>${link('deal', d.dealId)}</td><td><span class="reason">${esc(d.reason)}</span></td><td>${d.narrowedBy.length ? d.narrowedBy.map(esc).join(', ') : '<span class="muted">—</span>'}</td></tr>`).join('');
  const warnings = (line.warnings ?? []).map((w) => `<li><strong>${esc(w.code)}</strong> ${esc(w.message)}</li>`).join('');
  const history = v.history.map((h) => `<li><span class="nowrap">${esc(when(h.at))}</span> · ${esc(h.cause)} · ${esc(h.change)}${h.manual ? ' <span class="muted">(by hand)</span>' : ''}</li>`).join('');
  view().innerHTML = `
    <div class="title-row"><h2>${esc(a.type)} ${esc(a.id)}</h2>${badge(line.status)}${line.manual ? '<span class="badge manual">pinned by hand</span>' : ''}</div>
    <p class="muted">${esc(when(a.occurredAt))}${a.dialer ? ' · dialer call' : ''}</p>
    <dl class="ids">
      <dt>Accounts</dt><dd>${chips('account', line.accounts)}</dd>
      <dt>Contacts</dt><dd>${chips('contact', line.contacts)}</dd>
      <dt>Leads</dt><dd>${chips('lead', line.leads)}</dd>
      <dt>Deals</dt><dd>${chips('deal', line.deals)}</dd>
    </dl>
    ${line.automatic ? `<p class="note">The engine alone would say: ${esc(line.automatic.status)} — contacts ${esc(line.automatic.contacts.join(', ') || 'none')}, accounts ${esc(line.automatic.accounts.join(', ') || 'none')}, deals ${esc(line.automatic.deals.join(', ') || 'none')}.</p>` : ''}
    <h3>Participants</h3>
    <table class="list participants"><thead><tr><th>Who</th><th>Role</th><th>Class</th><th>Rule</th><th>Matched on</th><th>Records</th><th>Tie-break</th></tr></thead><tbody>${participants}</tbody></table>
    <h3>Deals</h3>
    ${deals ? `<table class="list"><thead><tr><th>Deal</th><th>Why</th><th>Narrowed by</th></tr></thead><tbody>${deals}</tbody></table>` : '<p class="muted">No deal.</p>'}
    ${warnings ? `<h3>Warnings</h3><ul class="warnings">${warnings}</ul>` : ''}
    <h3>History</h3><ul class="history">${history || '<li class="muted">none</li>'}</ul>`;
}

async function showRecord(kind, id) {
  const v = await api(`/records/${kind}/${encodeURIComponent(id)}`);
  const r = v.record;
  const facts = [
    r.accountId && ['Account', link('account', r.accountId)],
    r.emails?.length && ['Emails', esc(r.emails.join(', '))],
    r.phones?.length && ['Phones', esc(r.phones.join(', '))],
    r.domains?.length && ['Domains', esc(r.domains.join(', '))],
    r.website && ['Website', esc(r.website)],
    r.company && ['Company', esc(r.company)],
    r.stage && ['Stage', esc(r.stage) + (r.isClosed ? (r.isWon ? ' (won)' : ' (lost)') : '')],
    r.createdAt && ['Created', esc(when(r.createdAt))],
    r.closeDate && ['Close date', esc(r.closeDate)],
    r.ownerId && ['Owner', esc(r.ownerId)],
  ].filter(Boolean).map(([k, val]) => `<dt>${k}</dt><dd>${val}</dd>`).join('');

  // An account's timeline interleaves its activities with its deals' openings and closings.
  const events = v.activities.map((a) => ({ at: a.occurredAt, html: `${badge(a.status)} ${esc(a.type)} ${link('activity', a.id)} <span class="muted">${esc(a.title ?? '')}</span>${a.deals.length ? ' → ' + a.deals.map((d) => link('deal', d)).join(', ') : ''}`, kind: 'activity' }));
  for (const d of v.deals) {
    if (d.createdAt) { events.push({ at: d.createdAt, html: `deal ${link('deal', d.id, d.name ?? d.id)} opened`, kind: 'deal' }); }
    if (d.closeDate) { events.push({ at: d.closeDate + 'T23:59:59Z', html: `deal ${link('deal', d.id, d.name ?? d.id)} ${d.isClosed ? (d.isWon ? 'won' : 'lost') : 'expected to close'}`, kind: 'deal' }); }
  }
  events.sort((x, y) => new Date(y.at) - new Date(x.at));
  const timeline = events.map((e) => `<li class="event ${e.kind}"><span class="when">${esc(when(e.at))}</span><span class="what">${e.html}</span></li>`).join('');
  const deals = v.deals.map((d) => `<tr><td>${link('deal', d.id)}</td><td>${esc(d.name ?? '')}</td><td>${esc(d.stage ?? '')}</td><td>${esc(d.closeDate ?? '')}</td></tr>`).join('');
  view().innerHTML = `
    <div class="title-row"><h2>${esc(kind)} ${esc(r.name ?? id)}</h2><span class="muted">${esc(id)}</span></div>
    <dl class="facts">${facts}</dl>
    ${deals ? `<h3>Deals</h3><table class="list"><thead><tr><th>Deal</th><th>Name</th><th>Stage</th><th>Close</th></tr></thead><tbody>${deals}</tbody></table>` : ''}
    <h3>Timeline${v.truncated ? ' <span class="muted small">(first activities only)</span>' : ''}</h3>
    ${timeline ? `<ol class="timeline">${timeline}</ol>` : '<p class="muted">No activities.</p>'}`;
}

async function showCoverage() {
  const c = await api('/coverage');
  const share = c.activities ? Math.round(1000 * c.associated / c.activities) / 10 : 0;
  const gap = (rows, title) => `<div><h3>${title}</h3>${rows.length ? `<table class="list"><thead><tr><th>${title.includes('phone') ? 'Phone' : 'Domain'}</th><th class="num">Activities</th></tr></thead><tbody>` +
    rows.map((g) => `<tr><td class="mono"><a href="#/search/${encodeURIComponent(g.value)}">${esc(g.value)}</a></td><td class="num">${g.activities.toLocaleString()}</td></tr>`).join('') + '</tbody></table>' : '<p class="muted">None.</p>'}</div>`;
  view().innerHTML = `
    <h2>Coverage</h2>
    <p><strong>${share}%</strong> of ${c.activities.toLocaleString()} activities are associated. Each bar is a ${esc(c.bucket)}; each band the share decided by one rule (the strongest on the activity).</p>
    <div class="chart">${chart(c)}</div>
    <div class="legend">${c.rules.map((r) => `<span><i style="background:${RULE_COLOURS[r]}"></i>${esc(r)}</span>`).join('')}</div>
    <div class="gaps">${gap(c.unmatchedDomains, 'Unmatched external domains')}${gap(c.unmatchedPhones, 'Unmatched phone numbers')}</div>`;
}

// A stacked bar per period of the share of its activities per rule, drawn as inline SVG.
function chart(c) {
  const periods = c.periods;
  if (!periods.length) { return '<p class="muted">No activities yet.</p>'; }
  const W = 760, H = 260, left = 40, bottom = 24, top = 8;
  const slot = (W - left) / periods.length;
  const bar = Math.min(56, slot * 0.7);
  const y = (f) => top + (H - top - bottom) * (1 - f);
  let svg = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Share of activities per rule" data-testid="coverage-chart">`;
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    svg += `<line x1="${left}" x2="${W}" y1="${y(f)}" y2="${y(f)}" class="grid"/><text x="${left - 6}" y="${y(f) + 4}" class="axis" text-anchor="end">${f * 100}%</text>`;
  }
  periods.forEach((p, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    let acc = 0;
    for (const rule of c.rules) {
      const n = p.byRule[rule] ?? 0;
      if (!n) { continue; }
      const f = n / p.activities;
      svg += `<rect x="${x}" y="${y(acc + f)}" width="${bar}" height="${y(acc) - y(acc + f)}" fill="${RULE_COLOURS[rule]}"><title>${esc(p.period)} · ${esc(rule)}: ${n} of ${p.activities} (${Math.round(f * 100)}%)</title></rect>`;
      acc += f;
    }
    svg += `<text x="${x + bar / 2}" y="${H - 6}" class="axis" text-anchor="middle">${esc(p.period)}</text>`;
  });
  return svg + '</svg>';
}

$('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const key = $('key-input').value.trim();
  if (key) { sessionStorage.setItem(KEY, key); $('key-input').value = ''; start(); }
});
$('forget-key').addEventListener('click', () => { sessionStorage.removeItem(KEY); showKeyPanel(); });
$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const term = $('search-input').value.trim();
  if (term) { location.hash = '#/search/' + encodeURIComponent(term); }
});
window.addEventListener('hashchange', () => { if (!/key=/.test(location.hash)) { route(); } else { start(); } });
start();
