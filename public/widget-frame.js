// Runs in a widget's frame (the headlines list, an article's card, the comments) on Inkuru's own
// origin.
// It tells the page around it how tall it is, so the page can size the frame with no inner
// scrollbar, and takes the partner's changes (look, section, article) without reloading.
// In the comments frame it also starts the comments program (<meta name="inkuru-program">) over
// the comments the server wrote: at the reader's first move towards the frame, or at once when
// this browser keeps something of theirs for it; a click that comes first is handed on to the
// same button once the program has drawn it.
//
// Two kinds of pages frame it:
// - Inkuru's loader (widgets.js) on a partner's page: it sends one {inkuru, type: "connect"}
//   message with a MessagePort; the frame answers only a message from its parent window whose
//   origin is on the site's partner list (<html data-partners>), and talks over that port only.
// - WordPress and other oEmbed consumers: they put "#?secret=…" on the frame's address and listen
//   for {secret, message: "height", value} on the window.
(() => {
  'use strict';
  const PROTOCOL = 1;
  const root = document.documentElement;
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
  const partners = meta('inkuru-partners').split(' ').filter(Boolean);
  const program = meta('inkuru-program');
  root.dataset.widget = '';
  // The frame's main region is named, so it stays apart from the partner page's own main.
  const region = document.querySelector('main');
  if (region && !region.hasAttribute('aria-label')) region.setAttribute('aria-label', document.title);
  if (['light', 'dark'].includes(meta('inkuru-theme'))) root.dataset.theme = meta('inkuru-theme');
  const secret = new URLSearchParams(location.hash.slice(1).replace(/^\?/, '')).get('secret');
  let port = null;
  let painted = false;
  let lastHeight = -1;

  const height = () => Math.ceil(root.getBoundingClientRect().height);

  const tell = () => {
    const value = height();
    if (value === lastHeight) return;
    lastHeight = value;
    if (port) port.postMessage({ inkuru: PROTOCOL, type: 'height', height: value });
    if (secret && window.parent !== window) {
      window.parent.postMessage({ secret, message: 'height', value }, '*');
    }
  };

  const afterPaint = (then) => requestAnimationFrame(() => setTimeout(then, 0));

  const applyLook = (look) => {
    const theme = ['light', 'dark'].includes(look.theme) ? look.theme : null;
    if (theme) root.dataset.theme = theme; else delete root.dataset.theme;
    const scheme = theme || 'light dark';
    document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', scheme);
    const accent = /^#[0-9a-f]{6}$/i.test(look.accent || '') ? look.accent : '';
    const font = /^[\p{L}\p{N} ,\-_'"]{1,200}$/u.test(look.font || '') ? look.font : '';
    // On the dark palette the accent is mixed towards white, as the server's style does it
    // (src/views/widgets.rs, dark_accent): no colour reads well on both paper and ink.
    const dark = theme === 'dark' || (!theme && matchMedia('(prefers-color-scheme: dark)').matches);
    const shown = accent && dark ? `color-mix(in srgb,${accent} 45%,white)` : accent;
    root.style.setProperty('--accent', shown || null, shown ? 'important' : '');
    for (const name of ['--serif', '--sans']) root.style.setProperty(name, font || null, font ? 'important' : '');
  };

  // A new section or count: the same page, asked again with the new options; only <main> changes.
  // Only the newest request's answer is shown: answers can arrive out of order. A frame the app
  // draws is told instead, and changes itself (src/embed.rs).
  let latest = 0;
  const show = async (query) => {
    if (program) {
      await startProgram();
      window.dispatchEvent(new CustomEvent('inkuru:show', { detail: { ...query } }));
      return;
    }
    const mine = ++latest;
    const url = new URL(location.pathname, location.origin);
    for (const [key, value] of Object.entries(query || {})) {
      if (typeof value === 'string' && value !== '') url.searchParams.set(key, value);
    }
    try {
      const answer = await fetch(url, { credentials: 'omit' });
      const text = await answer.text();
      if (mine !== latest) return;
      const main = new DOMParser().parseFromString(text, 'text/html').querySelector('main');
      if (main) document.querySelector('main').replaceChildren(...main.childNodes);
      history.replaceState(null, '', url.pathname + url.search + location.hash);
    } catch {
      // Offline or refused: the stories shown stay; the next change tries again.
    }
  };

  // The comments program: loaded once, on the first sign of the reader. Until it is in place, the
  // controls the server wrote note which one was clicked or focused, by its place among the
  // frame's visible controls (the program draws the same ones in the same order), and the
  // program's own control then gets the focus and the click.
  let started = null;
  // Whether the program's controls have taken the place of the server's: from then on a click is
  // the program's own (handing it over as well would apply it twice, and a toggle would undo it).
  let mounted = false;
  window.addEventListener('inkuru:started', () => { mounted = true; }, { once: true });
  let clicked = -1;
  let focused = -1;
  const controls = () => [...document.querySelectorAll('main :is(a[href], button)')]
    .filter((control) => control.getClientRects().length > 0);
  const whenDrawn = () => new Promise((resolve) => {
    const check = () => (document.querySelector('main :is(.comment-list, .no-comments, [role="alert"])') ? resolve() : requestAnimationFrame(check));
    check();
  });
  const startProgram = () => {
    started ??= new Promise((resolve, reject) => {
      window.addEventListener('inkuru:started', () => whenDrawn().then(() => afterPaint(resolve)), { once: true });
      import(program).catch(reject);
    }).then(() => {
      const control = controls()[clicked >= 0 ? clicked : focused];
      if (control && (clicked >= 0 || document.activeElement === document.body)) control.focus();
      if (control && clicked >= 0) control.click();
    }, () => {
      const status = document.querySelector('main [role="status"]');
      if (status) status.textContent = 'Writing a comment needs a connection to Inkuru: check yours, then reload.';
    });
    return started;
  };
  const readersOwn = () => {
    const prefixes = meta('inkuru-program-now').split(' ').filter(Boolean);
    try {
      for (let i = 0; i < localStorage.length; i += 1) {
        if (prefixes.some((prefix) => localStorage.key(i)?.startsWith(prefix))) return true;
      }
    } catch {
      // No storage for this frame: the program says at once that nothing typed here is kept.
      return true;
    }
    return false;
  };
  if (program) {
    const moves = ['pointerover', 'pointerdown', 'touchstart', 'focusin', 'keydown'];
    const onFirstMove = () => {
      for (const type of moves) document.removeEventListener(type, onFirstMove, true);
      startProgram();
    };
    for (const type of moves) document.addEventListener(type, onFirstMove, { capture: true, passive: true });
    document.addEventListener('focusin', (event) => {
      if (!mounted) focused = controls().indexOf(event.target);
    }, true);
    document.addEventListener('click', (event) => {
      const control = event.target.closest?.('button');
      if (mounted || !control) return;
      event.preventDefault();
      clicked = controls().indexOf(control);
      startProgram();
    }, true);
    if (readersOwn()) startProgram();
  }

  const onPortMessage = (event) => {
    const data = event.data;
    if (!data || data.inkuru !== PROTOCOL) return;
    if (data.type === 'look') applyLook(data);
    if (data.type === 'show') show(data.query);
  };

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (port || event.source !== window.parent || !partners.includes(event.origin)) return;
    if (!data || data.inkuru !== PROTOCOL || data.type !== 'connect' || !event.ports[0]) return;
    port = event.ports[0];
    port.onmessage = onPortMessage;
    lastHeight = -1;
    if (painted) {
      port.postMessage({ inkuru: PROTOCOL, type: 'painted', height: height() });
      lastHeight = height();
    }
  });

  const start = () => {
    new ResizeObserver(tell).observe(root);
    // Late pictures and fonts change the height after the first paint.
    document.fonts?.ready.then(tell);
    // "Painted" once the fonts are in too: the page around the frame sizes it once, not twice.
    const fontsReady = document.fonts ? document.fonts.ready : Promise.resolve();
    fontsReady.then(() => afterPaint(() => {
      painted = true;
      if (port) port.postMessage({ inkuru: PROTOCOL, type: 'painted', height: height() });
      lastHeight = -1;
      tell();
    }));
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
