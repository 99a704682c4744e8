// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  // A refused form comes back at the address it was sent to. Show the page's own address
  // instead, so that reloading opens the page rather than sending the form again.
  var address = document.body.getAttribute("data-address");
  if (address && address !== window.location.pathname && window.history.replaceState) {
    window.history.replaceState(null, "", address);
  }
})();

// A button marked data-print prints the page (a visit's report); the print style sheet
// leaves the navigation and the forms off.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
