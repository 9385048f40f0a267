// Giggityflix Peer web UI: vanilla JS, one file, no build step.
'use strict';

const API = '/api/v1';
const $ = (sel) => document.querySelector(sel);
const readOnly = () => document.body.dataset.readonly === 'true';
const csrfToken = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || '';

/** Calls the API; state changes carry the CSRF token. A lost session goes back to the sign-in page. */
async function api(path, options = {}) {
  const headers = { 'Accept': 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.method && options.method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  const response = await fetch(API + path, {
    method: options.method || 'GET', headers, credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (response.status === 401 && document.body.dataset.page !== 'login') {
    location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
    throw new Error('signed out');
  }
  return { status: response.status, ok: response.ok, data: data || {} };
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function bytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0; let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
}

function duration(s) {
  if (s === null || s === undefined) return '—';
  s = Math.round(s);
  const h = Math.floor(s / 3600); const m = Math.floor((s % 3600) / 60); const sec = s % 60;
  return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(sec).padStart(2, '0');
}

function when(iso) { return iso ? new Date(iso).toLocaleString() : '—'; }

function edgeClass(state) {
  return state === 'CONNECTED' ? 'ok' : state === 'GAVE_UP' || state === 'missing' ? 'bad' : 'warn';
}

// --- header ------------------------------------------------------------------------------------------------

function header() {
  const out = $('#sign-out');
  if (out) {
    out.addEventListener('click', async () => {
      await api('/logout', { method: 'POST', body: {} });
      location.href = '/login';
    });
  }
  if (readOnly() && $('#sign-in')) $('#sign-in').hidden = false;
}

// --- sign-in -----------------------------------------------------------------------------------------------

function loginPage() {
  const form = $('#login-form');
  const error = $('#login-error');
  $('#password').focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    $('#login-submit').disabled = true;
    try {
      const next = new URLSearchParams(location.search).get('next') || '/';
      const r = await api('/login', { method: 'POST', body: { username: $('#username').value, password: $('#password').value, next } });
      if (r.ok) {
        // The peer checked `next` (a path on this peer, or '/'); never follow it unchecked.
        location.assign(r.data.location || '/');
        return;
      }
      error.textContent = r.data.error || ('Sign-in failed (' + r.status + ').');
      $('#password').select();
    } finally {
      $('#login-submit').disabled = false;
    }
  });
}

// --- dashboard ---------------------------------------------------------------------------------------------

async function dashboard() {
  const refresh = async () => {
    let running = false;
    try {
      const r = await api('/status');
      if (r.ok) running = renderStatus(r.data);
    } catch (e) { /* keep polling */ }
    setTimeout(refresh, running ? 700 : 3000);
  };
  const start = async (full) => {
    $('#scan-start').disabled = true; $('#scan-full').disabled = true;
    const r = await api('/scan', { method: 'POST', body: { full } });
    $('#scan-state').textContent = r.data.message || r.data.error || '';
    setTimeout(() => { $('#scan-start').disabled = false; $('#scan-full').disabled = false; }, 1000);
  };
  $('#edge-reconnect').addEventListener('click', async () => {
    const r = await api('/edge/reconnect', { method: 'POST', body: {} });
    $('#edge-error').textContent = r.ok ? 'Reconnecting…' : (r.data.error || 'Could not reconnect.');
  });
  $('#scan-start').addEventListener('click', () => start(false));
  $('#scan-full').addEventListener('click', () => start(true));
  refresh();
  streamsView();
}

/** The dashboard's Streams card: every running session and, for WebRTC, what the peer sends it (every 2 s). */
function streamsView() {
  const refresh = async () => {
    try {
      const r = await api('/streams');
      if (r.ok) renderStreams(r.data);
      else $('#streams-state').textContent = r.data.error || 'No streaming transport is installed.';
    } catch (e) { /* keep polling */ }
    setTimeout(refresh, 2000);
  };
  refresh();
}

function renderStreams(d) {
  const sessions = d.sessions || [];
  const names = (d.transports || []).map((t) => t.name).join(', ');
  $('#streams-state').textContent = sessions.length ? sessions.length + ' running.'
    : 'No sessions running' + (names ? ' (transports: ' + names + ').' : '.');
  $('#streams-table').hidden = sessions.length === 0;
  $('#streams-body').replaceChildren(...sessions.map(streamRow));
}

/** One session: its figures once its transport measures them (WebRTC, connected), '—' until then. */
function streamRow(s) {
  const t = s.stats;
  const dash = '—';
  const stop = el('button', { type: 'button', class: 'secondary write', text: 'Stop', 'aria-label': 'Stop ' + s.id });
  stop.disabled = readOnly();
  stop.addEventListener('click', async () => {
    stop.disabled = true;
    await api('/streams/' + encodeURIComponent(s.transport) + '/' + encodeURIComponent(s.id) + '/stop', { method: 'POST', body: {} });
  });
  const limited = t && t.qualityLimitation && t.qualityLimitation !== 'none' ? t.qualityLimitation : (t ? 'nothing' : dash);
  return el('tr', { 'data-session': s.id },
    el('td', { class: 'mono', text: s.id + ' (' + s.transport + ')' }),
    el('td', {}, el('a', { href: '/media?id=' + s.luid, text: String(s.luid) })),
    el('td', { text: s.state }),
    el('td', { class: 'sending', text: t ? t.frameWidth + '×' + t.frameHeight + ' ' + t.framesPerSecond.toFixed(1) + ' fps' : dash }),
    el('td', { class: 'bitrate', text: t ? t.bitrateSentKbps + ' kbit/s' + (t.availableOutgoingKbps === null ? '' : ' (' + t.availableOutgoingKbps + ')') : dash }),
    el('td', { class: 'limited' }, t && limited !== 'nothing' ? el('span', { class: 'badge warn', text: limited }) : limited),
    el('td', { class: 'rtt', text: t && t.roundTripMs !== null ? Math.round(t.roundTripMs) + ' ms' : dash }),
    el('td', { class: 'losses', text: t ? t.nacks + ' / ' + t.plis + ' / ' + t.packetsLost : dash }),
    el('td', { class: 'route', text: t && t.route ? t.route : dash }),
    el('td', {}, stop));
}

/** HTTPS port and the certificate's fingerprint, to compare with what the browser shows for it. */
function renderWeb(web) {
  if (!web) return;
  const https = web.https;
  $('#https-state').textContent = https ? 'port ' + https.port + ' (valid until ' + https.notAfter.slice(0, 10) + ')'
    + (web.remoteAdministration ? '; remote administration on' : '')
    : (web.httpsProblem || 'off');
  $('#https-fingerprint').textContent = https ? https.sha256 : '—';
}

function renderStatus(s) {
  $('#peer-id').textContent = s.peerId || '(not known yet)';
  const edge = s.edge || { state: 'missing' };
  const badge = $('#edge-state');
  badge.textContent = edge.state === 'missing' ? 'not installed' : edge.state;
  badge.className = 'badge ' + edgeClass(edge.state);
  $('#edge-address').textContent = edge.address || '';
  $('#edge-error').textContent = edge.lastError || '—';
  // e.g. the link is plaintext to another machine: shown while it lasts, even when the link works.
  $('#edge-warning-text').textContent = edge.warning || '';
  $('#edge-warning').hidden = !edge.warning;
  $('#edge-warning-label').hidden = !edge.warning;
  $('#stream-count').textContent = s.streams;
  renderWeb(s.web);
  const counts = s.counts || {};
  for (const k of ['total', 'ready', 'pending', 'processing', 'error', 'deleted']) {
    $('#count-' + k).textContent = counts[k] === undefined ? '—' : counts[k];
  }
  const scan = s.scan;
  const bar = $('#scan-progress');
  if (!scan) {
    $('#scan-state').textContent = 'The scanner is not running.';
    bar.value = 0;
    return false;
  }
  if (scan.running && scan.current) {
    const c = scan.current;
    if (c.percent === null || c.percent === undefined) bar.removeAttribute('value'); else bar.value = c.percent;
    $('#scan-state').textContent = (c.full ? 'Full scan' : 'Scan') + ' running' +
      (c.percent === null ? '' : ': ' + c.percent + ' % hashed');
    $('#scan-detail').textContent = c.filesSeen + ' files seen, ' + c.filesNew + ' new, ' + c.filesChanged +
      ' changed, ' + c.filesGone + ' gone; ' + bytes(c.bytesHashed) + ' of ' + bytes(c.bytesToHash) + ' hashed' +
      (c.etaSeconds ? ', about ' + duration(c.etaSeconds) + ' left' : '');
  } else {
    bar.value = scan.last ? 100 : 0;
    $('#scan-state').textContent = 'Idle.' + (scan.nextScheduled ? ' Next scheduled scan: ' + when(scan.nextScheduled) + '.' : '');
    $('#scan-detail').textContent = '';
  }
  const roots = $('#scan-roots');
  roots.replaceChildren(...(scan.roots.length ? scan.roots.map((r) => el('li', {},
    el('span', { class: 'mono', text: r.root }), ' ',
    el('span', { class: 'badge ' + (r.state === 'OK' ? 'ok' : 'bad'), text: r.state }),
    r.message ? ' ' + r.message : '')) : [el('li', { class: 'muted', text: 'No media folders configured (Settings → scanner: mediaDirs).' })]));
  $('#scan-last').textContent = scan.last ? 'Last scan finished ' + when(scan.last.finished) + ' in ' +
    scan.last.durationSeconds + ' s: ' + scan.last.filesSeen + ' files, ' + bytes(scan.last.bytesHashed) + ' hashed' +
    (scan.last.problemCount ? ', ' + scan.last.problemCount + ' problems' : '') + '.' : '';
  return scan.running;
}

// --- library -----------------------------------------------------------------------------------------------

async function library() {
  const pageSize = 24;
  let offset = 0;
  let screenshots = false;
  try { const s = await api('/status'); screenshots = s.ok && s.data.components && s.data.components.screenshots === 'up'; } catch (e) { /* none */ }
  const params = new URLSearchParams(location.search);
  for (const k of ['q', 'status', 'sort', 'order']) if (params.get(k)) $('#lib-' + k).value = params.get(k);
  const load = async () => {
    const q = new URLSearchParams({ offset, limit: pageSize, sort: $('#lib-sort').value, order: $('#lib-order').value });
    if ($('#lib-q').value.trim()) q.set('q', $('#lib-q').value.trim());
    if ($('#lib-status').value) q.set('status', $('#lib-status').value);
    const r = await api('/media?' + q);
    if (!r.ok) { $('#lib-summary').textContent = r.data.error || 'Could not load the library.'; return; }
    const d = r.data;
    $('#lib-summary').textContent = d.total === 0 ? 'No files match.' :
      'Files ' + (d.offset + 1) + '–' + (d.offset + d.items.length) + ' of ' + d.total + '.';
    $('#lib-items').replaceChildren(...d.items.map((f) => card(f, screenshots)));
    $('#lib-prev').disabled = offset === 0;
    $('#lib-next').disabled = offset + pageSize >= d.total;
    $('#lib-page').textContent = d.total ? 'Page ' + (Math.floor(offset / pageSize) + 1) + ' of ' + Math.ceil(d.total / pageSize) : '';
  };
  let timer = null;
  $('#lib-q').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { offset = 0; load(); }, 250); });
  for (const id of ['#lib-status', '#lib-sort', '#lib-order']) $(id).addEventListener('change', () => { offset = 0; load(); });
  $('#library-filter').addEventListener('submit', (e) => { e.preventDefault(); offset = 0; load(); });
  $('#lib-prev').addEventListener('click', () => { offset = Math.max(0, offset - pageSize); load(); });
  $('#lib-next').addEventListener('click', () => { offset += pageSize; load(); });
  load();
}

