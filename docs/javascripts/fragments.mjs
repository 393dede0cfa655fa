// Land a #fragment link's target where the jump puts it, and keep it there. The
// stylesheet lays out a block far from the viewport only when it comes near
// (content-visibility: auto), so until then its height is an estimate. A block that
// ends just above the target, in view after the jump, would take its real height then
// and push the target away: before a jump on the page, the target's block and the two
// before it are laid out (class laid-out), and for a few frames after any jump (a link
// followed, or a page opened at a fragment) the target is held where the jump put it,
// unless the reader scrolls.
const FRAMES = 30; // about half a second
const LAID_OUT_BEFORE = 2;

function frame() {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

let held = 0; // counts jumps and the reader's own scrolling: the newest wins
for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
  window.addEventListener(type, () => held++, { passive: true, capture: true });
}

let holding = null; // the id of the target being held

async function hold(id) {
  if (holding === id) return; // Material announces the page again after a jump on it
  const jump = ++held;
  holding = id;
  await frame(); // the jump has happened
  // Looked up every frame: Material's instant navigation may swap in a new copy of the
  // page (same ids) and restore the scroll position, with every block still to lay out.
  const top = document.getElementById(id)?.getBoundingClientRect().top;
  for (let i = 0; top !== undefined && i < FRAMES && held === jump; i++) {
    const target = document.getElementById(id);
    if (!target) break;
    const drift = target.getBoundingClientRect().top - top;
    if (Math.abs(drift) >= 1) window.scrollBy({ top: drift, behavior: "instant" });
    await frame();
  }
  if (held === jump) holding = null;
}

function layOutAround(target) {
  let block = target.closest(".md-content__inner > *");
  for (let i = 0; block && i <= LAID_OUT_BEFORE; i++) {
    block.classList.add("laid-out");
    block = block.previousElementSibling;
  }
}

document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest?.("a[href*='#']");
    if (!link) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname) return;
    const id = decodeURIComponent(url.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    layOutAround(target);
    hold(id);
  },
  { capture: true }, // before Material or the browser jumps
);

// A page opened, or reached by instant navigation, at a fragment.
document$.subscribe(() => {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id) hold(id);
});
