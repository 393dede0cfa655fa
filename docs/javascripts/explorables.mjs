// Mount the page's explorables (elements with data-explorable) when they come near the
// viewport, on every page load: Material's document$ also fires after instant navigation.
// The code that draws them is loaded only then, so a page's first seconds stay free for
// what the reader sees first. Until it runs, and without JavaScript, the element shows
// its static figure.
let observer;

document$.subscribe(() => {
  observer?.disconnect();
  const containers = document.querySelectorAll("[data-explorable]:not(.explorable--live)");
  if (containers.length === 0) return;
  observer = new IntersectionObserver(
    async (entries) => {
      const near = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target);
      near.forEach((container) => observer.unobserve(container));
      if (near.length === 0) return;
      const { mount } = await import("./explorables/app.mjs");
      await Promise.all(near.map(mount));
    },
    { rootMargin: "200px 0px" },
  );
  containers.forEach((container) => observer.observe(container));
});
