// hubguard's only script (the Content-Security-Policy allows no inline script): confirmations before
// destructive buttons (data-confirm="question") and the copy button of a new token (data-copy="element id").
document.addEventListener("click", function (event) {
  var confirmed = event.target.closest("[data-confirm]");
  if (confirmed && !window.confirm(confirmed.getAttribute("data-confirm"))) {
    event.preventDefault();
    return;
  }
  var copy = event.target.closest("[data-copy]");
  if (copy) {
    navigator.clipboard.writeText(document.getElementById(copy.getAttribute("data-copy")).value).then(function () {
      copy.textContent = "Copied";
    });
  }
});