function card(f, screenshots) {
  const m = f.metadata || {};
  const thumb = el('div', { class: 'thumb', 'aria-hidden': 'true' });
  if (screenshots && f.status === 'ready' && m.durationSeconds) {
    const img = el('img', { src: API + '/media/' + f.id + '/screenshots/0?count=1', alt: '', loading: 'lazy' });
    img.addEventListener('error', () => { img.remove(); thumb.textContent = '▶'; });
    thumb.append(img);
  } else {
    thumb.textContent = '▶';
  }
  const facts = [bytes(f.size)];
  if (m.durationSeconds) facts.push(duration(m.durationSeconds));
  if (m.width && m.height) facts.push(m.width + '×' + m.height);
  if (f.status !== 'ready') facts.push(f.status);
  return el('li', { 'data-id': f.id }, thumb, el('div', { class: 'info' },
    el('a', { href: '/media?id=' + f.id, text: f.name }),
    el('div', { class: 'meta mono', text: f.relativePath }),
    el('div', { class: 'meta', text: facts.join(' · ') }, ...badges(m))));
}

/** The card's "HDR" and "10-bit" badges: the main video's transfer and bit depth, from the list's metadata. */
function badges(m) {
  const out = [];
  if (m.hdr === 'PQ' || m.hdr === 'HLG') out.push(el('span', { class: 'badge tag hdr', title: 'HDR (' + m.hdr + ')', text: 'HDR' }));
  if (m.bitDepth && m.bitDepth > 8) out.push(el('span', { class: 'badge tag depth', text: m.bitDepth + '-bit' }));
  return out;
}

