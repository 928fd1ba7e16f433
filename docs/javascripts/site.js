// What the site adds to Material in the browser (extra_javascript, loaded after Material's own).
(function () {
  // Published anchors are a public API: when one moves, mkdocs.yml maps it under
  // extra.moved_anchors and overrides/main.html puts the map on the page (only while there is
  // one); a reader arriving on the old fragment is sent on. Moved pages are redirected by
  // mkdocs-redirects, which keeps the fragment, so this map serves them too.
  var moves = document.getElementById("moved-anchors");
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && !document.getElementById(id) && JSON.parse(moves.textContent)[moves.dataset.page + "#" + id];
    if (target) location.replace(new URL(moves.dataset.root + target, location.href).href);
  }
  if (moves) {
    follow();
    window.addEventListener("hashchange", follow);
  }

  // Print: each link in the text gets its absolute target, resolved against the canonical URL
  // (never the host that served the page), for site.css to print after the link.
  var canonical = document.querySelector('link[rel="canonical"]');
  function printTargets() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!/^(javascript|data):/i.test(href)) a.setAttribute("data-print-href", new URL(href, canonical ? canonical.href : location.href).href);
    });
  }
  printTargets();
  window.addEventListener("beforeprint", printTargets);

  // Keyboard access to what Material builds from CSS-only checkbox toggles, without forking its
  // partials. The labels that open the drawer, the search and (in the drawer) a page's table of
  // contents get a real <button>: Tab reaches it, Space and Enter press it, aria-expanded says
  // whether its panel is open. Opening one from the keyboard moves focus into the panel; Escape
  // closes it and returns focus; focus leaving the drawer closes it. Space presses the scheme
  // toggle, as Enter does. site.css hides closed panels, which takes them out of the Tab order.
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var toc = document.getElementById("__toc");
  var query = document.querySelector(".md-search__input");
  var nav = document.querySelector(".md-nav--primary[aria-label]");
  var names = { __drawer: nav && nav.getAttribute("aria-label"), __search: query && query.getAttribute("aria-label") };
  var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
  if (dialog && names.__search) dialog.setAttribute("aria-label", names.__search); // axe: aria-dialog-name
  var buttons = {};
  function shown(el) {
    return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility === "visible";
  }
  function focusInto(id) { // the first control in what a toggle opened
    if (id === "__search") return query && query.focus({ preventScroll: true });
    var panel = document.querySelector(id === "__drawer" ? ".md-sidebar--primary" : "#__toc ~ .md-nav");
    var first = panel && [].slice.call(panel.querySelectorAll("a[href], button, [tabindex='0']")).filter(shown)[0];
    if (first) first.focus({ preventScroll: true });
  }
  document.querySelectorAll(".md-header__button[for='__drawer'], .md-header__button[for='__search'], .md-nav--primary .md-nav__link[for='__toc']").forEach(function (label) {
    var id = label.htmlFor, toggle = document.getElementById(id), button = document.createElement("button");
    button.type = "button";
    button.className = "site-toggle";
    if (!label.textContent.trim() && names[id]) button.setAttribute("aria-label", names[id]);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button); // a click on it is not passed on by the label: it is interactive
    button.addEventListener("click", function (ev) {
      toggle.click(); // what the label does: toggles the checkbox, which fires change
      if (toggle.checked && ev.detail === 0) focusInto(id); // detail 0: Enter or Space, not a pointer
    });
    function expanded() { button.setAttribute("aria-expanded", String(toggle.checked)); }
    toggle.addEventListener("change", expanded);
    expanded();
    buttons[id] = button;
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var el = ev.target, active = document.activeElement;
    if (ev.key === " " && el.matches && el.matches("input.md-option")) {
      ev.preventDefault(); // Material moves to the next scheme on Enter only
      var inputs = [].slice.call(el.form.querySelectorAll("input.md-option"));
      var next = inputs[(inputs.indexOf(el) + 1) % inputs.length];
      next.click(); // checks it and fires change, which Material's palette listens to
      next.focus();
    } else if (ev.key === "Escape" && toc && toc.checked && active && active.closest("#__toc ~ .md-nav")) {
      toc.click();
      if (shown(buttons.__toc)) buttons.__toc.focus();
    } else if (ev.key === "Escape" && drawer && drawer.checked) {
      drawer.click();
      if (shown(buttons.__drawer)) buttons.__drawer.focus();
    }
  });
  // Focus leaving the drawer, or the table of contents inside it, closes it.
  document.addEventListener("focusin", function (ev) {
    var t = ev.target;
    if (!t.closest) return;
    if (toc && toc.checked && !t.closest("#__toc ~ .md-nav") && t !== buttons.__toc && shown(buttons.__toc)) toc.click();
    if (drawer && drawer.checked && !t.closest(".md-sidebar--primary") && t !== buttons.__drawer) drawer.click();
  });
  if (!search || !query) return;
  // Search shortcuts (f, s, /) focus the query; on phones the closed search is hidden, so open
  // it first, then do what Material does. (Material decides its mode before this could.)
  window.addEventListener("keydown", function (ev) {
    var a = document.activeElement;
    if (search.checked || ev.ctrlKey || ev.metaKey || ev.altKey || ["f", "s", "/"].indexOf(ev.key) < 0 || shown(query)) return;
    if (a && (a.isContentEditable || /^(TEXTAREA|SELECT)$/.test(a.tagName) || (a.tagName === "INPUT" && a.type !== "radio"))) return;
    ev.preventDefault();
    ev.stopPropagation();
    search.click();
    query.focus();
    query.select();
  }, true);
  // Opened by a tap: focus the query (Material focuses it before the search is shown, which a
  // hidden input refuses). Closed from the query (Escape): focus back on the search button.
  search.addEventListener("change", function () {
    var a = document.activeElement;
    if (search.checked && a !== query) query.focus({ preventScroll: true });
    else if (!search.checked && (!a || a === document.body || a === query) && shown(buttons.__search)) buttons.__search.focus();
  });
})();
