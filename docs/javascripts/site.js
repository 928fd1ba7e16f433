// What the site adds to Material in the browser (extra_javascript, loaded after Material's own).
(() => {
  // A reader on a moved anchor's old fragment goes on (overrides/main.html: extra.moved_anchors).
  const moves = document.getElementById("moved-anchors");
  function follow() {
    const id = moves && decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    const target = JSON.parse(moves.textContent)[moves.dataset.page + "#" + id];
    if (target) location.replace(moves.dataset.root + target);
  }
  follow();
  addEventListener("hashchange", follow);

  // Material's CSS-only toggles (drawer, search, the drawer's table of contents) get a <button>,
  // aria-expanded. Opened by keyboard, a panel takes focus; Escape closes it, focus on the button.
  const panels = { __drawer: ".md-sidebar--primary", __toc: "#__toc ~ .md-nav" };
  const named = { __drawer: ".md-nav--primary", __search: ".md-search__input" }; // icons: by these
  const labels = ".md-header__button:is([for=__drawer], [for=__search]), .md-nav__link[for=__toc]";
  const nameOf = (selector) => document.querySelector(selector)?.getAttribute("aria-label");
  const buttonOf = (toggle) => document.querySelector(`label[for=${toggle.id}] > .site-toggle`);
  const shown = (el) => el.getClientRects().length && getComputedStyle(el).visibility === "visible";
  for (const label of document.querySelectorAll(labels)) {
    const toggle = label.control;
    const button = document.createElement("button");
    Object.assign(button, { type: "button", className: "site-toggle" });
    if (named[toggle.id]) button.setAttribute("aria-label", nameOf(named[toggle.id]));
    button.append(...label.childNodes);
    label.append(button); // a click on it is the button's: the label passes none on
    const expanded = () => button.setAttribute("aria-expanded", toggle.checked);
    expanded();
    toggle.addEventListener("change", expanded);
    button.addEventListener("click", (ev) => {
      toggle.click(); // as the label does: it toggles the checkbox, which fires change
      if (!toggle.checked || ev.detail !== 0 || !panels[toggle.id]) return; // 0: not a pointer
      const inside = `${panels[toggle.id]} :is(a[href], button, [tabindex="0"])`;
      [...document.querySelectorAll(inside)].find(shown)?.focus({ preventScroll: true });
    });
  }
  document.addEventListener("keydown", (ev) => {
    const el = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === " " && el.matches("input.md-option")) {
      ev.preventDefault(); // Material moves on to the next scheme for Enter only: press that
      el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    } else if (ev.key === "Escape") {
      const inToc = el.closest("#__toc:checked ~ .md-nav");
      const open = document.getElementById(inToc ? "__toc" : "__drawer");
      if (!open.checked) return;
      open.click();
      buttonOf(open).focus();
    }
  });
  // Focus leaving the open drawer closes it: behind the drawer's overlay, it would not be seen.
  const drawer = document.getElementById("__drawer");
  document.addEventListener("focusin", (ev) => {
    const inDrawer = ev.target.closest?.(".md-sidebar--primary, label[for=__drawer]");
    if (drawer?.checked && !inDrawer) drawer.click();
  });
  // Search: the query takes focus once shown (Material focuses it before, when a hidden input
  // refuses it); closed from the query, focus goes back on the search button.
  const query = document.querySelector(".md-search__input");
  document.getElementById("__search")?.addEventListener("change", ({ target: search }) => {
    if (search.checked) query.focus({ preventScroll: true });
    else if ([document.body, query].includes(document.activeElement)) buttonOf(search)?.focus();
  });
  const dialog = document.querySelector(".md-search[role=dialog]");
  dialog?.setAttribute("aria-label", nameOf(".md-search__input")); // axe: aria-dialog-name
})();