/** One row of the tracks table: what a person needs to tell a track from the others and choose it. */
function trackRow(s) {
  const details = [];
  if (s.kind === 'video') {
    if (s.width && s.height) details.push(s.width + '×' + s.height);
    const turned = s.rotation ? 'rotated ' + s.rotation + '°' : '';
    if (turned || s.flipped || (s.codedWidth && s.codedWidth !== s.width)) {
      details.push('stored ' + s.codedWidth + '×' + s.codedHeight + (turned ? ' ' + turned : '') + (s.flipped ? ' mirrored' : ''));
    }
    if (s.sampleAspectRatio && s.sampleAspectRatio !== '1:1') details.push('SAR ' + s.sampleAspectRatio);
    if (s.pixelFormat) details.push(s.pixelFormat);
    if (s.bitDepth) details.push(s.bitDepth + '-bit');
    if (s.hdr) details.push(s.hdr === 'SDR' ? 'SDR' : 'HDR ' + s.hdr);
    if (s.frameRate) details.push(s.frameRate.toFixed(3).replace(/\.?0+$/, '') + ' fps');
  } else if (s.kind === 'audio') {
    if (s.channels) details.push(s.channels + ' ch');
    if (s.channelLayout) details.push(s.channelLayout);
    if (s.sampleRate) details.push(s.sampleRate + ' Hz');
  }
  const flags = [s.default ? 'default' : '', s.forced ? 'forced' : ''].filter(Boolean).join(', ');
  return el('tr', { 'data-index': s.index, 'data-kind': s.kind },
    el('td', { text: String(s.index) }), el('td', { text: s.kind }),
    el('td', { text: (s.codec || 'unknown') + (s.profile ? ' (' + s.profile + ')' : '') }),
    el('td', { text: details.join(', ') || '—' }), el('td', { text: s.language || '—' }),
    el('td', { text: s.title || '—' }), el('td', { text: flags || '—' }));
}

