(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  if (button) {
    button.addEventListener("click", function () {
      document.body.classList.toggle("menu-open");
    });
  }
})();
