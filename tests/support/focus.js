// The focus guard's probe, run before each page's scripts; transitions off: states are end states.
// __focusStop(scheme) waits a timer (Material reacts to a focus after 1 ms), then names the focused
// element and what a keyboard user would miss: hidden, zero-sized, off screen, covered, or a ring
// under 3:1 with what lies behind it, in the scheme shown and again in Material's `scheme`.
(() => {
  const stops = [];
  const calm = "<style>* { transition: none !important }</style>";
  addEventListener("DOMContentLoaded", () => document.head.insertAdjacentHTML("beforeend", calm));
  const paint = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  function rgba(css) { // any CSS colour as a canvas paints it: [r, g, b, alpha]
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = "#0000"; // what an invalid colour leaves
    paint.fillStyle = css;
    paint.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  }
  const over = (top, under) => under.map((v, i) => top[i] * top[3] + v * (1 - top[3]));
  const linear = (v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4); // sRGB, 0-1
  const luminance = (rgb) => [0.2126, 0.7152, 0.0722].reduce((sum, weight, i) =>
    sum + weight * linear(rgb[i] / 255), 0);
  const holds = (box, inner) => box.left <= inner.left + 0.5 && box.top <= inner.top + 0.5
    && box.right >= inner.right - 0.5 && box.bottom >= inner.bottom - 0.5;
  const onScreen = (box) =>
    holds(new DOMRect(0, 0, document.documentElement.clientWidth, innerHeight), box);
  function ring(el) { // what is wrong with its outline
    const style = getComputedStyle(el);
    const colour = rgba(style.outlineColor);
    const width = parseFloat(style.outlineWidth) || 0;
    const none = style.outlineStyle === "none" || width < 2 || !colour[3];
    if (none) return [`no focus ring (${style.outlineStyle} ${style.outlineWidth})`];
    const inset = parseFloat(style.outlineOffset) || 0;
    const out = inset + width;
    const box = el.getBoundingClientRect();
    const outer = new DOMRect(box.x - out, box.y - out, box.width + 2 * out, box.height + 2 * out);
    const layers = []; // behind it: the backgrounds that hold it, up to an opaque one, on white
    for (let n = inset < 0 ? el : el.parentElement; n; n = n.parentElement) {
      if (n !== el && n !== document.body && !holds(n.getBoundingClientRect(), outer)) continue;
      layers.unshift(rgba(getComputedStyle(n).backgroundColor));
      if (layers[0][3] === 1) break;
    }
    const behind = layers.reduce((under, top) => over(top, under), [255, 255, 255]);
    const [a, b] = [luminance(over(colour, behind)), luminance(behind)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 3) {
      const rgb = behind.map(Math.round);
      return [`focus ring ${style.outlineColor} is ${ratio.toFixed(2)}:1 against rgb(${rgb})`];
    }
    return onScreen(outer) ? [] : ["focus ring off screen"];
  }
  function problems(el) {
    const style = getComputedStyle(el);
    let opacity = 1;
    for (let n = el; n; n = n.parentElement) opacity *= getComputedStyle(n).opacity;
    if (style.visibility !== "visible" || opacity < 0.1) {
      return [`hidden (visibility ${style.visibility}, opacity ${opacity})`];
    }
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || !onScreen(r)) {
      return [`zero-sized or off screen (${r.x | 0},${r.y | 0} ${r.width | 0}x${r.height | 0})`];
    }
    const middle = (b) => document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
    const hit = [...el.getClientRects()].some((b) => el.contains(middle(b)));
    return hit ? ring(el) : ["covered by another element", ...ring(el)];
  }
  window.__focusStop = (scheme) => new Promise((done) => setTimeout(() => {
    for (const animation of document.getAnimations()) animation.finish();
    const focused = document.activeElement;
    if (!focused || focused === document.body) return done(null); // out of the page
    if (!stops.includes(focused)) stops.push(focused);
    const el = focused.matches("input.md-option") ? focused.nextElementSibling : focused; // a label
    const body = document.body.dataset;
    const shown = body.mdColorScheme;
    const found = problems(el).map((problem) => `${shown} scheme: ${problem}`);
    body.mdColorScheme = scheme;
    found.push(...ring(el).map((problem) => `${scheme} scheme: ${problem}`));
    body.mdColorScheme = shown;
    const text = (el.getAttribute("aria-label") || el.textContent).replace(/\s+/g, " ").trim();
    const what = `${el.localName}.${el.classList[0] || ""} "${text.slice(0, 40)}"`;
    done({ id: stops.indexOf(focused), what, problems: found });
  }, 1));
})();
