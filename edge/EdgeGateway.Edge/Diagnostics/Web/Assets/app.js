// The technicians' page: one EventSource for live state, fetch() with the CSRF header for actions.
'use strict';

const state = { csrf: null, status: null, sort: { key: 'rssi', desc: true }, trends: new Map(), logSeq: 0 };
const $ = (id) => document.getElementById(id);

function text(value, unit) {
  if (value === null || value === undefined || value === '') return '—';
  return unit ? `${value} ${unit}` : String(value);
}

function ago(iso) {
  if (!iso) return '—';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

function duration(seconds) {
  if (seconds === undefined || seconds === null) return '—';
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
  return `${d ? d + 'd ' : ''}${h}h ${m}m`;
}

function bytes(n) {
  if (n === undefined || n === null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

function fillList(dl, rows) {
  dl.replaceChildren();
  for (const [label, value] of rows) {
    const dt = document.createElement('dt'); dt.textContent = label;
    const dd = document.createElement('dd'); dd.textContent = value;
    dl.append(dt, dd);
  }
}

function cell(row, content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content); else td.textContent = content;
  row.append(td);
  return td;
}

function sparkline(values) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', '0 0 80 20');
  if (values.length > 1) {
    const min = Math.min(...values), max = Math.max(...values), span = Math.max(1, max - min);
    const points = values.map((v, i) => `${(i * 80 / (values.length - 1)).toFixed(1)},${(18 - (v - min) * 16 / span).toFixed(1)}`);
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', points.join(' '));
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', '#0969da');
    line.setAttribute('stroke-width', '1.5');
    svg.append(line);
  }
  return svg;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': state.csrf || '' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) { location.href = '/login'; throw new Error('signed out'); }
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(payload.error || `HTTP ${response.status}`);
  return payload;
}

function renderStatus(doc) {
  const g = doc.gateway || {};
  $('title').textContent = `EdgeGateway ${g.gatewayId || ''}`;
  fillList($('gateway'), [
    ['Gateway id', text(g.gatewayId)], ['Site', text(g.site)], ['Version', text(g.version)],
    ['Uptime', duration(g.uptimeSeconds)], ['Host', text(g.hostname)],
    ['Addresses', (g.interfaces || []).map(i => `${i.name} ${i.mac} ${i.addresses.join(' ')}`).join('; ') || '—'],
    ['Clock', g.now ? new Date(g.now).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—'],
    ['Memory (process)', bytes(g.processMemoryBytes)], ['Disk free', `${bytes(g.diskFreeBytes)} of ${bytes(g.diskTotalBytes)}`],
  ]);
  const u = doc.uplink, o = doc.outbox;
  fillList($('cloud'), [
    ['Connection', u ? (u.connected ? 'connected' : 'disconnected') : 'not configured'],
    ['Broker', text(u && u.broker)], ['Connected since', u && u.connectedSince ? ago(u.connectedSince) : '—'],
    ['Last publish', u && u.lastPublish ? ago(u.lastPublish) : '—'], ['In flight', text(u && u.inFlight)],
    ['Last error', text(u && u.lastError)],
    ['Backlog', text(o && o.backlog)], ['Last sync', o && o.lastSync ? ago(o.lastSync) : '—'],
    ['Items shed', o && o.shed ? Object.entries(o.shed).map(([k, v]) => `${k}: ${v}`).join(', ') || '0' : '—'],
    ['Storage', text(o && o.mode)],
  ]);
  const alarm = $('alarm');
  const problems = [];
  if (u && !u.connected) problems.push('cloud disconnected');
  if (o && o.mode === 'memory') problems.push('disk failing: memory-only queue');
  alarm.hidden = problems.length === 0;
  alarm.textContent = problems.join(' · ');
  const health = $('health');
  health.replaceChildren(...(doc.health || []).map(h => {
    const li = document.createElement('li');
    const verdict = document.createElement('span');
    verdict.className = h.healthy ? 'pass' : 'fail';
    verdict.textContent = h.healthy ? 'OK ' : 'FAULT ';
    li.append(verdict, `${h.part}: ${h.detail}`);
    return li;
  }));
  renderRadio(doc.radio);
  renderNfc(doc.nfc);
  renderConfig(doc.beaconConfig);
}

function renderRadio(radio) {
  if (!radio) { fillList($('radio'), [['State', 'radio service not running']]); return; }
  fillList($('radio'), [
    ['State', text(radio.state)], ['Detail', text(radio.detail)], ['Controller', text(radio.controller)],
    ['Scan mode', text(radio.scanMode)], ['Reports/s', text(radio.reportsPerSecond)], ['Beacons tracked', text(radio.beaconCount)],
  ]);
  const beacons = radio.beacons || [];
  for (const b of beacons) {
    const trend = state.trends.get(b.id) || [];
    if (trend.length === 0 || trend[trend.length - 1] !== b.rssi) trend.push(b.rssi);
    while (trend.length > 30) trend.shift();
    state.trends.set(b.id, trend);
  }
  const filter = $('beacon-filter').value.trim().toLowerCase();
  const shown = beacons.filter(b => !filter || JSON.stringify(b).toLowerCase().includes(filter));
  const { key, desc } = state.sort;
  shown.sort((a, b) => {
    const x = a[key] ?? -Infinity, y = b[key] ?? -Infinity;
    return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
  });
  $('beacon-count').textContent = `(${shown.length} of ${beacons.length})`;
  const body = $('beacons').tBodies[0];
  body.replaceChildren(...shown.map(b => {
    const row = document.createElement('tr');
    row.dataset.id = b.id;
    cell(row, b.id); cell(row, text(b.rssi, 'dBm')); cell(row, sparkline(state.trends.get(b.id) || []));
    cell(row, b.distanceM === undefined || b.distanceM === null ? '—' : `${b.distanceM.toFixed(1)} m`);
    cell(row, text(b.batteryMv, 'mV')); cell(row, b.temperatureC === undefined || b.temperatureC === null ? '—' : `${b.temperatureC.toFixed(1)} °C`);
    cell(row, ago(b.lastSeen));
    return row;
  }));
}

function renderNfc(nfc) {
  if (!nfc) { fillList($('nfc'), [['State', 'NFC service not running']]); return; }
  fillList($('nfc'), [
    ['State', text(nfc.state)], ['Detail', text(nfc.detail)], ['Firmware', text(nfc.firmware)], ['Transport', text(nfc.transport)],
    ['Reads', text(nfc.reads)], ['Reconnects', text(nfc.reconnects)], ['Last error', text(nfc.lastError)],
  ]);
  $('taps').tBodies[0].replaceChildren(...(nfc.recentTaps || []).map(t => {
    const row = document.createElement('tr');
    cell(row, ago(t.at)); cell(row, t.uid); cell(row, t.tagType);
    cell(row, (t.ndef || []).map(r => r.uri || r.text || r.type || '').join(' | ') || '—');
    return row;
  }));
  $('codes').tBodies[0].replaceChildren(...(nfc.shownCodes || []).map(c => {
    const row = document.createElement('tr');
    cell(row, ago(c.at)); cell(row, c.tagUid || '—'); cell(row, c.kind); cell(row, c.code); cell(row, c.label || '—');
    return row;
  }));
}

function renderConfig(config) {
  if (!config) { fillList($('config-versions'), [['State', 'beacon configuration service not running']]); return; }
  fillList($('config-versions'), [['Desired version', text(config.desiredVersion)], ['Reported version', text(config.reportedVersion)]]);
  $('config').tBodies[0].replaceChildren(...(config.beacons || []).map(b => {
    const row = document.createElement('tr');
    const fmt = (c) => c ? [c.txPowerDbm !== undefined && c.txPowerDbm !== null ? `${c.txPowerDbm} dBm` : '', c.intervalMs ? `${c.intervalMs} ms` : ''].filter(Boolean).join(', ') || '—' : '—';
    cell(row, b.beaconId); cell(row, fmt(b.desired)); cell(row, fmt(b.reported));
    const stateCell = cell(row, b.reported ? `${b.reported.state}${b.reported.reason ? ': ' + b.reported.reason : ''}${b.reported.verified === false ? ' (not heard since)' : ''}` : 'pending');
    if (b.reported && b.reported.detail) stateCell.title = b.reported.detail;
    row.addEventListener('click', () => { $('config-id').value = b.beaconId; });
    return row;
  }));
}

function appendLog(line) {
  const logs = $('logs');
  const atBottom = logs.scrollTop + logs.clientHeight >= logs.scrollHeight - 4;
  logs.append(`${line.at.slice(11, 19)} ${String(line.level).padEnd(11)} ${line.category.split('.').pop()}: ${line.message}\n`);
  while (logs.childNodes.length > 2000) logs.removeChild(logs.firstChild);
  if (atBottom) logs.scrollTop = logs.scrollHeight;
  state.logSeq = line.sequence + 1;
}

function connect() {
  const source = new EventSource(`/api/events?since=${state.logSeq}`);
  source.addEventListener('status', (e) => {
    state.status = JSON.parse(e.data);
    $('live').textContent = 'live'; $('live').className = 'pill ok';
    renderStatus(state.status);
  });
  source.addEventListener('log', (e) => appendLog(JSON.parse(e.data)));
  source.onerror = () => {
    $('live').textContent = 'reconnecting…'; $('live').className = 'pill bad';
    source.close();
    fetch('/api/csrf', { credentials: 'same-origin' }).then(r => { if (r.status === 401) location.href = '/login'; });
    setTimeout(connect, 2000);
  };
}

function showTab(name) {
  for (const button of document.querySelectorAll('#tabs button')) button.classList.toggle('active', button.dataset.tab === name);
  for (const section of document.querySelectorAll('.tab')) section.hidden = section.id !== `tab-${name}`;
}

async function runAction(output, action) {
  output.textContent = 'working…';
  try { output.textContent = JSON.stringify(await action(), null, 2); }
  catch (error) { output.textContent = `failed: ${error.message}`; }
}

async function main() {
  state.csrf = (await api('GET', '/api/csrf')).token;
  $('logout-csrf').value = state.csrf;
  for (const button of document.querySelectorAll('#tabs button')) button.addEventListener('click', () => showTab(button.dataset.tab));
  for (const th of document.querySelectorAll('th[data-sort]')) th.addEventListener('click', () => {
    const key = th.dataset.sort;
    state.sort = { key, desc: state.sort.key === key ? !state.sort.desc : true };
    if (state.status) renderRadio(state.status.radio);
  });
  $('beacon-filter').addEventListener('input', () => state.status && renderRadio(state.status.radio));
  $('nfc-read').addEventListener('click', () => runAction($('nfc-result'), () => api('POST', '/api/nfc/read')));
  $('nfc-write').addEventListener('submit', (e) => { e.preventDefault(); runAction($('nfc-result'), () => api('POST', '/api/nfc/write-url', { url: $('nfc-url').value })); });
  $('config-set').addEventListener('submit', (e) => {
    e.preventDefault();
    const number = (id) => $(id).value === '' ? null : Number($(id).value);
    runAction($('config-result'), () => api('POST', '/api/beacon-config/set', { beaconId: $('config-id').value.trim(), txPowerDbm: number('config-tx'), intervalMs: number('config-interval') }));
  });
  $('selftest-run').addEventListener('click', async () => {
    const list = $('selftest');
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'running…' }));
    try {
      const results = await api('POST', '/api/selftest');
      list.replaceChildren(...results.map(r => {
        const li = document.createElement('li');
        li.dataset.check = r.check;
        const verdict = document.createElement('span');
        const name = String(r.verdict).toLowerCase();
        verdict.className = name; verdict.textContent = `${name.toUpperCase()} `;
        li.append(verdict, `${r.check}: ${r.detail}`);
        if (r.fix) li.append(Object.assign(document.createElement('span'), { className: 'fix', textContent: `Fix: ${r.fix}` }));
        return li;
      }));
    } catch (error) { list.replaceChildren(Object.assign(document.createElement('li'), { textContent: `failed: ${error.message}` })); }
  });
  document.querySelector('#tabs button[data-tab="radio"]').addEventListener('click', () => $('beacons').scrollIntoView({ block: 'nearest' }));
  connect();
}

main();
