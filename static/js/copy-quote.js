// "Copy quote": the words, their credit and the quote's permalink, in one click.
// An external file, because the Content-Security-Policy allows no inline script.
// Without script (or without a clipboard) the buttons stay hidden; the permalink remains.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll(".copy-quote").forEach(function (button) {
    var card = button.closest(".quote-card");
    var link = card && card.querySelector(".permalink-label");
    if (!link) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      // The words as shown, or whole where the card shortens them (data-words).
      var words = button.dataset.words || card.querySelector("blockquote").textContent.trim();
      var text = words + " —— " + button.dataset.credit + "\n" +
        new URL(link.getAttribute("href"), location.href).href;
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.dataset.copied;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
