// Small helps; every page works without them.
document.addEventListener("submit", function (e) {
  var form = e.target;
  var action = form.querySelector("select[name=action]");
  if (action && (action.value === "reject" || action.value === "waive")) {
    var zh = document.documentElement.lang === "zh-CN";
    var text = action.options[action.selectedIndex].text;
    if (!window.confirm((zh ? "确认记录：" : "Record: ") + text + "?")) { e.preventDefault(); return; }
  }
  var button = form.querySelector("button[type=submit]");
  if (button) { setTimeout(function () { button.disabled = true; }, 0); }
});
// A copy button (settings: the calendar-feed link) shows only where it can work.
document.querySelectorAll("button[data-copy]").forEach(function (b) {
  var input = document.getElementById(b.getAttribute("data-copy"));
  if (!input || !navigator.clipboard) { return; }
  b.hidden = false;
  input.addEventListener("focus", function () { input.select(); });
  b.addEventListener("click", function () {
    navigator.clipboard.writeText(input.value).then(function () {
      b.textContent = b.getAttribute("data-copied");
    });
  });
});
