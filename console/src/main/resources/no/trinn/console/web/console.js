// Trinn console: moving a temperament slider shows its value and ticks its "set" box.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[type=range][data-set]").forEach(function (slider) {
    slider.addEventListener("input", function () {
      var box = document.getElementById(slider.dataset.set);
      if (box) { box.checked = true; }
      var out = slider.parentElement.querySelector("output");
      if (out) { out.textContent = Number(slider.value).toFixed(2); }
    });
  });
});
