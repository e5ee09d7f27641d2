/* Next/previous search hit on the memo page.
   The page marks the words a search matched as <mark class="hit"> inside .memo-text and
   includes templates/archive/snippets/hit_nav.html: buttons #hit-prev and #hit-next and a
   counter #hit-count ("3 of 12"). The buttons (or the keys n / p, when focus is not in a
   field) move to the next or previous hit, wrapping around; the current hit is scrolled into
   view and gets the class "hit-current"; it then sends an "archive:hit" event (its start in
   the text, data-start) and listens for "archive:showhit" to make a hit current, so that the
   page viewer shows it on the page image. Safe to load twice. */
(function () {
  "use strict";
  if (window.archiveHitsLoaded) {
    return;
  }
  window.archiveHitsLoaded = true;

  function start() {
    var hits = Array.prototype.slice.call(document.querySelectorAll(".memo-text mark.hit"));
    var nav = document.querySelector("[data-hit-nav]");
    var prev = document.getElementById("hit-prev");
    var next = document.getElementById("hit-next");
    var counter = document.getElementById("hit-count");
    if (!prev || !next || !counter) {
      return;
    }
    if (!hits.length) {
      counter.textContent = "No matches in the text";
      prev.disabled = true;
      next.disabled = true;
      return;
    }
    if (nav) {
      nav.hidden = false;
    }
    var current = -1;

    function show(index) {
      if (current >= 0) {
        hits[current].classList.remove("hit-current");
        hits[current].removeAttribute("aria-current");
      }
      current = (index + hits.length) % hits.length;
      var hit = hits[current];
      hit.classList.add("hit-current");
      hit.setAttribute("aria-current", "true");
      if (!hit.hasAttribute("tabindex")) {
        hit.setAttribute("tabindex", "-1");
      }
      hit.scrollIntoView({ block: "center", behavior: "smooth" });
      counter.textContent = current + 1 + " of " + hits.length;
      // The page viewer (page_hits.js) shows the same hit on the page image.
      hit.dispatchEvent(new CustomEvent("archive:hit", {
        bubbles: true,
        detail: { start: parseInt(hit.getAttribute("data-start"), 10) },
      }));
    }

    // A hit chosen elsewhere (a box on the page image, a click on the hit): make it current.
    document.addEventListener("archive:showhit", function (event) {
      for (var i = 0; i < hits.length; i++) {
        if (parseInt(hits[i].getAttribute("data-start"), 10) === event.detail.start) {
          show(i);
          return;
        }
      }
    });
    Array.prototype.forEach.call(hits, function (hit, index) {
      hit.addEventListener("click", function () {
        if (!window.getSelection || String(window.getSelection()) === "") {
          show(index);
        }
      });
    });

    counter.textContent = hits.length + " match" + (hits.length === 1 ? "" : "es");
    prev.addEventListener("click", function () {
      show(current < 0 ? hits.length - 1 : current - 1);
    });
    next.addEventListener("click", function () {
      show(current + 1);
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (typing || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      if (event.key === "n") {
        event.preventDefault();
        show(current + 1);
      } else if (event.key === "p") {
        event.preventDefault();
        show(current < 0 ? hits.length - 1 : current - 1);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
