/*
 * The text and the page images follow each other (templates/archive/snippets/page_viewer.html,
 * archive/pages/pagehits.py):
 * - arriving from a search, the viewer opens at the first page with a hit; each hit's boxes
 *   (links .page-hit, placed in percent of the image) are drawn on it;
 * - a hit made current in the text (hits.js: n / p, a click) turns to its page and marks its
 *   box; a box followed on the image marks its hit in the text;
 * - a passage selected in the text is outlined on its page; a click on a word of the image
 *   selects that word in the text. Word positions come from the page's words.json.
 * Needs viewer.js (loaded first); without either script the boxes are plain links.
 */
(function () {
  "use strict";

  function intAttr(node, name) {
    var value = parseInt(node.getAttribute(name), 10);
    return isNaN(value) ? null : value;
  }

  function Linker(root, text) {
    this.root = root;
    this.viewer = root.viewer;
    this.text = text;
    this.stage = root.querySelector("[data-viewer-stage]");
    this.pages = Array.prototype.slice.call(root.querySelectorAll(".viewer-page"));
    this.words = {};
  }

  Linker.prototype.start = function () {
    var self = this;
    var boxes = this.root.querySelectorAll(".page-hit");
    var atPage = /^#scan-page-/.test(window.location.hash);
    if (boxes.length && !atPage) {
      this.viewer.show(this.pageIndex(boxes[0]), false);
    }
    document.addEventListener("archive:hit", function (event) {
      self.showBox(event.detail.start);
    });
    Array.prototype.forEach.call(boxes, function (box) {
      box.addEventListener("click", function (event) {
        var start = intAttr(box, "data-start");
        if (self.text && self.text.querySelector('mark.hit[data-start="' + start + '"]')) {
          event.preventDefault();
          document.dispatchEvent(new CustomEvent("archive:showhit", { detail: { start: start } }));
        }
      });
    });
    if (this.text) {
      document.addEventListener("selectionchange", function () { self.onSelection(); });
    }
    // A zoomed page is dragged with the pointer captured by the frame: a click is told from a
    // drag by how far the pointer went, and the word is found from the point on the image.
    this.stage.addEventListener("pointerdown", function (event) {
      self.down = { x: event.clientX, y: event.clientY };
    });
    this.stage.addEventListener("click", function (event) { self.onImageClick(event); });
  };

  Linker.prototype.pageIndex = function (node) {
    var page = node.closest(".viewer-page");
    return this.pages.indexOf(page);
  };

  // Mark the box of the hit starting at `start`, turn to its page and bring it into view.
  Linker.prototype.showBox = function (start) {
    var current = this.root.querySelectorAll(".page-hit.is-current");
    Array.prototype.forEach.call(current, function (box) { box.classList.remove("is-current"); });
    var box = this.root.querySelector('.page-hit[data-start="' + start + '"]');
    if (!box) {
      return;
    }
    box.classList.add("is-current");
    this.viewer.go(this.pageIndex(box));
    this.reveal(box);
  };

  // Scroll the page frame (not the window) so the box stands in view.
  Linker.prototype.reveal = function (node) {
    var frame = this.stage.getBoundingClientRect();
    var rect = node.getBoundingClientRect();
    if (rect.top < frame.top || rect.bottom > frame.bottom) {
      this.stage.scrollTop += rect.top - frame.top - frame.height / 3;
    }
    if (rect.left < frame.left || rect.right > frame.right) {
      this.stage.scrollLeft += rect.left - frame.left - frame.width / 3;
    }
  };

  Linker.prototype.offsetOf = function () {
    return intAttr(this.text, "data-offset") || 0;
  };

  // The page whose span of the text holds the offset.
  Linker.prototype.pageAt = function (offset) {
    for (var i = 0; i < this.pages.length; i++) {
      var start = intAttr(this.pages[i], "data-text-start");
      var end = intAttr(this.pages[i], "data-text-end");
      if (start !== null && start <= offset && offset < Math.max(end, start + 1)) {
        return i;
      }
    }
    return -1;
  };

  Linker.prototype.loadWords = function (index, done) {
    var page = this.pages[index];
    var url = page && page.getAttribute("data-words");
    if (!url) {
      return;
    }
    if (this.words[url]) {
      done(this.words[url]);
      return;
    }
    var self = this;
    fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && Array.isArray(data.words)) {
        self.words[url] = data;
        page.querySelector("img").setAttribute("data-words-ready", "");
        done(data);
      }
    }).catch(function () {});
  };

  // A passage selected in the text: outline its words on the page that holds it.
  Linker.prototype.onSelection = function () {
    var selection = window.getSelection();
    if (!selection || !selection.rangeCount || selection.isCollapsed) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!this.text.contains(range.startContainer) || !this.text.contains(range.endContainer)) {
      return;
    }
    var before = document.createRange();
    before.setStart(this.text, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var start = before.toString().length + this.offsetOf();
    var end = start + range.toString().length;
    var index = this.pageAt(start);
    if (index < 0) {
      return;
    }
    var self = this;
    clearTimeout(this.pending);
    this.pending = setTimeout(function () {
      self.loadWords(index, function (data) { self.outline(index, data, start, end); });
    }, 150);
  };

  Linker.prototype.outline = function (index, data, start, end) {
    Array.prototype.forEach.call(this.root.querySelectorAll(".page-selection"), function (layer) {
      layer.remove();
    });
    var page = this.pages[index];
    var layer = document.createElement("div");
    layer.className = "page-selection";
    layer.setAttribute("aria-hidden", "true");
    var words = data.words;
    var first = null;
    for (var i = 0; i + 5 < words.length; i += 6) {
      if (words[i] < end && words[i + 1] > start) {
        var span = document.createElement("span");
        span.style.left = (100 * words[i + 2] / data.width) + "%";
        span.style.top = (100 * words[i + 3] / data.height) + "%";
        span.style.width = (100 * words[i + 4] / data.width) + "%";
        span.style.height = (100 * words[i + 5] / data.height) + "%";
        layer.appendChild(span);
        first = first || span;
      }
    }
    if (!first) {
      return;
    }
    page.querySelector(".viewer-canvas").appendChild(layer);
    this.viewer.go(index);
    this.reveal(first);
  };

  // A click on a word of the image: select that word in the text and bring it into view.
  Linker.prototype.onImageClick = function (event) {
    var down = this.down;
    if (!this.text || event.target.closest(".page-hit") ||
        (down && Math.abs(event.clientX - down.x) + Math.abs(event.clientY - down.y) > 6)) {
      return;
    }
    var index = this.viewer.index;
    var img = this.pages[index].querySelector("img");
    var rect = img.getBoundingClientRect();
    var fx = (event.clientX - rect.left) / rect.width;
    var fy = (event.clientY - rect.top) / rect.height;
    if (fx < 0 || fx > 1 || fy < 0 || fy > 1) {
      return;
    }
    var self = this;
    this.loadWords(index, function (data) {
      var x = fx * data.width;
      var y = fy * data.height;
      var words = data.words;
      for (var i = 0; i + 5 < words.length; i += 6) {
        if (x >= words[i + 2] && x < words[i + 2] + words[i + 4] &&
            y >= words[i + 3] && y < words[i + 3] + words[i + 5]) {
          self.selectInText(words[i], words[i + 1]);
          return;
        }
      }
    });
  };

  Linker.prototype.selectInText = function (start, end) {
    var offset = this.offsetOf();
    var length = this.text.textContent.length;
    var status = this.root.querySelector("[data-viewer-status]");
    if (start < offset || end > offset + length) {
      if (status) {
        status.textContent = "That word is in another part of the text.";
      }
      return;
    }
    var range = document.createRange();
    var walker = document.createTreeWalker(this.text, NodeFilter.SHOW_TEXT);
    var position = offset;
    var node;
    var started = false;
    while ((node = walker.nextNode())) {
      var size = node.nodeValue.length;
      if (!started && start < position + size) {
        range.setStart(node, start - position);
        started = true;
      }
      if (started && end <= position + size) {
        range.setEnd(node, end - position);
        break;
      }
      position += size;
    }
    if (!started) {
      return;
    }
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var element = range.startContainer.parentElement;
    if (element) {
      element.scrollIntoView({ block: "center" });
    }
    if (status) {
      status.textContent = "Selected “" + range.toString() + "” in the text.";
    }
  };

  function init() {
    var text = document.querySelector("[data-memo-text]");
    Array.prototype.forEach.call(document.querySelectorAll("[data-page-viewer]"), function (root) {
      if (root.viewer && !root.linker) {
        root.linker = new Linker(root, text);
        root.linker.start();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
