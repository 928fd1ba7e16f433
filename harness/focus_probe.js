// Loaded into every page by tests/test_keyboard.py (add_init_script). window.__a11yProbe() describes the element
// that has keyboard focus, as a reader sees it: on screen, not transparent, not zero-sized, not
// hidden behind something else, and marked by an outline or box-shadow that contrasts with what is
// around it. Animations and transitions are finished first, so what is measured is the settled
// state the reader sees a moment after pressing Tab, not the first frame of a fade-in.
(() => {
  const ids = new WeakMap();
  let nextId = 1;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  let ctx = null;

  function rgba(text) {
    const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(text);
    if (m) {
      let a = m[4] === undefined ? 1 : m[4].endsWith("%") ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
      return [+m[1], +m[2], +m[3], a];
    }
    ctx = ctx || canvas.getContext("2d", { willReadFrequently: true });
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#0000";
    ctx.fillStyle = text;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }

  function over(top, bottom) { // composite a translucent colour over an opaque one
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  }

  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  // The colour painted behind a ring drawn around `el`: the backgrounds of `el` (for a ring inside
  // it) or of its ancestors whose boxes hold the whole ring, composited down to the first opaque
  // one (the canvas if none is). An ancestor smaller than the ring (a form exactly the size of its
  // input) is not behind the ring, so it is skipped.
  function backdrop(el, ring, inside) {
    const layers = [];
    for (let n = inside ? el : el.parentElement; n && n.nodeType === 1; n = n.parentElement) {
      if (!inside || n !== el) {
        const q = n.getBoundingClientRect();
        const root = n === document.body || n === document.documentElement;
        if (!root && (q.left > ring.l + 0.5 || q.top > ring.t + 0.5 || q.right < ring.r - 0.5 || q.bottom < ring.b - 0.5)) continue;
      }
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    const scheme = getComputedStyle(document.documentElement).colorScheme;
    let base = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop()
      : (scheme.includes("dark") && !scheme.includes("light") ? [18, 18, 18, 1] : [255, 255, 255, 1]);
    while (layers.length) base = over(layers.pop(), base);
    return base;
  }

  function clips(style) {
    return style.overflowX !== "visible" || style.overflowY !== "visible" || style.contain.includes("paint");
  }

  function containsFixed(style) { // does this box contain position: fixed descendants?
    return style.transform !== "none" || style.filter !== "none" || style.perspective !== "none"
      || style.contain.includes("paint") || style.contain.includes("layout")
      || style.willChange.includes("transform") || style.backdropFilter !== "none";
  }

  // The element's box, cut down by every ancestor that clips it (overflow, contain: paint),
  // skipping ancestors that a fixed or absolute box escapes.
  function visibleRect(el, grow = 0) {
    const r = el.getBoundingClientRect();
    let box = { l: r.left - grow, t: r.top - grow, r: r.right + grow, b: r.bottom + grow };
    let pos = getComputedStyle(el).position;
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      const s = getComputedStyle(p);
      // does p clip what we have walked so far? A fixed box escapes all but a transformed
      // ancestor; an absolute box escapes all up to its positioned containing block.
      const holds = pos === "fixed" ? containsFixed(s)
        : pos === "absolute" ? s.position !== "static" || containsFixed(s) : true;
      if (holds && clips(s)) {
        const q = p.getBoundingClientRect();
        box = { l: Math.max(box.l, q.left), t: Math.max(box.t, q.top), r: Math.min(box.r, q.right), b: Math.min(box.b, q.bottom) };
      }
      if (holds) pos = s.position;
    }
    return { x: box.l, y: box.t, w: Math.max(0, box.r - box.l), h: Math.max(0, box.b - box.t) };
  }

  function describe(el) {
    const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("title") || "").replace(/\s+/g, " ").trim().slice(0, 40);
    const cls = (el.getAttribute("class") || "").split(/\s+/).filter(Boolean).slice(0, 2).join(".");
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls ? "." + cls : ""}${el.hidden ? "[hidden]" : ""} "${text}"`;
  }

  function mark(el, style) {
    const marks = [];
    const r = el.getBoundingClientRect();
    const grow = (d) => ({ l: r.left - d, t: r.top - d, r: r.right + d, b: r.bottom + d });
    const width = parseFloat(style.outlineWidth) || 0;
    if (style.outlineStyle !== "none" && width >= 1) {
      const colour = rgba(style.outlineColor);
      if (colour[3] > 0) {
        const offset = parseFloat(style.outlineOffset) || 0;
        const outer = grow(offset + width);
        const behind = backdrop(el, outer, offset < 0);
        const painted = over(colour, behind);
        // which sides of the ring are drawn, not clipped away by an ancestor or the viewport
        const seen = visibleRect(el, offset + width);
        const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
        const sides = [seen.y <= outer.t + 0.5 && outer.t >= -0.5, seen.x + seen.w >= outer.r - 0.5 && outer.r <= vw + 0.5,
          seen.y + seen.h >= outer.b - 0.5 && outer.b <= vh + 0.5, seen.x <= outer.l + 0.5 && outer.l >= -0.5].filter(Boolean).length;
        marks.push({ kind: `outline ${style.outlineStyle} ${width}px offset ${offset}px`, width, sides, colour: style.outlineColor, ratio: contrast(painted, behind) });
      }
    }
    if (style.boxShadow && style.boxShadow !== "none") {
      // each shadow: "rgb(...) x y blur spread [inset]"
      for (const part of style.boxShadow.split(/,(?![^(]*\))/)) {
        const c = /(rgba?\([^)]*\)|#[0-9a-f]+)/i.exec(part);
        if (!c) continue;
        const nums = part.replace(c[0], "").trim().split(/\s+/).filter((x) => /^-?[\d.]+px$/.test(x)).map(parseFloat);
        const spread = nums[3] || 0;
        if (spread < 1) continue; // a blurred or offset shadow is depth, not a focus ring
        const colour = rgba(c[0]);
        if (colour[3] <= 0) continue;
        const inset = /\binset\b/.test(part);
        const behind = backdrop(el, grow(inset ? 0 : spread), inset);
        const painted = over(colour, behind);
        marks.push({ kind: `box-shadow${inset ? " inset" : ""} ${spread}px`, width: spread, sides: 4, colour: c[0], ratio: contrast(painted, behind) });
      }
    }
    return marks;
  }

  window.__a11yProbe = function () {
    for (const a of document.getAnimations()) { try { a.finish(); } catch (e) { /* infinite */ } }
    const focused = document.activeElement;
    if (!focused || focused === document.body || focused === document.documentElement) return { none: true };
    if (!ids.has(focused)) ids.set(focused, nextId++);
    let target = focused;
    // The palette's radio inputs are visually hidden: the label drawn right after one is its face.
    if (focused.matches("input.md-option") && focused.nextElementSibling && focused.nextElementSibling.matches("label")) target = focused.nextElementSibling;
    const style = getComputedStyle(target);
    const rect = visibleRect(target);
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    let opacity = 1;
    for (let n = target; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
    const ix = Math.max(0, Math.min(rect.x + rect.w, vw) - Math.max(rect.x, 0));
    const iy = Math.max(0, Math.min(rect.y + rect.h, vh) - Math.max(rect.y, 0));
    const area = rect.w * rect.h;
    const onScreenFraction = area > 0 ? (ix * iy) / area : 0;
    // Is any of it the topmost thing where it is drawn (not covered by a header or an overlay)?
    // A link that wraps is drawn in several line boxes; its bounding box also covers the text
    // around them, so the points sampled are each line box's centre as well.
    let hits = 0;
    if (ix > 0 && iy > 0) {
      const x0 = Math.max(rect.x, 0), y0 = Math.max(rect.y, 0);
      const points = [[0.5, 0.5], [0.15, 0.2], [0.85, 0.2], [0.15, 0.8], [0.85, 0.8]].map(([fx, fy]) => [x0 + ix * fx, y0 + iy * fy]);
      for (const box of target.getClientRects()) points.push([box.left + box.width / 2, box.top + box.height / 2]);
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x, y);
        if (hit && (hit === target || target.contains(hit) || hit === focused || (hit.control && hit.control === focused))) hits++;
      }
    }
    const marks = mark(target, style);
    const problems = [];
    if (style.visibility !== "visible") problems.push(`visibility ${style.visibility}`);
    if (!(opacity > 0.01)) problems.push(`opacity ${opacity.toFixed(2)}`);
    if (!(rect.w >= 1 && rect.h >= 1)) problems.push(`zero-sized/clipped ${rect.w.toFixed(0)}x${rect.h.toFixed(0)}`);
    else if (onScreenFraction < 0.99) problems.push(`off screen (${Math.round(onScreenFraction * 100)}% inside)`);
    else if (hits === 0) problems.push("covered by another element");
    const invisible = problems.length > 0;
    const good = marks.filter((m) => m.ratio >= 3 && m.width >= 2 && m.sides === 4);
    if (!marks.length) problems.push("no focus mark");
    else if (!good.length) {
      const best = marks.reduce((a, b) => (b.ratio > a.ratio ? b : a));
      if (best.ratio < 3) problems.push(`focus mark contrast ${best.ratio.toFixed(2)}:1`);
      if (best.width < 2) problems.push(`focus mark ${best.width}px thin`);
      if (best.sides < 4) problems.push(`focus mark clipped (${best.sides} of 4 sides drawn)`);
    }
    return {
      id: ids.get(focused),
      what: describe(focused) + (target !== focused ? " -> " + describe(target) : ""),
      invisible,
      problems,
      marks: marks.map((m) => `${m.kind} ${m.colour} ${m.ratio.toFixed(2)}:1 ${m.sides}/4 sides`),
    };
  };
})();
