/* Material's inline content script (partials/javascripts/content.html), moved to a file so
   the Content-Security-Policy can forbid inline script. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