// --- detail ------------------------------------------------------------------------------------------------

async function mediaPage() {
  const id = new URLSearchParams(location.search).get('id');
  if (!id || !/^[0-9]+$/.test(id)) { $('#media-error').textContent = 'No file id given.'; return; }
  const r = await api('/media/' + id);
  if (!r.ok) { $('#media-error').textContent = r.data.error || 'Could not load the file.'; return; }
  const f = r.data; const m = f.metadata || {};
  $('#media-title').textContent = f.name;
  document.title = f.name + ' · Giggityflix Peer';
  const rows = [['Path', f.path], ['Folder', f.mediaRoot], ['Status', f.status + (f.error ? ' — ' + f.error : '')],
    ['Size', bytes(f.size)], ['Duration', duration(m.durationSeconds)],
    ['Resolution', m.width ? m.width + '×' + m.height + (m.hdr && m.hdr !== 'SDR' ? ' · HDR ' + m.hdr : '') + (m.bitDepth > 8 ? ' · ' + m.bitDepth + '-bit' : '') : '—'], ['Video', m.videoCodec || '—'], ['Audio', m.audioCodec || '—'],
    ['Bitrate', m.bitrate ? Math.round(m.bitrate / 1000) + ' kb/s' : '—'], ['Frame rate', m.frameRate ? m.frameRate.toFixed(2) : '—'],
    ['Container', m.container || '—'], ['Modified', when(f.modified)], ['Added', when(f.discovered)],
    ['Edge catalog id', f.catalogId || '—'], ['Local id', String(f.id)]];
  $('#media-facts').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
  const hashes = Object.entries(f.hashes || {});
  $('#media-hashes').replaceChildren(...(hashes.length ? hashes.map(([a, h]) => el('tr', {}, el('td', { text: a }), el('td', { class: 'mono', text: h })))
    : [el('tr', {}, el('td', { colspan: 2, class: 'muted', text: 'Not hashed yet.' }))]));
  const streams = f.streams || [];
  $('#media-tracks').replaceChildren(...(streams.length ? streams.map(trackRow)
    : [el('tr', {}, el('td', { colspan: 7, class: 'muted', text: f.metadata ? 'Not listed yet: the next scan lists them.' : 'Not probed yet.' }))]));
  if (f.status === 'ready') { $('#media-play').hidden = false; $('#media-play-link').href = '/play?id=' + f.id; }
  if (!f.screenshotsAvailable) { $('#shots-state').textContent = 'Screenshots are not available (no screenshot service installed).'; return; }
  $('#shots-state').textContent = 'Taking screenshots…';
  const s = await api('/media/' + id + '/screenshots?count=4');
  if (!s.ok) { $('#shots-state').textContent = s.data.error || 'No screenshots.'; return; }
  $('#shots-state').textContent = s.data.screenshots.length + ' screenshots' + (s.data.fromCache ? ' (from the cache)' : '') + '.';
  $('#media-shots').replaceChildren(...s.data.screenshots.map((x) => el('figure', {},
    el('img', { src: x.url, alt: 'Frame at ' + duration(x.frameSeconds), width: x.width, height: x.height }),
    el('figcaption', { text: duration(x.frameSeconds) + ' · ' + x.width + '×' + x.height }))));
}

