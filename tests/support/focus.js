// The focus guard's probe (hand-written beyond axe-core, weighed first: it has no rule for focus
// rings; its colour maths, which the guard puts on the page too, serve here). __focusStop(schemes),
// a timer after a Tab (Material reacts after 1 ms): what a keyboard user misses of the focused
// element in each of Material's schemes; null once focus has come round.
(() => {
  const stops = new Set(); // focused so far: met again, focus has come round
  const grow = (b, by) => new DOMRect(b.x - by, b.y - by, b.width + 2 * by, b.height + 2 * by);
  const holds = (box, inner) => box.left <= inner.left + 0.5 && box.top <= inner.top + 0.5
    && box.right >= inner.right - 0.5 && box.bottom >= inner.bottom - 0.5;
  const screen = () => new DOMRect(0, 0, document.documentElement.clientWidth, innerHeight);
  function problems(el) { // what a keyboard user misses of it, in the scheme shown
    const style = getComputedStyle(el);
    let opacity = 1;
    for (let n = el; n; n = n.parentElement) opacity *= getComputedStyle(n).opacity;
    const r = el.getBoundingClientRect();
    const seen = style.visibility === "visible" && opacity >= 0.1 && r.width >= 1 && r.height >= 1;
    if (!seen || !holds(screen(), r)) {
      const box = `${r.x | 0},${r.y | 0} ${r.width | 0}x${r.height | 0}`;
      return [`hidden or off screen (visibility ${style.visibility}, opacity ${opacity}, ${box})`];
    }
    const middle = (b) => document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
    const hit = [...el.getClientRects()].some((b) => el.contains(middle(b)));
    const found = hit ? [] : ["covered by another element"];
    const [width, inset] = [style.outlineWidth, style.outlineOffset].map(parseFloat);
    if (style.outlineStyle === "none" || width < 2) {
      return [...found, `no focus ring (${style.outlineStyle} ${style.outlineWidth})`];
    }
    const ring = grow(r, inset + width);
    const layers = []; // behind the ring: backgrounds of what holds it (the body's fills the view)
    for (let n = inset < 0 ? el : el.parentElement; n; n = n.parentElement) {
      const holder = n === el || n === document.body || holds(n.getBoundingClientRect(), ring);
      if (holder) layers.unshift(getComputedStyle(n).backgroundColor);
    }
    const { Color, flattenColors, getContrast } = axe.commons.color; // any CSS colour, alpha too
    const paint = (under, css) => flattenColors(new Color().parseString(css), under);
    const behind = layers.reduce(paint, new Color(255, 255, 255, 1)); // a page starts white
    const ratio = getContrast(behind, new Color().parseString(style.outlineColor));
    const against = `${ratio.toFixed(2)}:1 against ${behind.toHexString()}`;
    if (ratio < 3) found.push(`focus ring ${style.outlineColor} is ${against}`);
    return holds(screen(), ring) ? found : [...found, "focus ring off screen"];
  }
  window.__focusStop = (schemes) => new Promise((done) => setTimeout(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body || stops.has(focused)) return done(null);
    stops.add(focused);
    const el = focused.matches("input.md-option") ? focused.nextElementSibling : focused; // a label
    const text = (el.getAttribute("aria-label") || el.textContent).replace(/\s+/g, " ").trim();
    const what = `Tab stop ${el.localName}.${el.classList[0] || ""} "${text.slice(0, 40)}"`;
    const shown = document.body.dataset.mdColorScheme;
    const found = schemes.flatMap((scheme) => {
      document.body.dataset.mdColorScheme = scheme;
      for (const animation of document.getAnimations()) animation.finish(); // colours as they end
      return problems(el).map((problem) => `${what}, ${scheme} scheme: ${problem}`);
    });
    document.body.dataset.mdColorScheme = shown;
    done(found);
  }, 1));
})();
