// Mount the page's explorables (elements with data-explorable), on every page load:
// Material's document$ also fires after instant navigation. The code that draws them is
// loaded only on pages that have one. Until it runs, and without JavaScript, the element
// shows its static figure.
document$.subscribe(async () => {
  const containers = document.querySelectorAll("[data-explorable]:not(.explorable--live)");
  if (containers.length === 0) return;
  const { mount } = await import("./explorables/app.mjs");
  await Promise.all([...containers].map(mount));
});