// --- settings ----------------------------------------------------------------------------------------------

async function settings() {
  apiTokens();
  backupButton();
  const r = await api('/config');
  if (!r.ok) { $('#settings-state').textContent = r.data.error || 'Could not load the settings.'; return; }
  $('#settings-state').textContent = r.data.pids.length + ' groups of settings.';
  $('#settings-forms').replaceChildren(...r.data.pids.map(pidForm));
}

async function apiTokens() {
  const load = async () => {
    const r = await api('/tokens');
    if (!r.ok) { $('#token-state').textContent = r.data.error || 'Could not load the API tokens.'; return; }
    $('#tokens-body').replaceChildren(...(r.data.tokens.length ? r.data.tokens.map((t) => {
      const revoke = el('button', { type: 'button', class: 'danger write', text: 'Revoke',
        'aria-label': 'Revoke token ' + t.name });
      revoke.disabled = readOnly();
      revoke.addEventListener('click', async () => {
        revoke.disabled = true;
        const res = await api('/tokens/' + encodeURIComponent(t.name), { method: 'DELETE' });
        $('#token-state').textContent = res.ok ? 'Token ' + t.name + ' revoked.' : (res.data.error || 'Not revoked.');
        load();
      });
      return el('tr', {}, el('td', { class: 'mono', text: t.name }), el('td', { text: t.scope }),
        el('td', { text: when(t.created) }), el('td', { text: t.lastUsed ? when(t.lastUsed) : 'never' }),
        el('td', {}, revoke));
    }) : [el('tr', {}, el('td', { colspan: 5, class: 'muted', text: 'No API tokens yet.' }))]));
  };
  const form = $('#token-form');
  if (readOnly()) $('#token-create').disabled = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('#token-new').hidden = true;
    $('#token-secret').textContent = '';
    const res = await api('/tokens', { method: 'POST',
      body: { name: $('#token-name').value.trim(), readOnly: $('#token-readonly').checked } });
    if (!res.ok) {
      $('#token-state').className = 'error';
      $('#token-state').textContent = res.data.error || ('Not created (' + res.status + ').');
      $('#token-name').setAttribute('aria-invalid', 'true');
      $('#token-name').focus();
      return;
    }
    $('#token-name').removeAttribute('aria-invalid');
    $('#token-name').value = '';
    $('#token-state').className = 'saved';
    $('#token-state').textContent = 'Token ' + res.data.name + ' (' + res.data.scope + ') created.';
    $('#token-secret').textContent = res.data.secret;
    $('#token-new').hidden = false;
    load();
  });
  load();
}

