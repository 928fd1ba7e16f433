// What the site adds to Material in the browser (extra_javascript, loaded after Material's own).
(function () {
  // Published anchors are a public API: a moved one is mapped in mkdocs.yml (extra.moved_anchors, put on the page by
  // overrides/main.html); a reader arriving on the old fragment is sent on, on moved pages too (redirects keep it).
  var moves = document.getElementById("moved-anchors");
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && !document.getElementById(id) && JSON.parse(moves.textContent)[moves.dataset.page + "#" + id];
    if (target) location.replace(new URL(moves.dataset.root + target, location.href).href);
  }
  if (moves) follow(), window.addEventListener("hashchange", follow);

  // Keyboard access to Material's CSS-only toggles, without forking its partials: the labels that open the drawer, the
  // search and (in the drawer) the table of contents get a <button> (Tab reaches it, Space and Enter press it,
  // aria-expanded says if its panel is open). Opened from the keyboard, a panel takes focus; Escape closes it, focus back
  // on the button; focus leaving the drawer closes it. Space presses the scheme toggle, as Enter does. site.css hides
  // closed panels, which takes them out of the Tab order.
  var drawer = document.getElementById("__drawer"), search = document.getElementById("__search");
  var toc = document.getElementById("__toc"), query = document.querySelector(".md-search__input");
  var nav = document.querySelector(".md-nav--primary[aria-label]"), buttons = {};
  var names = { __drawer: nav && nav.getAttribute("aria-label"), __search: query && query.getAttribute("aria-label") };
  var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
  if (dialog && names.__search) dialog.setAttribute("aria-label", names.__search); // axe: aria-dialog-name
  var panels = { __drawer: ".md-sidebar--primary", __toc: "#__toc ~ .md-nav" };
  function shown(el) { return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility === "visible"; }
  function close(toggle) { toggle.click(); if (shown(buttons[toggle.id])) buttons[toggle.id].focus(); } // focus: its button
  document.querySelectorAll(".md-header__button[for='__drawer'], .md-header__button[for='__search'], .md-nav--primary .md-nav__link[for='__toc']").forEach(function (label) {
    var id = label.htmlFor, toggle = document.getElementById(id), button = (buttons[id] = document.createElement("button"));
    button.type = "button", (button.className = "site-toggle");
    if (!label.textContent.trim() && names[id]) button.setAttribute("aria-label", names[id]);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button); // the label does not pass on a click on it: it is interactive
    button.addEventListener("click", function (ev) {
      toggle.click(); // as the label does: toggles the checkbox, which fires change
      if (!toggle.checked || ev.detail !== 0) return; // detail 0: Enter or Space, not a pointer
      if (id === "__search") return query.focus({ preventScroll: true });
      var first = [].slice.call(document.querySelectorAll(panels[id] + " :is(a[href], button, [tabindex='0'])")).filter(shown)[0];
      if (first) first.focus({ preventScroll: true });
    });
    toggle.addEventListener("change", function () { button.setAttribute("aria-expanded", String(toggle.checked)); });
    button.setAttribute("aria-expanded", String(toggle.checked));
  });
  document.addEventListener("keydown", function (ev) {
    var el = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === " " && el.matches && el.matches("input.md-option")) { // Material moves on for Enter only
      ev.preventDefault();
      var inputs = [].slice.call(el.form.querySelectorAll("input.md-option")), next = inputs[(inputs.indexOf(el) + 1) % inputs.length];
      next.click(), next.focus(); // checked, it fires change, which Material's palette listens to
    } else if (ev.key === "Escape" && toc && toc.checked && el.closest && el.closest(panels.__toc)) close(toc);
    else if (ev.key === "Escape" && drawer && drawer.checked) close(drawer);
  });
  document.addEventListener("focusin", function ({ target: t }) { // focus leaving the drawer, or its contents, closes it
    if (toc && toc.checked && !t.closest(panels.__toc) && t !== buttons.__toc && shown(buttons.__toc)) toc.click();
    if (drawer && drawer.checked && !t.closest(panels.__drawer) && t !== buttons.__drawer) drawer.click();
  });
  if (!search || !query) return;
  // Search shortcuts (f, s, /): on phones, open the hidden search first. Opened by a tap: focus the query (Material focuses
  // it before it shows, which a hidden input refuses). Closed from the query: focus back on the search button.
  window.addEventListener("keydown", function (ev) {
    var a = document.activeElement, typing = a && (a.isContentEditable || /^(TEXTAREA|SELECT)$/.test(a.tagName) || (a.tagName === "INPUT" && a.type !== "radio"));
    if (search.checked || typing || ev.ctrlKey || ev.metaKey || ev.altKey || ["f", "s", "/"].indexOf(ev.key) < 0 || shown(query)) return;
    ev.preventDefault(), ev.stopPropagation(), search.click(), query.focus(), query.select();
  }, true);
  search.addEventListener("change", function () {
    var a = document.activeElement;
    if (search.checked && a !== query) query.focus({ preventScroll: true });
    else if (!search.checked && (!a || a === document.body || a === query) && shown(buttons.__search)) buttons.__search.focus();
  });
})();
