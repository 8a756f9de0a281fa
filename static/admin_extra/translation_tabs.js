// Language tabs hide the versions of a text that are not selected. The
// server names each language with errors at the top of the form; this links
// every marked tab to that summary, so screen readers announce it with the tab.
"use strict";
window.addEventListener("load", function () {
  var tabs = document.querySelectorAll(".ui-tab-has-errors a");
  var ids = [];
  document.querySelectorAll("ul.messagelist li.translation-errors").forEach(function (item, index) {
    item.id = item.id || "translation-errors-" + index;
    ids.push(item.id);
  });
  if (!ids.length) {
    return;
  }
  tabs.forEach(function (tab) {
    tab.setAttribute("aria-describedby", ids.join(" "));
  });
});
