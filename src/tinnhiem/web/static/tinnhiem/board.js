// The bulletin board's look-up: a tracking code arriving in the address's fragment
// ("#code=...", which no server sees) is moved into the form and looked up by POST, so that it
// never appears in an address a log would keep.
(function () {
  "use strict";
  var match = /[#&]code=([0-9A-Fa-f-]{19})/.exec(window.location.hash || "");
  if (!match) return;
  history.replaceState(null, "", window.location.pathname);
  var input = document.getElementById("code");
  var form = document.getElementById("lookup");
  if (!input || !form) return;
  input.value = match[1].toUpperCase();
  form.submit();
})();
