// The app's shell on a phone: after a page is chosen in the slide-out page menu, the menu closes, so the
// chosen page is what the reader sees (Streamlit leaves it open over three quarters of the screen).
// Registered once per browser tab; the component itself draws nothing.
export default function () {
  if (window.__acumapShell) return;
  window.__acumapShell = true;
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("[data-testid=stSidebarNav] a");
      if (!link || window.innerWidth > 640) return;
      // After Streamlit has handled the click (it navigates on the same event), close the menu.
      setTimeout(() => {
        const close = document.querySelector("[data-testid=stSidebarCollapseButton] button");
        const open = document.querySelector("[data-testid=stSidebar][data-collapsed=false]");
        if (open && close) close.click();
      }, 50);
    },
    true,
  );
}
