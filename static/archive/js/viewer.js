/*
 * Page viewer of the memo page: one page image at a time, page navigation, zoom in / out /
 * fit width, operable from the keyboard. Each page is a IIIF level 0 image service that
 * offers fixed sizes (listed in data-sizes); when a page is shown larger than the image
 * loaded, the next size up is fetched and swapped in once it has loaded.
 *
 * Without this script every page is shown, one under the other, at a moderate size.
 */
(function () {
  "use strict";

  var ZOOMS = [1, 1.5, 2, 3, 4];

  function parseSizes(text) {
    return (text || "").trim().split(/\s+/).filter(Boolean).map(function (pair) {
      var parts = pair.split(",");
      return { width: parseInt(parts[0], 10), height: parseInt(parts[1], 10) };
    }).filter(function (size) {
      return size.width > 0 && size.height > 0;
    }).sort(function (a, b) { return a.width - b.width; });
  }

  function imageUrl(service, size) {
    return service + "/full/" + size.width + "," + size.height + "/0/default.jpg";
  }

  function Viewer(root) {
    this.root = root;
    this.stage = root.querySelector("[data-viewer-stage]");
    this.toolbar = root.querySelector("[data-viewer-toolbar]");
    this.select = root.querySelector("[data-viewer-goto]");
    this.zoomOutput = root.querySelector("[data-viewer-zoom]");
    this.status = root.querySelector("[data-viewer-status]");
    this.pages = Array.prototype.slice.call(root.querySelectorAll(".viewer-page"));
    this.buttons = {};
    var self = this;
    Array.prototype.forEach.call(root.querySelectorAll("[data-viewer-action]"), function (button) {
      self.buttons[button.getAttribute("data-viewer-action")] = button;
    });
    this.index = 0;
    this.zoom = 0;
    this.drag = null;
  }

  Viewer.prototype.start = function () {
    var self = this;
    if (!this.stage || !this.pages.length) {
      return;
    }
    this.root.classList.add("is-enhanced");
    if (this.toolbar) {
      this.toolbar.hidden = false;
    }
    var help = this.root.querySelector("[data-viewer-help]");
    if (help) {
      help.hidden = false;
    }
    this.pages.forEach(function (page) {
      var img = page.querySelector("img");
      page.sizes = parseSizes(page.getAttribute("data-sizes"));
      page.service = page.getAttribute("data-service");
      img.setAttribute("data-loaded-width", img.getAttribute("width"));
    });

    this.on("prev", function () { self.go(self.index - 1); });
    this.on("next", function () { self.go(self.index + 1); });
    this.on("zoom-in", function () { self.setZoom(self.zoom + 1); });
    this.on("zoom-out", function () { self.setZoom(self.zoom - 1); });
    this.on("fit", function () { self.setZoom(0); });
    if (this.select) {
      this.select.addEventListener("change", function () {
        self.go(parseInt(self.select.value, 10));
      });
    }
    this.root.addEventListener("keydown", function (event) { self.onKey(event); });
    this.stage.addEventListener("pointerdown", function (event) { self.onPointerDown(event); });
    this.stage.addEventListener("pointermove", function (event) { self.onPointerMove(event); });
    this.stage.addEventListener("pointerup", function (event) { self.onPointerUp(event); });
    this.stage.addEventListener("pointercancel", function (event) { self.onPointerUp(event); });

    var pending = false;
    window.addEventListener("resize", function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(function () {
          pending = false;
          self.layout(false);
        });
      }
    });
    window.addEventListener("hashchange", function () {
      var found = self.fromHash();
      if (found !== null) {
        self.go(found);
        self.root.scrollIntoView({ block: "start" });
      }
    });
    var initial = this.fromHash();
    this.show(initial === null ? 0 : initial, false);
  };

  Viewer.prototype.on = function (action, handler) {
    var button = this.buttons[action];
    if (button) {
      button.addEventListener("click", handler);
    }
  };

  Viewer.prototype.fromHash = function () {
    var hash = window.location.hash.slice(1);
    for (var i = 0; i < this.pages.length; i++) {
      if (hash && this.pages[i].id === hash) {
        return i;
      }
    }
    return null;
  };

  Viewer.prototype.go = function (index) {
    if (index < 0 || index >= this.pages.length || index === this.index) {
      return;
    }
    this.show(index, true);
  };

  Viewer.prototype.show = function (index, announce) {
    this.index = index;
    this.pages.forEach(function (page, i) {
      page.hidden = i !== index;
    });
    if (this.select) {
      this.select.value = String(index);
    }
    this.setDisabled("prev", index === 0);
    this.setDisabled("next", index === this.pages.length - 1);
    this.layout(false);
    this.stage.scrollTop = 0;
    this.stage.scrollLeft = 0;
    var number = this.pages[index].getAttribute("data-number");
    if (announce) {
      this.say("Page " + number + " of " + this.pages.length);
    }
    this.root.dispatchEvent(new CustomEvent("archive:pagechange", {
      bubbles: true,
      detail: { number: parseInt(number, 10), index: index },
    }));
  };

  Viewer.prototype.setDisabled = function (action, disabled) {
    var button = this.buttons[action];
    if (!button) {
      return;
    }
    // A focused button that becomes disabled would drop focus to the page: move it first.
    if (disabled && document.activeElement === button) {
      this.stage.focus();
    }
    button.disabled = disabled;
  };

  Viewer.prototype.setZoom = function (level) {
    level = Math.max(0, Math.min(ZOOMS.length - 1, level));
    if (level === this.zoom) {
      return;
    }
    this.zoom = level;
    this.layout(true);
    this.say("Zoom " + Math.round(ZOOMS[level] * 100) + "%");
  };

  Viewer.prototype.fitWidth = function () {
    var style = window.getComputedStyle(this.stage);
    var padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return Math.max(100, this.stage.clientWidth - padding);
  };

  // Size the shown page for the zoom level, keeping the point at the centre where it was.
  Viewer.prototype.layout = function (keepCentre) {
    var stage = this.stage;
    var page = this.pages[this.index];
    var img = page.querySelector("img");
    var centreX = (stage.scrollLeft + stage.clientWidth / 2) / Math.max(stage.scrollWidth, 1);
    var centreY = (stage.scrollTop + stage.clientHeight / 2) / Math.max(stage.scrollHeight, 1);
    var width = Math.round(this.fitWidth() * ZOOMS[this.zoom]);
    img.style.width = width + "px";
    if (keepCentre) {
      stage.scrollLeft = centreX * stage.scrollWidth - stage.clientWidth / 2;
      stage.scrollTop = centreY * stage.scrollHeight - stage.clientHeight / 2;
    }
    this.root.classList.toggle("is-zoomed", this.zoom > 0);
    this.setDisabled("zoom-out", this.zoom === 0);
    this.setDisabled("zoom-in", this.zoom === ZOOMS.length - 1);
    this.setDisabled("fit", this.zoom === 0);
    if (this.zoomOutput) {
      this.zoomOutput.textContent = Math.round(ZOOMS[this.zoom] * 100) + "%";
    }
    this.sharpen(page, img, width);
  };

  // Load the smallest offered size that is sharp at this width (or the largest there is).
  Viewer.prototype.sharpen = function (page, img, width) {
    var needed = width * (window.devicePixelRatio || 1);
    var sizes = page.sizes;
    if (!sizes.length) {
      return;
    }
    var choice = sizes[sizes.length - 1];
    for (var i = 0; i < sizes.length; i++) {
      if (sizes[i].width >= needed) {
        choice = sizes[i];
        break;
      }
    }
    var loaded = parseInt(img.getAttribute("data-loaded-width"), 10) || 0;
    var wanted = parseInt(img.getAttribute("data-wanted-width"), 10) || 0;
    if (choice.width <= loaded || choice.width <= wanted) {
      return;
    }
    img.setAttribute("data-wanted-width", String(choice.width));
    page.classList.add("is-loading");
    var url = imageUrl(page.service, choice);
    var larger = new Image();
    larger.onload = function () {
      if ((parseInt(img.getAttribute("data-loaded-width"), 10) || 0) < choice.width) {
        img.src = url;
        img.setAttribute("data-loaded-width", String(choice.width));
      }
      page.classList.remove("is-loading");
    };
    larger.onerror = function () {
      img.removeAttribute("data-wanted-width");
      page.classList.remove("is-loading");
    };
    larger.src = url;
  };

  Viewer.prototype.say = function (message) {
    if (this.status) {
      this.status.textContent = message;
    }
  };

  Viewer.prototype.onKey = function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target && (target.tagName === "SELECT" || target.tagName === "INPUT")) {
      return;
    }
    var key = event.key;
    var handled = true;
    if (key === "+" || key === "=") {
      this.setZoom(this.zoom + 1);
    } else if (key === "-" || key === "_" || key === "\u2212") {
      this.setZoom(this.zoom - 1);
    } else if (key === "0") {
      this.setZoom(0);
    } else if ((key === "ArrowLeft" || key === "ArrowRight") && !this.pansSideways(target)) {
      this.go(this.index + (key === "ArrowLeft" ? -1 : 1));
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
    }
  };

  // On the page itself, left/right scroll a page wider than the view instead of turning it.
  Viewer.prototype.pansSideways = function (target) {
    return target === this.stage && this.stage.scrollWidth > this.stage.clientWidth + 1;
  };

  Viewer.prototype.onPointerDown = function (event) {
    var stage = this.stage;
    var scrollable = stage.scrollWidth > stage.clientWidth + 1 ||
      stage.scrollHeight > stage.clientHeight + 1;
    if (event.button !== 0 || event.pointerType === "touch" || !scrollable) {
      return;
    }
    this.drag = {
      id: event.pointerId, x: event.clientX, y: event.clientY,
      left: stage.scrollLeft, top: stage.scrollTop,
    };
    stage.setPointerCapture(event.pointerId);
    this.root.classList.add("is-dragging");
    event.preventDefault();
  };

  Viewer.prototype.onPointerMove = function (event) {
    if (!this.drag || event.pointerId !== this.drag.id) {
      return;
    }
    this.stage.scrollLeft = this.drag.left - (event.clientX - this.drag.x);
    this.stage.scrollTop = this.drag.top - (event.clientY - this.drag.y);
  };

  Viewer.prototype.onPointerUp = function (event) {
    if (!this.drag || event.pointerId !== this.drag.id) {
      return;
    }
    this.drag = null;
    this.root.classList.remove("is-dragging");
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-page-viewer]"), function (root) {
      if (!root.viewer) {
        root.viewer = new Viewer(root);
        root.viewer.start();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
