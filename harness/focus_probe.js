// In every page the browser tests open: window.__a11yProbe() describes the focused element as a
// reader sees it - on screen, opaque, not zero-sized or covered, ringed by an outline (site.css draws
// every focus mark as one) at 3:1 with what is behind it - once animations have settled.
(() => {
  const ids = new WeakMap();
  let nextId = 1;
  const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true });

  function rgba(text) { // any CSS colour, as the canvas paints it
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#0000";
    ctx.fillStyle = text;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map((v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  // The colour behind a ring around `el`: the backgrounds of `el` (a ring inside it) or of the
  // ancestors holding the whole ring (not a form the size of its input), down to an opaque one.
  function backdrop(el, ring, inside) {
    const layers = [];
    for (let n = inside ? el : el.parentElement; n && n.nodeType === 1; n = n.parentElement) {
      const q = n.getBoundingClientRect();
      const root = n === document.body || n === document.documentElement;
      if (!root && n !== el && (q.left > ring.l + 0.5 || q.top > ring.t + 0.5 || q.right < ring.r - 0.5 || q.bottom < ring.b - 0.5)) continue;
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let base = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : [255, 255, 255, 1];
    while (layers.length) base = over(layers.pop(), base);
    return base;
  }

  // The element's box grown by `grow` (as `full`), cut down by every ancestor that clips it
  // (overflow, contain: paint), skipping ancestors that a fixed or absolute box escapes.
  function visibleRect(el, grow = 0) {
    const r = el.getBoundingClientRect();
    const full = { l: r.left - grow, t: r.top - grow, r: r.right + grow, b: r.bottom + grow };
    const box = { ...full };
    let pos = getComputedStyle(el).position;
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      const s = getComputedStyle(p);
      const containsFixed = s.transform !== "none" || s.filter !== "none" || s.contain.includes("paint") || s.contain.includes("layout");
      const holds = pos === "fixed" ? containsFixed : pos === "absolute" ? s.position !== "static" || containsFixed : true;
      if (holds && (s.overflowX !== "visible" || s.overflowY !== "visible" || s.contain.includes("paint"))) {
        const q = p.getBoundingClientRect();
        Object.assign(box, { l: Math.max(box.l, q.left), t: Math.max(box.t, q.top), r: Math.min(box.r, q.right), b: Math.min(box.b, q.bottom) });
      }
      if (holds) pos = s.position;
    }
    return { x: box.l, y: box.t, w: Math.max(0, box.r - box.l), h: Math.max(0, box.b - box.t), ...box, full };
  }

  function describe(el) {
    const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("title") || "").replace(/\s+/g, " ").trim().slice(0, 40);
    const cls = (el.getAttribute("class") || "").split(/\s+/).filter(Boolean).slice(0, 2).join(".");
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls ? "." + cls : ""} "${text}"`;
  }

  function ring(el, style) { // the outline, if any: width, sides drawn on screen, contrast
    const width = parseFloat(style.outlineWidth) || 0;
    const colour = rgba(style.outlineColor);
    if (style.outlineStyle === "none" || width < 1 || colour[3] <= 0) return null;
    const offset = parseFloat(style.outlineOffset) || 0;
    const seen = visibleRect(el, offset + width), grown = seen.full;
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    const sides = [seen.t <= grown.t + 0.5 && grown.t >= -0.5, seen.r >= grown.r - 0.5 && grown.r <= vw + 0.5,
      seen.b >= grown.b - 0.5 && grown.b <= vh + 0.5, seen.l <= grown.l + 0.5 && grown.l >= -0.5].filter(Boolean).length;
    const behind = backdrop(el, grown, offset < 0);
    return { width, sides, colour: style.outlineColor, ratio: contrast(over(colour, behind), behind) };
  }

  window.__a11yProbe = function () {
    for (const a of document.getAnimations()) { try { a.finish(); } catch (e) { /* infinite */ } }
    const focused = document.activeElement;
    if (!focused || focused === document.body || focused === document.documentElement) return { none: true };
    if (!ids.has(focused)) ids.set(focused, nextId++);
    // The palette's radio inputs are visually hidden: the label drawn right after one is its face.
    const target = focused.matches("input.md-option") && focused.nextElementSibling?.matches("label") ? focused.nextElementSibling : focused;
    const style = getComputedStyle(target);
    const rect = visibleRect(target);
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    let opacity = 1;
    for (let n = target; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
    const ix = Math.max(0, Math.min(rect.x + rect.w, vw) - Math.max(rect.x, 0));
    const iy = Math.max(0, Math.min(rect.y + rect.h, vh) - Math.max(rect.y, 0));
    // Is any of it the topmost thing where it is drawn (not under a header or an overlay)? A link
    // that wraps is drawn in several line boxes, so each line box's centre is sampled too.
    const x0 = Math.max(rect.x, 0), y0 = Math.max(rect.y, 0);
    const points = [[0.5, 0.5], [0.15, 0.2], [0.85, 0.2], [0.15, 0.8], [0.85, 0.8]].map(([fx, fy]) => [x0 + ix * fx, y0 + iy * fy]);
    for (const box of target.getClientRects()) points.push([box.left + box.width / 2, box.top + box.height / 2]);
    const hits = ix > 0 && iy > 0 ? points.map(([x, y]) => document.elementFromPoint(x, y))
      .filter((hit) => hit && (target.contains(hit) || hit === focused || hit.control === focused)).length : 0;
    const problems = [];
    if (style.visibility !== "visible") problems.push(`visibility ${style.visibility}`);
    if (!(opacity > 0.01)) problems.push(`opacity ${opacity.toFixed(2)}`);
    if (!(rect.w >= 1 && rect.h >= 1)) problems.push(`zero-sized/clipped ${rect.w.toFixed(0)}x${rect.h.toFixed(0)}`);
    else if ((ix * iy) / (rect.w * rect.h) < 0.99) problems.push(`off screen (${Math.round((ix * iy * 100) / (rect.w * rect.h))}% inside)`);
    else if (hits === 0) problems.push("covered by another element");
    const mark = ring(target, style);
    if (!mark) problems.push("no focus mark");
    else {
      if (mark.ratio < 3) problems.push(`focus mark contrast ${mark.ratio.toFixed(2)}:1`);
      if (mark.width < 2) problems.push(`focus mark ${mark.width}px thin`);
      if (mark.sides < 4) problems.push(`focus mark clipped (${mark.sides} of 4 sides drawn)`);
    }
    const what = describe(focused) + (target !== focused ? " -> " + describe(target) : "");
    return { id: ids.get(focused), what, problems, mark };
  };
})();
