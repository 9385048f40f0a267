// Giggityflix Peer player (/play?id=): picks direct HTTP or WebRTC by itself, and falls back to WebRTC when direct
// play fails or shows no picture. Vanilla JS, no build step; the state is window.player (the tests read it).
'use strict';

(() => {
  if (document.body.dataset.page !== 'play') return;
  const NO_PICTURE_MS = 4000;     // direct play this long (or 1.5 s of media time) with no frame: switch to WebRTC
  const NO_START_MS = 10000;      // direct play that has not started after this: switch to WebRTC
  const SEEK_STEP = 5;
  const $ = (s) => document.querySelector(s);
  const video = $('#v');
  const params = new URLSearchParams(location.search);
  const luid = params.get('id');
  const state = {
    mode: null, forced: null, why: '', fileWhy: null, error: null, info: null, streams: [], audio: null, subtitle: null,
    subtitleOff: false, pc: null, control: null, session: null, status: null, statusAt: 0, ended: null,
    frames: 0, firstFrameAt: null, playAt: null, bytes: 0, at: 0, kbps: null, width: 0, height: 0,
    fallbacks: 0, cues: [], rtcSubtitles: null, refused: null, picture: null, lagMs: 0, jitter: null,
    seek, play, pause, toggle, choosePath, chooseAudio, chooseSubtitle,
  };
  window.player = state;
  let generation = 0;             // bumps with every path start: stale callbacks of an older path do nothing
  let csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || null;

  // --- small helpers -----------------------------------------------------------------------------------------
  function clock(s) {
    if (!isFinite(s) || s < 0) s = 0;
    s = Math.floor(s);
    const h = Math.floor(s / 3600); const m = Math.floor((s % 3600) / 60); const sec = s % 60;
    return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(sec).padStart(2, '0');
  }
  function say(text) { $('#path-status').textContent = text; }
  async function token() {
    if (!csrf) { const r = await fetch('/api/v1/session', { credentials: 'same-origin' }); csrf = (await r.json()).csrfToken; }
    return csrf;
  }
  async function post(step, query, body, keepalive) {
    return fetch('/play/rtc/' + step + '?' + query, { method: 'POST', credentials: 'same-origin', keepalive: !!keepalive,
      headers: { 'X-CSRF-Token': await token(), 'Content-Type': 'text/plain' }, body: body || '' });
  }
  function language(code) {
    if (!code) return null;
    try { return new Intl.DisplayNames([navigator.language || 'en'], { type: 'language' }).of(code) || code; } catch (e) { return code; }
  }
  const same = (a, b) => !!a && !!b && a.toLowerCase().slice(0, 2) === b.toLowerCase().slice(0, 2);

  // --- which path ----------------------------------------------------------------------------------------------
  /** Whether this browser says it can play the file directly; and if not, why (in words for the owner). */
  async function directVerdict() {
    const d = state.info.direct || {};
    if (!d.type) return { ok: false, why: d.reason || 'the file cannot be played directly' };
    const probe = document.createElement('video');
    if (probe.canPlayType(d.type) === '') {
      const what = d.videoType && probe.canPlayType(d.videoType) === '' ? d.video
        : d.audioType && probe.canPlayType(d.audioType) === '' ? d.audio + ' audio' : d.label;
      return { ok: false, why: 'this browser cannot play ' + what };
    }
    const f = state.info.file || {};
    if (navigator.mediaCapabilities && d.videoType && f.width && f.height) {
      try {
        const r = await navigator.mediaCapabilities.decodingInfo({ type: 'file', video: { contentType: d.videoType,
          width: f.width, height: f.height, bitrate: Math.max(1, (f.kbps || 1000) * 1000),
          framerate: f.frameRate || 30 } });
        if (!r.supported) return { ok: false, why: 'this browser cannot decode ' + d.video + ' at ' + f.width + 'x' + f.height };
      } catch (e) { /* an old browser without decodingInfo: canPlayType decides */ }
    }
    return { ok: true, why: d.label };
  }

  /** Why what is chosen now (the owner's path, the audio track, picture subtitles) needs WebRTC; null if nothing does. */
  function choiceNeedsRtc() {
    if (state.forced === 'webrtc') return 'chosen by you';
    if (state.audio !== null && !isDefaultAudio(state.audio)) {
      return 'the ' + audioLabel(state.streams.find((s) => s.index === state.audio)) + ' audio track needs WebRTC';
    }
    const sub = subtitleTrack(state.subtitle);
    if (sub && !sub.text) return 'the ' + subtitleLabel(sub) + ' subtitles are drawn into the picture over WebRTC';
    return null;
  }

  async function start(from) {
    state.fileWhy = null;
    const chosen = choiceNeedsRtc();
    if (chosen) return rtcPlay(chosen, from);
    if (state.forced === 'direct') return directPlay('chosen by you', from);
    const verdict = await directVerdict();
    if (verdict.ok) return directPlay(verdict.why, from);
    state.fileWhy = verdict.why;
    return rtcPlay(verdict.why, from);
  }

  // --- direct HTTP -----------------------------------------------------------------------------------------------
  async function directPlay(why, from) {
    const g = await reset();
    state.mode = 'http'; state.why = why;
    chooseSubtitle(state.subtitle);
    say('Direct play (' + why + ')');
    video.src = state.info.link;
    if (from) video.currentTime = from;
    watchFrames(g);
    watchPicture(g);
    await startVideo();
  }

  /** Direct play that errors, never starts, or plays with no picture goes over to WebRTC. */
  function watchPicture(g) {
    const hasVideo = !!(state.info.file || {}).width || !!(state.info.direct || {}).video;
    let playingSince = null; let startedAt = null;
    // Also when the owner chose direct play: a black picture is never what was wanted (WebRTC can be forced instead).
    const fail = (reason) => {
      if (g !== generation || state.mode !== 'http') return;
      state.fallbacks++;
      state.fileWhy = 'direct play ' + reason;
      rtcPlay(state.fileWhy, video.currentTime || 0);
    };
    video.onerror = () => {
      const e = video.error;
      fail('failed' + (e && e.message ? ': ' + e.message : ''));
    };
    video.onplaying = () => { if (playingSince === null) { playingSince = performance.now(); startedAt = video.currentTime; } };
    const began = performance.now();
    const timer = setInterval(() => {
      if (g !== generation || state.mode !== 'http') { clearInterval(timer); return; }
      if (video.paused && playingSince === null) {
        if (performance.now() - began > NO_START_MS && video.readyState < 2) { clearInterval(timer); fail('did not start'); }
        return;
      }
      if (!hasVideo || state.frames > 0 && video.videoWidth > 0) { if (state.frames > 2) clearInterval(timer); return; }
      const advanced = video.currentTime - (startedAt || 0);
      if (playingSince !== null && (advanced > 1.5 || performance.now() - playingSince > NO_PICTURE_MS)) {
        clearInterval(timer); fail('showed no picture');
      }
    }, 250);
  }

  /**
   * Counts the frames the video element presents (requestVideoFrameCallback), in both paths; over WebRTC also where
   * in the file each presented picture is, and draws the subtitle cue of that picture.
   */
  function watchFrames(g) {
    if (!video.requestVideoFrameCallback) return;
    const onFrame = (now, meta) => {
      if (g !== generation) return;
      state.frames++;
      if (state.firstFrameAt === null) state.firstFrameAt = now;
      if (state.mode === 'webrtc') {
        const pos = picturePosition(meta || {});
        if (pos !== null) {
          state.picture = { position: pos, at: (meta && meta.presentationTime) || now };
          drawCue(pos);
        }
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }
  /**
   * Over WebRTC, where in the file a presented picture is. The peer's status says where its pump is: the picture it
   * has just handed to its encoder, at the moment the status arrived here (the data channel has no jitter buffer).
   * That picture arrives about then too, and is on screen later by this browser's jitter buffer and decoder, so
   * cues drawn at the peer's position showed 0.1-0.2 s before their picture. A presented frame says when its last
   * packet arrived (receiveTime): its place in the file is the peer's position at that moment. Without receiveTime,
   * the receiver's measured delay (getStats: jitter buffer and decoding per frame) is taken off the peer's position.
   */
  function picturePosition(meta) {
    const s = state.status;
    if (!s) return null;
    if (s.paused || s.ended) return s.position;
    const arrived = typeof meta.receiveTime === 'number' && meta.receiveTime > 0 ? meta.receiveTime
      : (meta.presentationTime || performance.now()) - state.lagMs;
    return Math.max(0, Math.min(s.position + (arrived - state.statusAt) / 1000, s.duration || Infinity));
  }
  /** Over WebRTC, where the picture on screen is now (between presented frames, it moves on at real time). */
  function shownPosition() {
    const p = state.picture; const now = performance.now();
    if (p && state.status && (state.status.paused || state.status.ended)) return state.status.position;
    if (p && now - p.at < 500) return p.position + (now - p.at) / 1000;
    return Math.max(0, position()[0] - state.lagMs / 1000);
  }

  async function startVideo() {
    state.playAt = performance.now();
    try { await video.play(); } catch (e) {
      if (e && e.name === 'NotAllowedError') {   // the browser wants a click for sound: play muted, say so
        video.muted = true;
        try { await video.play(); say($('#path-status').textContent + ' · muted: press M for sound'); } catch (e2) { /* paused */ }
      }
    }
  }

  // --- WebRTC --------------------------------------------------------------------------------------------------------
  async function rtcPlay(why, from) {
    const g = await reset();
    state.mode = 'webrtc'; state.why = why;
    chooseSubtitle(state.subtitle);
    say('WebRTC: ' + why);
    const pc = new RTCPeerConnection({ iceServers: state.info.iceServers || [] });
    state.pc = pc;
    pc.ontrack = (e) => {
      if (g !== generation) return;
      if (e.track.kind === 'video' || !video.srcObject) { video.srcObject = e.streams[0]; startVideo(); }
    };
    pc.ondatachannel = (e) => {
      state.control = e.channel;
      e.channel.onopen = () => {
        sendSubtitles();
        if (from > 1) send({ type: 'seek', position: from });
      };
      e.channel.onmessage = (m) => { if (g === generation) { try { onControl(JSON.parse(m.data)); } catch (x) { /* not ours */ } } };
    };
    watchFrames(g);
    let query = 'luid=' + encodeURIComponent(luid);
    if (state.audio !== null) query += '&audio=' + state.audio;
    state.request = query;
    let r; let o;
    try { r = await post('open', query); o = await r.json(); } catch (e) { o = { message: String(e) }; r = { ok: false }; }
    if (g !== generation) { pc.close(); return; }
    if (!r.ok) {
      state.error = (o.reason ? o.reason + ': ' : '') + (o.message || 'WebRTC is not available');
      say('WebRTC: ' + why + ' — but it failed: ' + state.error);
      return;
    }
    state.session = o.sessionId;
    pc.onicecandidate = (e) => {
      if (e.candidate && e.candidate.candidate) {
        post('candidate', 'session=' + encodeURIComponent(o.sessionId) + '&mid=' + encodeURIComponent(e.candidate.sdpMid)
          + '&index=' + e.candidate.sdpMLineIndex, e.candidate.candidate);
      }
    };
    await pc.setRemoteDescription({ type: 'offer', sdp: o.sdp });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    const a = await post('answer', 'session=' + encodeURIComponent(o.sessionId), answer.sdp);
    if (!a.ok) { state.error = 'answer refused: ' + (await a.text()); say('WebRTC failed: ' + state.error); return; }
    poll(o.sessionId);
  }

  async function poll(id) {
    while (state.session === id && !state.ended) {
      let r;
      try { r = await fetch('/play/rtc/events?session=' + encodeURIComponent(id), { credentials: 'same-origin' }); } catch (e) { break; }
      if (!r.ok) break;
      for (const e of await r.json()) {
        if (e.type === 'candidate' && state.pc) {
          try { await state.pc.addIceCandidate({ candidate: e.candidate, sdpMid: e.sdpMid, sdpMLineIndex: e.sdpMLineIndex }); } catch (x) { /* late */ }
        }
        if (e.type === 'offer' && state.pc && state.session === id) {
          // An ICE restart: the peer lost this viewer (network changed, connection dropped) and offers new paths.
          try {
            await state.pc.setRemoteDescription({ type: 'offer', sdp: e.sdp });
            const restart = await state.pc.createAnswer();
            await state.pc.setLocalDescription(restart);
            await post('answer', 'session=' + encodeURIComponent(id), restart.sdp);
            state.restarts = (state.restarts || 0) + 1;
          } catch (x) { say('WebRTC: reconnecting failed (' + x + ')'); }
        }
        if (e.type === 'ended' && state.session === id) { state.ended = e.reason; say('WebRTC: ended (' + e.reason + ')'); }
      }
    }
  }
  function send(message) { if (state.control && state.control.readyState === 'open') state.control.send(JSON.stringify(message)); }
  /** What the peer says on the data channel: its position, the subtitles it shows and their cues, a refusal. */
  function onControl(msg) {
    if (msg.type === 'status') { state.status = msg; state.statusAt = performance.now(); return; }
    if (msg.type === 'cue') {
      if (!state.cues.some((c) => c.start === msg.start && c.text === msg.text && c.track === msg.track)) state.cues.push(msg);
      render();
      return;
    }
    if (msg.type === 'subtitles') {
      if (!state.rtcSubtitles || state.rtcSubtitles.track !== msg.track) state.cues = [];
      state.rtcSubtitles = msg;
      if (!state.subtitleOff || msg.track >= 0) { state.subtitle = msg.track >= 0 ? msg.track : null; $('#subtitle-menu').value = msg.track >= 0 ? String(msg.track) : ''; }
      return;
    }
    if (msg.type === 'refused') {
      state.refused = msg;
      say('WebRTC: ' + state.why + ' · ' + (msg.about === 'subtitles' ? 'subtitles' : 'audio') + ' not changed: ' + msg.reason);
      if (msg.about === 'subtitles') {
        const now = state.rtcSubtitles && state.rtcSubtitles.track >= 0 ? state.rtcSubtitles.track : null;
        state.subtitle = now; $('#subtitle-menu').value = now === null ? '' : String(now);
      } else if (state.status && state.status.audioTrack >= 0) {
        state.audio = state.status.audioTrack; $('#audio-menu').value = String(state.audio);
      }
    }
  }
  /** Tells the peer which subtitles to show: the chosen stream, none, or its default (forced ones of the audio's language). */
  function sendSubtitles() {
    send({ type: 'subtitles', track: state.subtitle !== null ? state.subtitle : state.subtitleOff ? 'off' : 'auto' });
  }

  // --- stop / reset ----------------------------------------------------------------------------------------------
  async function stopSession() {
    if (state.pc) { try { state.pc.close(); } catch (e) { /* closed */ } state.pc = null; }
    if (state.session) { const s = state.session; state.session = null; try { await post('stop', 'session=' + encodeURIComponent(s)); } catch (e) { /* gone */ } }
    state.control = null; state.status = null; state.ended = null; state.cues = []; state.rtcSubtitles = null; state.refused = null;
    state.picture = null; state.jitter = null; state.lagMs = 0;
  }
  async function reset() {
    const g = ++generation;
    await stopSession();
    state.error = null; state.frames = 0; state.firstFrameAt = null; state.kbps = null; state.bytes = 0; state.at = 0;
    video.onerror = null; video.onplaying = null;
    video.pause(); video.srcObject = null; video.removeAttribute('src'); video.load();
    return g;
  }
  async function stopAll() {
    generation++;
    await stopSession();
    video.pause(); video.srcObject = null; video.removeAttribute('src'); video.load();
    state.mode = null;
    say('Stopped. Press ▶ to play again.');
  }

  // --- controls ----------------------------------------------------------------------------------------------------
  function position() {
    if (state.mode === 'webrtc') {
      if (!state.status) return [0, (state.info.file || {}).duration || 0];
      const drift = state.status.paused || state.status.ended ? 0 : (performance.now() - state.statusAt) / 1000;
      return [Math.min(state.status.position + drift, state.status.duration || Infinity), state.status.duration];
    }
    return [video.currentTime || 0, isFinite(video.duration) ? video.duration : (state.info && state.info.file.duration) || 0];
  }
  function paused() { return state.mode === 'webrtc' ? !!(state.status && state.status.paused) : video.paused; }
  function play() { if (!state.mode) { start(0); } else if (state.mode === 'http') { startVideo(); } else { send({ type: 'play' }); video.play().catch(() => {}); } }
  function pause() { if (state.mode === 'http') video.pause(); else send({ type: 'pause' }); }
  function toggle() { if (!state.mode || paused()) play(); else pause(); }
  function seek(t) {
    const [, duration] = position();
    t = Math.max(0, Math.min(t, duration || t));
    if (state.mode === 'http') video.currentTime = t;
    else if (state.mode === 'webrtc') send({ type: 'seek', position: t });   // the peer's next status says where it is
  }
  function volume(v) { video.volume = Math.max(0, Math.min(1, v)); if (video.volume > 0) video.muted = false; }
  function fullscreen() {
    const box = $('#player');
    if (document.fullscreenElement) document.exitFullscreen(); else if (box.requestFullscreen) box.requestFullscreen().catch(() => {});
  }
  function choosePath(p) { state.forced = p === 'auto' ? null : p; $('#path-menu').value = p; start(position()[0]); }

  // --- tracks ------------------------------------------------------------------------------------------------------
  function audioLabel(s) {
    if (!s) return 'default';
    return [language(s.language), s.title, s.codec && s.codec.toUpperCase(), s.channels ? s.channels + ' ch' : null]
      .filter(Boolean).join(' · ') || 'track ' + s.index;
  }
  function isDefaultAudio(index) { const d = defaultAudio(); return d === null || d.index === index; }
  function audioStreams() { return state.streams.filter((s) => s.kind === 'audio'); }
  function defaultAudio() {
    const all = audioStreams();
    return all.find((s) => s.default) || all[0] || null;
  }
  function chooseAudio(index) {
    state.audio = index === null || index === '' ? null : Number(index);
    $('#audio-menu').value = state.audio === null ? '' : String(state.audio);
    if (state.mode === 'webrtc' && state.control && state.control.readyState === 'open' && !state.ended) {
      // Over WebRTC the peer switches the sound in the running session; the forced subtitles follow the language.
      send({ type: 'audio', track: state.audio === null ? '' : String(state.audio) });
      pickForcedSubtitle();
      // The reason is about what plays now: the track just chosen, not the one that first led to WebRTC.
      const chosen = choiceNeedsRtc();
      state.why = chosen || state.fileWhy || 'the audio was switched inside this session';
      const heard = audioLabel(state.audio === null ? defaultAudio() : state.streams.find((s) => s.index === state.audio));
      say('WebRTC: ' + state.why + (state.why.includes(heard) ? '' : ' · audio: ' + heard));
      return;
    }
    pickForcedSubtitle();
    start(position()[0]);                      // direct play: a <video> cannot switch tracks; WebRTC with audio=
  }
  function subtitleLabel(s) {
    return [language(s.language), s.title, s.forced && !/forced/i.test(s.title || '') ? 'forced' : null].filter(Boolean).join(' · ')
      || 'track ' + s.index;
  }
  function subtitleTrack(index) { return index === null ? null : (state.info.subtitles || []).find((s) => s.index === index) || null; }
  /** PGS, DVB and VobSub: pictures the peer draws into the WebRTC video (a <video> cannot show them). */
  function isImageSubtitle(s) { return !s.text && /^(hdmv_pgs_subtitle|dvb_subtitle|dvd_subtitle|xsub)$/.test(s.codec || ''); }
  /** @param byOwner the owner picked it in the menu (Off then stays off, also for forced subtitles) */
  function chooseSubtitle(index, byOwner) {
    state.subtitle = index === null || index === '' || index === undefined ? null : Number(index);
    if (byOwner) state.subtitleOff = state.subtitle === null;
    $('#subtitle-menu').value = state.subtitle === null ? '' : String(state.subtitle);
    for (const t of video.querySelectorAll('track')) {
      // Direct play shows the cues itself; over WebRTC the peer sends them on the data channel.
      t.track.mode = Number(t.dataset.index) === state.subtitle && state.mode === 'http' ? 'showing' : 'disabled';
    }
    const s = subtitleTrack(state.subtitle);
    if (state.mode === 'webrtc') sendSubtitles();
    else if (state.mode === 'http' && s && !s.text) start(position()[0]);     // pictures to draw: WebRTC
  }
  /** Forced subtitles in the language of the chosen audio are on by default. */
  function pickForcedSubtitle() {
    const audio = state.audio === null ? defaultAudio() : state.streams.find((s) => s.index === state.audio);
    const shown = (state.info.subtitles || []).filter((s) => s.text && s.src || isImageSubtitle(s));
    const lang = audio && audio.language;
    const forced = shown.filter((s) => s.forced && (lang ? same(s.language, lang) : true)).sort((a, b) => b.text - a.text)[0];
    if (state.subtitleOff) return;
    if (forced) chooseSubtitle(forced.index);
    else if (state.subtitle !== null && (subtitleTrack(state.subtitle) || {}).forced) chooseSubtitle(null);   // the other language's forced ones
  }
  function buildMenus() {
    const audio = $('#audio-menu');
    audio.replaceChildren();
    const list = audioStreams();
    if (list.length === 0) audio.append(new Option('Default', ''));
    for (const s of list) audio.append(new Option(audioLabel(s) + (s.default ? ' (default)' : ''), String(s.index)));
    audio.disabled = list.length < 2;
    const d = defaultAudio();
    audio.value = d ? String(d.index) : '';
    const subs = $('#subtitle-menu');
    for (const s of state.info.subtitles || []) {
      if (isImageSubtitle(s)) { subs.append(new Option(subtitleLabel(s) + ' (picture)', String(s.index))); continue; }
      if (!s.text || !s.src) continue;                     // unknown codecs are listed on the detail page only
      subs.append(new Option(subtitleLabel(s), String(s.index)));
      const t = document.createElement('track');
      t.kind = 'subtitles'; t.src = s.src; t.dataset.index = String(s.index); t.label = subtitleLabel(s);
      if (s.language) t.srclang = s.language.slice(0, 2);
      video.append(t);
    }
    subs.disabled = subs.options.length < 2;
  }

  // --- what the page shows, once a second and on every control change -----------------------------------------------
  async function measure() {
    state.width = video.videoWidth; state.height = video.videoHeight;
    if (state.mode === 'webrtc' && state.pc) {
      const stats = await state.pc.getStats();
      let bytes = 0;
      let pictures = null;
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp') bytes += s.bytesReceived || 0;
        if (s.type === 'inbound-rtp' && s.kind === 'video') pictures = s;
      });
      lag(pictures);
      const now = performance.now();
      if (state.at) state.kbps = Math.round((bytes - state.bytes) * 8 / (now - state.at));
      state.bytes = bytes; state.at = now;
    } else if (state.mode === 'http') {
      const [, duration] = position();
      state.kbps = duration ? Math.round(state.info.size * 8 / duration / 1000) : 0;
    }
    render();
  }
  /** The receiver's delay from a picture's arrival to its decoding, over the last second (getStats). */
  function lag(s) {
    if (!s || !s.jitterBufferEmittedCount) return;
    const j = state.jitter; state.jitter = s;
    if (!j || s.jitterBufferEmittedCount <= j.jitterBufferEmittedCount || s.framesDecoded <= j.framesDecoded) return;
    const emitted = s.jitterBufferEmittedCount - j.jitterBufferEmittedCount;
    const buffered = (s.jitterBufferDelay - j.jitterBufferDelay) / emitted;
    const decoding = ((s.totalDecodeTime || 0) - (j.totalDecodeTime || 0)) / (s.framesDecoded - j.framesDecoded);
    state.lagMs = Math.max(0, Math.round((buffered + decoding) * 1000));
  }
  function render() {
    const [pos, duration] = position();
    const bar = $('#seekbar');
    bar.max = duration || 0;
    if (document.activeElement !== bar) bar.value = pos;
    $('#elapsed').textContent = clock(pos);
    $('#total').textContent = clock(duration);
    const isPaused = !state.mode || paused();
    $('#play-toggle').textContent = isPaused ? '▶' : '❚❚';
    $('#play-toggle').setAttribute('aria-label', isPaused ? 'Play' : 'Pause');
    const silent = video.muted || video.volume === 0;
    $('#mute .icon-sound').hidden = silent; $('#mute .icon-muted').hidden = !silent;
    $('#mute').setAttribute('aria-label', silent ? 'Unmute' : 'Mute');
    $('#volume').value = video.muted ? 0 : video.volume;
    $('#player').dataset.state = state.mode || 'stopped';
    const f = state.info.file || {};
    const show = (id, v) => { $('#' + id).textContent = v === undefined || v === null ? '-' : v; };
    show('res', state.width ? state.width + 'x' + state.height : null);
    show('kbps', state.mode ? state.kbps : null);         // '-' until a first measurement, not a misleading 0
    show('position', state.mode ? pos.toFixed(1) : null);
    show('duration', state.mode ? (duration || 0).toFixed(1) : null);
    show('file-res', f.width ? f.width + 'x' + f.height : null); show('file-kbps', f.kbps); show('file-codec', f.codec);
    drawCue(state.mode === 'webrtc' ? shownPosition() : pos);
  }
  /** Over WebRTC the cues the peer sent on the data channel are drawn with the picture they belong to. */
  function drawCue(pos) {
    const box = $('#player-cue');
    let text = '';
    if (state.mode === 'webrtc' && state.rtcSubtitles && state.rtcSubtitles.mode === 'text') {
      const track = state.rtcSubtitles.track;
      text = state.cues.filter((c) => c.track === track && c.start <= pos && pos < c.end).map((c) => c.text).join('\n');
    }
    box.hidden = !text;
    box.textContent = text;
  }

  function keys(e) {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const tag = (e.target && e.target.tagName) || '';
    if (tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'INPUT' && e.target.type !== 'range') return;
    const k = e.key;
    if (k === ' ' || k === 'k') { toggle(); }
    else if (k === 'ArrowLeft') { seek(position()[0] - SEEK_STEP); }
    else if (k === 'ArrowRight') { seek(position()[0] + SEEK_STEP); }
    else if (k === 'ArrowUp') { volume((video.muted ? 0 : video.volume) + 0.1); }
    else if (k === 'ArrowDown') { volume(video.volume - 0.1); }
    else if (k === 'f' || k === 'F') { fullscreen(); }
    else if (k === 'm' || k === 'M') { video.muted = !video.muted; }
    else return;
    e.preventDefault();
    render();
  }

  async function load() {
    if (!luid || !/^\d+$/.test(luid)) { say('Which file? Open it from the library.'); return; }
    $('#player-details').href = '/media?id=' + encodeURIComponent(luid);
    const r = await fetch('/play/info?id=' + encodeURIComponent(luid), { credentials: 'same-origin' });
    if (r.status === 401) { location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search); return; }
    let info = null;
    try { info = await r.json(); } catch (e) { info = null; }
    if (!r.ok || !info) {
      say(info && info.message ? info.message : r.status === 404 ? 'Streaming over HTTP is not installed (feature peer-stream-http).' : 'The player cannot load this file (' + r.status + ').');
      $('#player').dataset.state = 'error';
      return;
    }
    state.info = info;
    $('#player-title').textContent = info.name;
    document.title = info.name + ' · Giggityflix Peer';
    try {                                                    // the stream inventory, when the catalog has one
      const m = await fetch('/api/v1/media/' + encodeURIComponent(luid), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (m.ok) { const d = await m.json(); state.streams = Array.isArray(d.streams) ? d.streams : []; }
    } catch (e) { state.streams = []; }
    buildMenus();
    const via = params.get('via');
    if (via === 'direct' || via === 'webrtc') { state.forced = via; $('#path-menu').value = via; }
    pickForcedSubtitle();
    await start(Number(params.get('t')) || 0);
  }

  $('#play-toggle').addEventListener('click', toggle);
  $('#stop').addEventListener('click', stopAll);
  $('#seekbar').addEventListener('change', (e) => seek(Number(e.target.value)));
  $('#mute').addEventListener('click', () => { video.muted = !video.muted; render(); });
  $('#volume').addEventListener('input', (e) => volume(Number(e.target.value)));
  $('#fullscreen').addEventListener('click', fullscreen);
  $('#path-menu').addEventListener('change', (e) => choosePath(e.target.value));
  $('#audio-menu').addEventListener('change', (e) => chooseAudio(e.target.value));
  $('#subtitle-menu').addEventListener('change', (e) => chooseSubtitle(e.target.value, true));
  video.addEventListener('click', toggle);
  video.addEventListener('dblclick', fullscreen);
  for (const ev of ['play', 'pause', 'timeupdate', 'volumechange', 'loadedmetadata']) video.addEventListener(ev, () => state.info && render());
  document.addEventListener('keydown', keys);
  // Leaving the page ends its WebRTC session on the peer (keepalive: the request outlives the page).
  window.addEventListener('pagehide', () => {
    if (state.session && csrf) { post('stop', 'session=' + encodeURIComponent(state.session), '', true); state.session = null; }
  });
  setInterval(() => { if (state.info) measure(); }, 1000);
  load().catch((e) => { state.error = String(e); say('The player failed: ' + e); });
})();
