/* The memo page: copy buttons of the Cite box, the Print button, redaction tooltips that
   Escape dismisses, notes set beside their passages, and (for curators) a note on a selection.
   Everything works without this script; it only adds comfort. No inline handlers: loaded as a
   file with defer. */
(function () {
  "use strict";

  function each(selector, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  /* Copy buttons: data-copy names the element whose text (or value) is copied. */
  function setupCopy() {
    var status = document.querySelector("[data-copy-status]");
    each("[data-copy]", function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) {
          return;
        }
        var text = "value" in source && source.tagName === "INPUT" ? source.value : source.textContent;
        copyText(text, source).then(function () {
          button.textContent = "Copied";
          if (status) {
            status.textContent = "Copied to the clipboard.";
          }
          window.setTimeout(function () {
            button.textContent = "Copy";
          }, 2000);
        }, function () {
          if (status) {
            status.textContent = "Could not copy: select the text and copy it by hand.";
          }
        });
      });
    });
  }

  function copyText(text, source) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      document.body.removeChild(area);
      if (source && source.focus) {
        source.focus();
      }
      (ok ? resolve : reject)();
    });
  }

  /* On a phone the summary shows a few lines (CSS cuts it), with a button for the rest, so
     that the text itself starts within the first screen. */
  function setupSummary() {
    each("[data-summary]", function (section) {
      var text = section.querySelector("p");
      var button = section.querySelector("[data-summary-more]");
      if (!text || !button) {
        return;
      }
      section.classList.add("is-clamped");
      if (text.scrollHeight <= text.clientHeight + 2) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var open = section.classList.toggle("is-open");
        section.classList.toggle("is-clamped", !open);
        button.setAttribute("aria-expanded", open ? "true" : "false");
        button.textContent = open ? "Show less" : "Show the whole summary";
      });
    });
  }

  function setupPrint() {
    /* A printed memo carries all its details, folded away on the screen. */
    window.addEventListener("beforeprint", function () {
      each(".memo-details", function (details) {
        details.open = true;
      });
    });
    each("[data-print]", function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  /* Redaction tooltips are drawn by CSS on hover and focus; Escape hides the one shown until
     the pointer or focus leaves it (WCAG 1.4.13: dismissible). */
  function setupTooltips() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      each(".redaction:hover, .redaction:focus", function (node) {
        node.classList.add("tip-dismissed");
      });
    });
    each(".redaction", function (node) {
      node.addEventListener("blur", function () {
        node.classList.remove("tip-dismissed");
      });
      node.addEventListener("mouseleave", function () {
        if (document.activeElement !== node) {
          node.classList.remove("tip-dismissed");
        }
      });
    });
  }

  /* Notes beside their passages: on a wide screen each note is moved down to the height of its
     passage (never over the note before it); hovering either lights up both. */
  function setupNotes() {
    var list = document.querySelector("[data-note-list]");
    var column = document.querySelector("[data-notes]");
    if (!list || !column) {
      return;
    }
    var notes = Array.prototype.slice.call(list.querySelectorAll("li[data-anchor]"));

    function anchorsOf(note) {
      var number = note.getAttribute("data-note");
      return document.querySelectorAll('.note-anchor[data-note="' + number + '"]');
    }

    function place() {
      var beside = window.getComputedStyle(column).getPropertyValue("--notes-beside").trim() === "1";
      var bottom = 0;
      notes.forEach(function (note) {
        note.style.marginTop = "";
      });
      if (!beside) {
        return;
      }
      var listTop = list.getBoundingClientRect().top;
      notes.forEach(function (note) {
        var anchors = anchorsOf(note);
        var top = note.getBoundingClientRect().top - listTop;
        if (anchors.length) {
          var wanted = anchors[0].getBoundingClientRect().top - listTop;
          var target = Math.max(wanted, bottom);
          if (target > top) {
            note.style.marginTop = target - top + "px";
          }
        }
        bottom = note.getBoundingClientRect().bottom - listTop + 8;
      });
    }

    notes.forEach(function (note) {
      var anchors = anchorsOf(note);
      function on() {
        note.classList.add("note-active");
        Array.prototype.forEach.call(anchors, function (a) { a.classList.add("note-active"); });
      }
      function off() {
        note.classList.remove("note-active");
        Array.prototype.forEach.call(anchors, function (a) { a.classList.remove("note-active"); });
      }
      note.addEventListener("mouseenter", on);
      note.addEventListener("mouseleave", off);
      note.addEventListener("focusin", on);
      note.addEventListener("focusout", off);
      Array.prototype.forEach.call(anchors, function (a) {
        a.addEventListener("mouseenter", on);
        a.addEventListener("mouseleave", off);
      });
    });

    place();
    window.addEventListener("resize", place);
    window.addEventListener("load", place);
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(place);
    }
  }

  /* Curators: a passage selected in the text gives the "Add a note" link its offsets. The text
     element holds exactly the memo's text (from data-offset on), so offsets counted in it are
     offsets in the memo. */
  function setupNoteOnSelection() {
    var link = document.querySelector("[data-note-new]");
    var text = document.querySelector("[data-memo-text]");
    if (!link || !text) {
      return;
    }
    var base = link.getAttribute("data-base");
    var hint = document.querySelector("[data-note-hint]");
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
        return;
      }
      var range = selection.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) {
        return;
      }
      var before = document.createRange();
      before.setStart(text, 0);
      before.setEnd(range.startContainer, range.startOffset);
      // The page leaves out the text's leading blank lines: data-offset says how many.
      var start = before.toString().length + (parseInt(text.getAttribute("data-offset"), 10) || 0);
      var end = start + range.toString().length;
      if (end > start) {
        link.href = base + "?start=" + start + "&end=" + end;
        link.textContent = "Add a note on the selected passage";
        if (hint) {
          hint.textContent = "(" + (end - start) + " characters)";
        }
      }
    });
  }

  function start() {
    setupCopy();
    setupPrint();
    setupSummary();
    setupTooltips();
    setupNotes();
    setupNoteOnSelection();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
