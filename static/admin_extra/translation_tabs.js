// Language tabs hide the versions of a text that are not selected. The
// server names each language with errors at the top of the page; this links
// every marked tab to that summary, so screen readers announce it with the tab.
"use strict";
(function () {
  function describeTabs() {
    var ids = [];
    document.querySelectorAll("ul.messagelist li.translation-errors").forEach(function (item, index) {
      item.id = item.id || "translation-errors-" + index;
      ids.push(item.id);
    });
    if (!ids.length) {
      return;
    }
    document.querySelectorAll(".ui-tab-has-errors[role=tab]").forEach(function (tab) {
      tab.setAttribute("aria-describedby", ids.join(" "));
    });
  }
  // The tabs are built in a jQuery ready handler registered before this one
  // (this file comes after modeltranslation's); jQuery runs them in order.
  var jq = window.jQuery || (window.django && window.django.jQuery);
  if (jq) {
    jq(describeTabs);
  } else {
    window.addEventListener("load", describeTabs);
  }
})();
