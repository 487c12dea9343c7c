// Inkuru's widgets on a partner's page: <inkuru-headlines> and <inkuru-comments>. One script, no WebAssembly, nothing
// fetched before a widget nears the screen (and then only the frame), no cookies, no inline script or style, nothing written
// as HTML (so a strict CSP with Trusted Types is satisfied). Each widget is a frame on Inkuru's
// origin inside the element's shadow root: the partner's CSS reaches neither.
// docs/widgets.md has the snippet and the attributes; src: the frame's messages (widget-frame.js).
(() => {
  'use strict';
  const PROTOCOL = 1;
  const script = document.currentScript;
  const ORIGIN = script && script.src ? new URL(script.src).origin : '';
  // Loaded twice (two snippets on one page): the first definition stands.
  if (!ORIGIN || customElements.get('inkuru-headlines') || customElements.get('inkuru-comments')) return;

  const LOOK = ['theme', 'accent', 'font'];
  const CSS = ':host{display:block!important;position:relative!important;contain:layout!important}'
    + '.box{position:relative;overflow:hidden;transition:none}'
    + 'iframe{display:block!important;width:100%!important;height:100%!important;border:0!important;margin:0!important;padding:0!important;background:transparent!important;visibility:visible!important}'
    + 'iframe.waiting{position:absolute!important;inset:0!important;opacity:0!important;pointer-events:none!important}'
    + '[hidden]{display:none!important}.note{margin:.5em 0;font:inherit}';
  // How long a loaded frame has to answer before the widget says it cannot show here: a page not
  // on the site's partner list gets the browser's refusal (frame-ancestors) instead of the frame,
  // which fires "load" and never answers. Asking the site first would need connect-src in the
  // partner's CSP; this needs only script-src and frame-src.
  const ANSWER_MS = 4000;
  // How long a frame has to paint at all: a stalled network or server never fires "load".
  const LOAD_MS = 20000;
  let sheet = null;

  const schemeOf = (theme) => (theme === 'light' || theme === 'dark' ? theme : 'light dark');

  class InkuruWidget extends HTMLElement {
    static observedAttributes = [...LOOK, 'section', 'count', 'pictures', 'article'];

    connectedCallback() {
      if (!this.shadowRoot) this.build();
      this.watch = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.watch.disconnect();
        this.load();
      }, { rootMargin: '100% 0px' });
      this.watch.observe(this);
    }

    disconnectedCallback() {
      this.watch?.disconnect();
      clearTimeout(this.timer);
      clearTimeout(this.stalled);
      this.port?.close();
      this.port = null;
      this.frame?.remove();
      this.frame = null;
      this.slotted.hidden = false;
      this.note.hidden = true;
      this.box.style.height = '';
      this.box.style.minHeight = `${this.estimate()}px`;
    }

    attributeChangedCallback(name, before, after) {
      if (before === after || !this.port) return;
      if (LOOK.includes(name)) {
        this.frame.style.colorScheme = schemeOf(this.getAttribute('theme'));
        this.port.postMessage({ inkuru: PROTOCOL, type: 'look', ...this.options(LOOK) });
      } else {
        this.port.postMessage({ inkuru: PROTOCOL, type: 'show', query: this.options(this.content) });
      }
    }

    build() {
      const shadow = this.attachShadow({ mode: 'open' });
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      shadow.adoptedStyleSheets = [sheet];
      this.box = document.createElement('div');
      this.box.className = 'box';
      this.box.style.minHeight = `${this.estimate()}px`;
      this.slotted = document.createElement('div');
      this.slotted.append(document.createElement('slot'));
      this.note = document.createElement('p');
      this.note.className = 'note';
      this.note.setAttribute('role', 'status');
      this.note.hidden = true;
      this.box.append(this.slotted, this.note);
      shadow.append(this.box);
    }

    options(names) {
      const picked = {};
      for (const name of names) {
        const value = this.getAttribute(name);
        if (value !== null) picked[name] = value === '' && name === 'pictures' ? 'true' : value;
      }
      return picked;
    }

    estimate() {
      const given = Number.parseInt(this.getAttribute('height') || '', 10);
      return given > 0 ? given : this.defaultHeight();
    }

    say(text) {
      this.note.textContent = text;
      this.note.hidden = false;
    }

    load() {
      if (!this.isConnected || this.frame) return;
      const url = new URL(this.path, ORIGIN);
      for (const [key, value] of Object.entries(this.options([...this.query, ...LOOK]))) url.searchParams.set(key, value);
      const frame = document.createElement('iframe');
      frame.className = 'waiting';
      frame.title = this.label;
      frame.style.colorScheme = schemeOf(this.getAttribute('theme'));
      frame.addEventListener('load', () => this.connect(frame), { once: true });
      frame.src = url.href;
      this.frame = frame;
      this.box.append(frame);
      this.stalled = setTimeout(() => this.giveUp(frame), LOAD_MS);
    }

    // Says why the widget is not showing, unless the frame has painted since.
    giveUp(frame) {
      if (frame === this.frame && frame.classList.contains('waiting')) {
        this.say(`This widget cannot show here: this page is not on ${new URL(ORIGIN).host}'s list of partner sites, or the widget did not load.`);
      }
    }

    connect(frame) {
      if (frame !== this.frame || !frame.contentWindow) return;
      this.timer = setTimeout(() => this.giveUp(frame), ANSWER_MS);
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => this.heard(event.data);
      this.port = channel.port1;
      frame.contentWindow.postMessage({ inkuru: PROTOCOL, type: 'connect' }, ORIGIN, [channel.port2]);
    }

    heard(data) {
      if (!data || data.inkuru !== PROTOCOL || !this.frame || typeof data.height !== 'number') return;
      const height = Math.max(0, Math.min(Math.round(data.height), 20000));
      this.box.style.height = `${height}px`;
      this.box.style.minHeight = '0';
      if (data.type === 'painted') {
        clearTimeout(this.timer);
        clearTimeout(this.stalled);
        this.note.hidden = true;
        this.slotted.hidden = true;
        this.frame.classList.remove('waiting');
      }
    }
  }

  customElements.define('inkuru-headlines', class extends InkuruWidget {
    get path() { return '/embed/headlines'; }
    get label() { return 'Headlines'; }
    get content() { return ['section', 'count', 'pictures']; }
    get query() { return this.content; }
    // Measured on the frame at widths of 280 to 900 px: about 75 px of heading and link, and a
    // story's card grows as the column narrows (its headline and standfirst wrap).
    defaultHeight() {
      const count = Number.parseInt(this.getAttribute('count') || '5', 10) || 5;
      const width = this.getBoundingClientRect().width || 360;
      return Math.round(75 + count * (95 + 60000 / Math.max(width, 240)));
    }
  });

  // An article's comments and form: the article by its slug, as in its address on the site.
  customElements.define('inkuru-comments', class extends InkuruWidget {
    get path() { return `/embed/comments/${encodeURIComponent(this.getAttribute('article') || '')}`; }
    get label() { return 'Comments'; }
    get content() { return ['article']; }
    get query() { return []; }
    defaultHeight() { return 480; }
  });
})();
