// 朗读 (read aloud) on story pages (layouts/story.html): reads the story's
// title, summary and body with the browser's speech synthesis, in a
// Chinese (zh-CN) voice where the device has one, preferring a voice that
// runs on the device (localService) to one that sends the text to a
// service. With only an online voice it says so before reading. The
// button stays hidden where speech synthesis is unsupported (and without
// JavaScript); it is a real <button>, so Enter and Space work; reading
// stops when the reader leaves the page.

// chunks splits text into sentences of at most max characters: engines
// stop long utterances short (Chrome's after about 15 seconds).
function chunks(text, max) {
  const out = [];
  for (const s of text.replace(/\s+/g, ' ').split(/(?<=[。！？；!?;])/)) {
    let t = s.trim();
    while (t.length > max) { out.push(t.slice(0, max)); t = t.slice(max); }
    if (t) out.push(t);
  }
  return out;
}

// pickVoice returns the best Chinese voice: zh-CN on the device, any
// Chinese on the device, zh-CN online, any Chinese online; or null.
export function pickVoice(voices) {
  const zh = voices.filter((v) => /^zh\b|^cmn\b/i.test(v.lang.replace('_', '-')));
  const cn = (v) => /^(zh|cmn)-(CN|Hans)/i.test(v.lang.replace('_', '-'));
  return zh.find((v) => v.localService && cn(v)) || zh.find((v) => v.localService) || zh.find(cn) || zh[0] || null;
}

function start() {
  const synth = window.speechSynthesis;
  const box = document.querySelector('.read-aloud');
  const button = document.getElementById('read-aloud');
  const note = document.getElementById('read-aloud-note');
  if (!box || !button || !synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  synth.cancel(); // a reading some browsers carry over from the last page
  box.hidden = false;
  let reading = false;
  const stop = () => {
    reading = false;
    synth.cancel();
    button.textContent = '朗读';
    button.setAttribute('aria-pressed', 'false');
  };
  const text = () => {
    const parts = [document.querySelector('h1'), document.querySelector('.story .lede'), document.querySelector('.story-body')];
    return parts.filter(Boolean).map((e) => e.innerText).join('。\n');
  };
  button.addEventListener('click', () => {
    if (reading) { stop(); note.textContent = ''; return; }
    const voice = pickVoice(synth.getVoices());
    if (!voice) note.textContent = '本设备没有中文语音，朗读效果可能不佳。';
    else if (!voice.localService) note.textContent = '本设备只有在线语音（' + voice.name + '）：朗读的文字将发送给语音服务商处理。';
    else note.textContent = '';
    const parts = chunks(text(), 120);
    if (!parts.length) return;
    reading = true;
    button.textContent = '停止朗读';
    button.setAttribute('aria-pressed', 'true');
    parts.forEach((t, i) => {
      const u = new SpeechSynthesisUtterance(t);
      u.lang = 'zh-CN';
      if (voice) u.voice = voice;
      if (i === parts.length - 1) u.addEventListener('end', () => { if (reading) stop(); });
      u.addEventListener('error', () => { if (reading) stop(); });
      synth.speak(u);
    });
  });
  // Leaving the page (or its being put in the back-forward cache) stops it.
  addEventListener('pagehide', stop);
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