function backupButton() {
  const button = $('#backup-now');
  if (readOnly()) button.disabled = true;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const state = $('#backup-state');
    state.className = 'saved';
    state.textContent = 'Writing the backup…';
    const r = await api('/backup', { method: 'POST', body: {} });
    button.disabled = false;
    if (!r.ok) { state.className = 'error'; state.textContent = r.data.error || ('Backup failed (' + r.status + ').'); return; }
    state.replaceChildren('Backup written to ', el('code', { text: r.data.file }), ' (' + bytes(r.data.bytes) + ', ' +
      r.data.mediaFiles + ' files in the catalog). ',
      el('a', { href: r.data.download, download: '', id: 'backup-download', text: 'Download it' }), '.');
  });
}

function pidForm(p) {
  const slug = p.pid.replace(/[^a-z0-9]/gi, '-');
  const status = el('p', { class: 'saved', role: 'status', 'aria-live': 'polite', id: 'status-' + slug });
  const form = el('form', { 'data-pid': p.pid, novalidate: true, id: 'form-' + slug });
  for (const f of p.fields) form.append(fieldInput(slug, f, p.values[f.id]));
  const save = el('button', { type: 'submit', class: 'write', text: 'Save' });
  if (readOnly()) save.disabled = true;
  form.append(el('div', { class: 'actions' }, save), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = {};
    for (const f of p.fields) {
      const input = form.elements.namedItem(f.id);
      values[f.id] = input.type === 'checkbox' ? input.checked : input.value;
      input.removeAttribute('aria-invalid');
      $('#err-' + slug + '-' + f.id).textContent = '';
    }
    status.textContent = 'Saving…'; status.className = 'saved';
    const res = await api('/config/' + encodeURIComponent(p.pid), { method: 'PUT', body: { values } });
    if (res.ok) { status.textContent = 'Saved. ' + (res.data.message || ''); return; }
    status.className = 'error';
    status.textContent = res.data.error || ('Not saved (' + res.status + ').');
    for (const [id, msg] of Object.entries(res.data.fields || {})) {
      const input = form.elements.namedItem(id);
      if (input) { input.setAttribute('aria-invalid', 'true'); }
      const err = $('#err-' + slug + '-' + id);
      if (err) err.textContent = msg;
    }
    const first = form.querySelector('[aria-invalid="true"]');
    if (first) first.focus();
  });
  return el('section', { class: 'card', 'aria-labelledby': 'title-' + slug },
    el('h2', { id: 'title-' + slug, text: p.name || p.pid }),
    el('p', { class: 'muted' }, p.description || '', ' ', el('code', { text: p.pid })), form);
}

