/* Search page: a changed sort order applies at once (the Search button does the same without
   script). No inline handlers: this file is loaded with defer. */
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) {
        select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
      }
    });
  });
})();
