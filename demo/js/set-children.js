// `Element.replaceChildren` arrived in Chromium 86; intranet desktops still run 360 / QQ browsers
// on Chromium 80, so the demo pages use this instead.
export function setChildren(parent, children) {
  parent.textContent = '';
  parent.append(...children);
}