function fieldInput(slug, f, value) {
  const id = 'f-' + slug + '-' + f.id;
  const help = el('p', { class: 'help', id: 'help-' + id, text: f.description || '' });
  const err = el('p', { class: 'error', id: 'err-' + slug + '-' + f.id, 'aria-live': 'polite' });
  const described = 'help-' + id + ' err-' + slug + '-' + f.id;
  let input;
  if (f.type === 'boolean' && f.cardinality === 0) {
    input = el('input', { type: 'checkbox', id, name: f.id, 'aria-describedby': described });
    input.checked = value === true || value === 'true';
    return el('div', { class: 'field check' }, input, ' ', el('label', { for: id, text: f.name || f.id }), help, err);
  }
  if (f.options && f.options.length) {
    input = el('select', { id, name: f.id, 'aria-describedby': described },
      ...f.options.map((o) => el('option', { value: o.value, text: o.label })));
    input.value = value === null || value === undefined ? '' : String(value);
  } else {
    const numeric = ['integer', 'long', 'short', 'byte', 'double', 'float'].includes(f.type) && f.cardinality === 0;
    input = el('input', { id, name: f.id, type: f.type === 'password' ? 'password' : numeric ? 'number' : 'text',
      'aria-describedby': described, step: ['double', 'float'].includes(f.type) ? 'any' : undefined,
      autocomplete: f.type === 'password' ? 'new-password' : 'off' });
    input.value = value === null || value === undefined ? '' : String(value);
  }
  if (readOnly()) input.disabled = true;
  return el('div', { class: 'field' }, el('label', { for: id, text: f.name || f.id }), help, input, err);
}

// --- providers ---------------------------------------------------------------------------------------------

async function providers() {
  let showAll = false;
  const load = async () => {
    const r = await api('/providers');
    if (!r.ok) { $('#providers-state').textContent = r.data.error || 'Could not load providers.'; return; }
    const d = r.data;
    const pending = (d.features || []).some((f) => f.pending);
    $('#providers-state').textContent = pending ? 'A feature change is running…' :
      d.services.length + ' plugin services, ' + d.bundles.filter((b) => b.peer).length + ' peer bundles.';
    $('#features-body').replaceChildren(...(d.featuresAvailable ? d.features.map(featureRow)
      : [el('tr', {}, el('td', { colspan: 4, class: 'muted', text: "Karaf's features service is not running." }))]));
    $('#services-body').replaceChildren(...d.services.map((s) => el('tr', {},
      el('td', { text: s.type }), el('td', { class: 'mono', text: s.name }), el('td', { text: s.ranking }),
      el('td', { class: 'mono', text: s.bundle + ' ' + s.version + ' [' + s.bundleId + ']' }))));
    $('#bundles-body').replaceChildren(...d.bundles.filter((b) => showAll || b.peer).map((b) => el('tr', {},
      el('td', { text: b.id }), el('td', { class: 'mono', text: b.symbolicName }), el('td', { text: b.version }),
      el('td', {}, el('span', { class: 'badge ' + (b.state === 'Active' ? 'ok' : 'warn'), text: b.state })))));
    if (pending) setTimeout(load, 1000);
  };
  const featureRow = (f) => {
    const action = f.installed ? 'uninstall' : 'install';
    const button = el('button', { type: 'button', class: (f.installed ? 'danger' : '') + ' write',
      text: f.pending ? f.pending + '…' : f.installed ? 'Uninstall' : 'Install',
      'aria-label': (f.installed ? 'Uninstall ' : 'Install ') + f.name });
    button.disabled = !!f.pending || readOnly() || (f.installed && !f.removable);
    button.addEventListener('click', async () => {
      button.disabled = true;
      const r = await api('/features/' + encodeURIComponent(f.name) + '/' + action, { method: 'POST', body: {} });
      $('#providers-state').textContent = r.data.message || r.data.error || '';
      setTimeout(load, 500);
    });
    return el('tr', {}, el('td', { class: 'mono', text: f.name }), el('td', { text: f.description || '' }),
      el('td', {}, el('span', { class: 'badge ' + (f.installed ? 'ok' : ''), text: f.installed ? 'installed' : 'available' }),
        f.lastError ? el('div', { class: 'error', text: f.lastError }) : ''), el('td', {}, button));
  };
  $('#bundles-all').addEventListener('change', (e) => { showAll = e.target.checked; load(); });
  load();
}

document.addEventListener('DOMContentLoaded', () => {
  header();
  const pages = { login: loginPage, dashboard, library, media: mediaPage, settings, providers };
  const init = pages[document.body.dataset.page];
  if (init) init();
});
