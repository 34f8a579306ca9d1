// Web chat, enhanced: send without reloading, read replies out through the live region,
// keep focus in the message box. Without this file the form posts and the page reloads.
(function () {
  "use strict";
  var form = document.getElementById("chat-form");
  var log = document.getElementById("chat-log");
  var box = document.getElementById("message");
  var status = document.getElementById("chat-status");
  if (!form || !log || !box || !window.fetch || !window.JSON) { return; }
  var token = form.querySelector("input[name=csrf_token]").value;
  var sending = false;

  function add(who, label, text) {
    var item = document.createElement("li");
    item.className = "hys-chat__message hys-chat__message--" + who;
    var name = document.createElement("span");
    name.className = "hys-chat__who";
    name.textContent = label; // textContent, never innerHTML: what people type stays text
    var body = document.createElement("span");
    body.className = "hys-chat__text";
    body.textContent = text;
    item.appendChild(name);
    item.appendChild(body);
    log.appendChild(item);
    item.scrollIntoView({ block: "nearest" });
  }

  form.addEventListener("submit", function (event) {
    var text = box.value;
    if (!text.trim() || sending) { return; } // let the server show the usual error for an empty message
    event.preventDefault();
    sending = true;
    status.textContent = "";
    fetch(form.getAttribute("data-json-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json" },
      body: JSON.stringify({ message: text })
    }).then(function (response) {
      if (!response.ok) { throw new Error("status " + response.status); }
      return response.json();
    }).then(function (data) {
      add("them", form.getAttribute("data-you-label"), data.message);
      data.replies.forEach(function (reply) { add("us", form.getAttribute("data-us-label"), reply); });
      box.value = "";
      box.focus();
    }).catch(function () {
      status.textContent = form.getAttribute("data-error-text");
      box.focus();
    }).then(function () { sending = false; });
  });
})();
