// Live reload for `showcase serve`: reloads the page after each good build
// and shows the errors of a failed one over the page. It builds the overlay
// with DOM calls and textContent only, so error text can never become
// markup, and needs no inline script or style (the site runs under
// Content-Security-Policy: default-src 'self').
(function () {
  'use strict';
  var build = '@BUILD@'; // the build this script was served with
  var overlay = null;

  function reload() {
    hide();
    window.location.reload();
  }

  function hide() {
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
    overlay = null;
  }

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    return e;
  }

  function show(p) {
    hide();
    var box = el('div');
    box.id = 'showcase-error-overlay';
    box.setAttribute('role', 'alert');
    box.setAttribute('lang', 'zh-CN');
    var s = box.style;
    s.position = 'fixed';
    s.left = '0';
    s.right = '0';
    s.top = '0';
    s.maxHeight = '70vh';
    s.overflow = 'auto';
    s.zIndex = '2147483647';
    s.margin = '0';
    s.padding = '1rem 1.25rem';
    s.background = '#fff4f4';
    s.color = '#5c0000';
    s.borderBottom = '3px solid #b00020';
    s.boxShadow = '0 2px 12px rgba(0,0,0,.3)';
    s.font = '16px/1.5 system-ui, sans-serif';

    var close = el('button', '关闭');
    close.type = 'button';
    close.style.float = 'right';
    close.addEventListener('click', hide);
    box.appendChild(close);

    var h = el('h2', p.heading || '内容有错误');
    h.style.font = 'bold 1.1rem/1.4 system-ui, sans-serif';
    h.style.margin = '0 0 .5rem';
    box.appendChild(h);

    var list = el('ul');
    list.style.margin = '0';
    list.style.paddingLeft = '1.25rem';
    (p.errors || []).forEach(function (x) {
      var li = el('li');
      li.style.margin = '.25rem 0';
      if (x.pos) {
        var pos = el('code', x.pos);
        pos.style.fontWeight = 'bold';
        li.appendChild(pos);
        li.appendChild(document.createTextNode('：'));
      }
      li.appendChild(document.createTextNode(x.message || ''));
      list.appendChild(li);
    });
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
    overlay = box;
  }

  function data(e) {
    try {
      return JSON.parse(e.data);
    } catch (err) {
      return null;
    }
  }

  if (!window.EventSource) return;
  var es = new EventSource('/__showcase/events');
  es.addEventListener('hello', function (e) {
    var d = data(e);
    // A different build than this page's: it changed while the page
    // loaded, or the server restarted.
    if (d && d.build !== build) reload();
  });
  es.addEventListener('reload', reload);
  es.addEventListener('error', function (e) {
    // The stream's own connection errors are plain events without data;
    // EventSource reconnects by itself.
    if (!e.data) return;
    var d = data(e);
    if (d) show(d);
  });
  window.addEventListener('pagehide', function () {
    es.close();
  });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) window.location.reload(); // back from the page cache
  });
})();
