// The focus guard's probe (hand-written: axe-core, weighed against it, has no rule for the focused state).
// __focusStop() waits a timer (Material reacts to a focus after 1 ms), then names the focused element and what a keyboard
// user would miss: hidden, zero-sized, off screen, covered, or a ring under 3:1 with what lies behind it. __focusAgain(s)
// measures the rings of the stops met so far again under Material's scheme s. Transitions are off: states are end states.
(() => {
  const stops = [], paint = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  const calm = Object.assign(document.createElement("style"), { textContent: "* { transition: none !important }" });
  addEventListener("DOMContentLoaded", () => document.head.append(calm));
  const rgba = (css) => { // any CSS colour, as a canvas paints it
    paint.clearRect(0, 0, 1, 1), (paint.fillStyle = "#0000"), (paint.fillStyle = css), paint.fillRect(0, 0, 1, 1);
    return [...paint.getImageData(0, 0, 1, 1).data].map((v, i) => (i < 3 ? v : v / 255));
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const linear = (v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const lum = (c) => 0.2126 * linear(c[0] / 255) + 0.7152 * linear(c[1] / 255) + 0.0722 * linear(c[2] / 255);
  const holds = (q, r) => q.left <= r.left + 0.5 && q.top <= r.top + 0.5 && q.right >= r.right - 0.5 && q.bottom >= r.bottom - 0.5;
  const viewport = () => ({ left: 0, top: 0, right: document.documentElement.clientWidth, bottom: innerHeight });
  const ring = (el) => { // what is wrong with its outline: missing, thin, under 3:1 with what is behind it, off screen
    const s = getComputedStyle(el), width = parseFloat(s.outlineWidth) || 0, colour = rgba(s.outlineColor);
    if (s.outlineStyle === "none" || width < 2 || !colour[3]) return [`no focus ring (${s.outlineStyle} ${s.outlineWidth})`];
    const r = el.getBoundingClientRect(), inset = parseFloat(s.outlineOffset) || 0, by = inset + width;
    const outer = { left: r.left - by, top: r.top - by, right: r.right + by, bottom: r.bottom + by }, layers = [];
    for (let n = inset < 0 ? el : el.parentElement; n && !(layers.at(-1)?.[3] >= 1); n = n.parentElement) // what is behind
      if (n === el || n === document.body || holds(n.getBoundingClientRect(), outer)) layers.push(rgba(getComputedStyle(n).backgroundColor));
    const behind = layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1]);
    const [a, b] = [lum(over(colour, behind)), lum(behind)], ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 3) return [`focus ring ${s.outlineColor} is ${ratio.toFixed(2)}:1 against rgb(${behind.slice(0, 3).map(Math.round)})`];
    return holds(viewport(), outer) ? [] : ["focus ring off screen"];
  };
  const problems = (el, s = getComputedStyle(el), r = el.getBoundingClientRect(), opacity = 1) => {
    for (let n = el; n; n = n.parentElement) opacity *= getComputedStyle(n).opacity;
    if (s.visibility !== "visible" || opacity < 0.1) return [`hidden (visibility ${s.visibility}, opacity ${opacity})`];
    if (r.width < 1 || r.height < 1 || !holds(viewport(), r)) return [`zero-sized or off screen (${r.x | 0},${r.y | 0} ${r.width | 0}x${r.height | 0})`];
    const hit = [...el.getClientRects()].some((b) => el.contains(document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2)));
    return [...(hit ? [] : ["covered by another element"]), ...ring(el)];
  };
  const face = (el) => (el.matches("input.md-option") ? el.nextElementSibling : el); // a hidden radio's label
  const named = (found) => found.map((p) => `${document.body.dataset.mdColorScheme} scheme: ${p}`);
  window.__focusStop = () => new Promise((done) => setTimeout(() => {
    for (const animation of document.getAnimations()) animation.finish();
    const focused = document.activeElement, el = focused !== document.body && focused && face(focused);
    if (!el) return done(null); // out of the page
    if (!stops.includes(focused)) stops.push(focused);
    const text = (el.getAttribute("aria-label") || el.textContent).replace(/\s+/g, " ").trim().slice(0, 40);
    done({ id: stops.indexOf(focused), what: `${el.localName}.${el.classList[0] || ""} "${text}"`, problems: named(problems(el)) });
  }, 1));
  window.__focusAgain = (scheme, body = document.body, shown = body.dataset.mdColorScheme) => {
    body.dataset.mdColorScheme = scheme; // every stop's ring under `scheme`, at once; then the shown scheme again
    const found = stops.splice(0).map((focused) => (focused.focus(), named(ring(face(focused)))));
    return (body.dataset.mdColorScheme = shown), found;
  };
})();
