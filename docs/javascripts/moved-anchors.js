// Published anchors are a public API. When one moves, mkdocs.yml maps it under extra.moved_anchors
// ("page/#old": "page/#new"), and this sends a reader who arrives on the old one to its new place.
// Pages themselves are redirected by mkdocs-redirects, which keeps the fragment, so a link to a
// moved anchor on a moved page arrives here on the new page and is mapped by the same table.
(function () {
  var data = document.getElementById("moved-anchors");
  if (!data) return;
  var moved = JSON.parse(data.textContent);
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    var target = moved[data.dataset.page + "#" + id];
    if (target) location.replace(new URL(data.dataset.root + target, location.href).href);
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
