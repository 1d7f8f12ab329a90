/* Keep Open: filter the timeline by kind and by model. Local script, no third party.
   The list is complete without it (keepopen.content.timeline writes every event at build time);
   this only turns the hidden option list into two menus and hides what does not match. */
(function () {
  "use strict";

  function menu(form, name, label, options, allText) {
    var id = "keepopen-timeline-" + name;
    var wrap = document.createElement("span");
    wrap.className = "keepopen-timeline-filter__field";
    var caption = document.createElement("label");
    caption.htmlFor = id;
    caption.textContent = label;
    var select = document.createElement("select");
    select.id = id;
    select.name = name;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = allText;
    select.appendChild(all);
    options.forEach(function (option) {
      var item = document.createElement("option");
      item.value = option.getAttribute("data-value");
      item.textContent = option.textContent;
      select.appendChild(item);
    });
    wrap.appendChild(caption);
    wrap.appendChild(select);
    form.appendChild(wrap);
    return select;
  }

  function setup(source) {
    var options = Array.prototype.slice.call(source.querySelectorAll("[data-option]"));
    var of = function (kind) {
      return options.filter(function (o) { return o.getAttribute("data-option") === kind; });
    };
    var form = document.createElement("form");
    form.className = "keepopen-timeline-filter";
    form.setAttribute("aria-label", "Filter the timeline");
    var kind = menu(form, "kind", "Kind", of("kind"), "All kinds");
    var model = menu(form, "model", "Model", of("model"), "All models");
    var status = document.createElement("p");
    status.className = "keepopen-timeline-filter__status";
    status.setAttribute("role", "status");
    form.appendChild(status);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    source.parentNode.replaceChild(form, source);

    var events = Array.prototype.slice.call(document.querySelectorAll(".keepopen-timeline__event"));
    var years = Array.prototype.slice.call(document.querySelectorAll(".keepopen-timeline__year"));

    function apply() {
      var shown = 0;
      events.forEach(function (item) {
        var models = (item.getAttribute("data-models") || "").split(" ");
        var match = (!kind.value || item.getAttribute("data-kind") === kind.value) &&
          (!model.value || models.indexOf(model.value) !== -1);
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      years.forEach(function (year) {
        year.hidden = !year.querySelector(".keepopen-timeline__event:not([hidden])");
      });
      status.textContent = shown === events.length
        ? "Showing all " + events.length + " events."
        : "Showing " + shown + " of " + events.length + " events.";
    }
    kind.addEventListener("change", apply);
    model.addEventListener("change", apply);
    apply();
  }

  var source = document.querySelector("div.keepopen-timeline-filter[hidden]");
  if (source) { setup(source); }
})();
