"""Every fixed style of the app, in one home: CSS blocks with no data in them, each put on the page by the page
or panel that needs it (`st.html(styles.X)`). The map component's own style is ui/component/map.css."""

from acumap.panel import DISCLAIMER_CLASS
from ui.panels import DISCLAIMER_KEY, PANEL_CSS_FILE

#: Every page: less empty space above the map (so it fits a 1280x720 screen), captions dark enough to read, the
#: pinned buttons, the navigation beside them, the panels on a phone.
APP_CSS = (
    "<style>.stMainBlockContainer, .block-container {padding-top: 3.9rem; padding-bottom: 1rem;}"
    " h4 {padding-top: 0.2rem;}"
    # Captions darker than Streamlit's default grey: WCAG AA contrast (axe checks it in the tests).
    " [data-testid=stCaptionContainer], [data-testid=stCaptionContainer] p {color: #4a4f57 !important; opacity: 1 !important;}"
    # The red-flags button sits in the top bar, on every page, wherever the page is scrolled.
    " .st-key-redflags {position: fixed; top: 0.6rem; right: 3.5rem; z-index: 999991; width: auto !important;}"
    " .st-key-redflags button {background: #fdf1f0; border-color: #b3261e; color: #7d1a14; font-weight: 600;}"
    # The navigation ends before the pinned buttons, so they are never drawn over a page's link: Streamlit
    # moves the links that do not fit into its "N more" menu (tests/test_shell_browser.py taps each page's link).
    " [data-testid=stTopNav] {max-width: calc(100vw - 25.5rem) !important; flex: 0 1 auto !important;}"
    # On a phone the pinned buttons step aside while the page menu is open (its close button is under them).
    " body:has([data-testid=stSidebar][data-collapsed=false]) .st-key-share,"
    " body:has([data-testid=stSidebar][data-collapsed=false]) .st-key-redflags {display: none;}"
    " .st-key-acumap_shell, [class*=st-key-focus_] {display: none;}"
    # What a script scrolls to (ui/shell.bring_into_view) stops below Streamlit's header, not under it.
    " [class*=st-key-] {scroll-margin-top: 4.2rem;}"
    # On a phone the panels flow with the page: no scroll box inside the page for a thumb to get caught in.
    " @media (max-width: 640px) {.st-key-browser_details"
    " {height: auto !important; max-height: none !important; overflow: visible !important;}"
    # ... and the box Streamlit wraps a fixed-height container in (it holds the height): else the text runs
    # out of it, under the buttons below. (The map's panel frees its own boxes: ui/component/panel.css.)
    " :has(> .st-key-browser_details) {height: auto !important; max-height: none !important;"
    " overflow: visible !important;}}"
    # The share button sits beside it.
    " .st-key-share {position: fixed; top: 0.6rem; right: 18.3rem; z-index: 999991; width: auto !important;}"
    " @media (max-width: 640px) {.st-key-share {right: 16.1rem;}"
    " .st-key-share button {padding-left: 0.45rem; padding-right: 0.45rem;}}</style>"
)


#: The footer's disclaimer: hidden on a page that shows it itself (in the container keyed DISCLAIMER_KEY).
FOOTER_CSS = f"<style>body:has(.st-key-{DISCLAIMER_KEY}, .{DISCLAIMER_CLASS}) .st-key-footer {{display: none;}}</style>"


#: The body map's title and controls on a phone: the title on its own line, Tour and Patient view side by
#: side below it, the presenter switch (for a projector) left out, so the map starts on the first screen;
#: on a tablet the controls as wide as their words.
PHONE_HEAD_CSS = (
    "<style>@media (max-width: 640px) {"
    " .st-key-map_head [data-testid=stHorizontalBlock] {flex-wrap: wrap !important; gap: 0.2rem 1rem !important;}"
    " .st-key-map_head [data-testid=stColumn] {min-width: 0 !important; width: auto !important; flex: 0 0 auto !important;}"
    " .st-key-map_head [data-testid=stColumn]:first-child {flex-basis: 100% !important; padding-bottom: 1.1rem;}"
    " .st-key-map_head [data-testid=stColumn]:has(.st-key-projector) {display: none !important;}"
    " .st-key-map_head h4 {font-size: 1.1rem; padding: 0;}}"
    # On a tablet the controls keep one line beside the title, each as wide as its words ("🧭 Tour" whole).
    " @media (min-width: 641px) and (max-width: 1100px) {"
    " .st-key-map_head [data-testid=stColumn] {min-width: 0 !important; width: auto !important; flex: 0 0 auto !important;}"
    " .st-key-map_head [data-testid=stColumn]:first-child {flex: 1 1 0 !important;}}</style>"
)


#: The patient view: larger type for a patient reading beside the map.
PATIENT_CSS = (
    "<style>.stMainBlockContainer p, .stMainBlockContainer li {font-size: 1.16rem; line-height: 1.5;}"
    " .stMainBlockContainer h3 {font-size: 1.9rem;}"
    # Buttons keep their size: two side by side ("Diagrams (SVG)", "Diagrams (PNG)") fit a tablet's column.
    " .stMainBlockContainer button p {font-size: 1rem;}</style>"
)


#: Text on a projected page's controls and captions: 24 px on a 1080-pixel-high screen, never under 15 px
#: (the presenter view's region menu, the class page's captions and menus).
PROJECTED_CONTROLS_CSS = (
    "<style>[data-testid=stCaptionContainer] p {font-size: clamp(15px, 2.25vh, 30px) !important;}"
    " .stMainBlockContainer [data-testid=stSelectbox] input, .stMainBlockContainer [data-baseweb=select] *"
    " {font-size: clamp(17px, 2.25vh, 30px) !important;}"
    " .stMainBlockContainer :is([data-testid=stWidgetLabel], [data-testid=stRadio], [data-testid=stAlert],"
    " [data-testid=stExpander] summary, [data-testid=stTable]) p,"
    " .stMainBlockContainer [data-testid=stTable] :is(td, th)"
    " {font-size: clamp(17px, 2.25vh, 30px) !important;}"
    " .stMainBlockContainer button p {font-size: clamp(17px, 2.25vh, 30px) !important;}"
    " :is(.st-key-redflags, .st-key-share) button p {font-size: 1rem !important;}</style>"
)


#: The presenter view: panel text of 24 px on a 1080-pixel-high screen
#: (2.25% of the height, never under 17 px), black on white, the page's margins narrowed.
PROJECTOR_CSS = (
    "<style>.stMainBlockContainer p, .stMainBlockContainer li {font-size: clamp(17px, 2.25vh, 30px) !important;"
    " line-height: 1.4; color: #000;}"
    " .stMainBlockContainer h3 {font-size: clamp(26px, 3.6vh, 44px); color: #000;}"
    " .stMainBlockContainer {padding-top: 3.3rem !important; padding-left: 1.2rem; padding-right: 1.2rem;"
    " max-width: 100%;}"
    " .stMainBlockContainer summary p {font-size: clamp(17px, 2.25vh, 30px) !important; font-weight: 700;}"
    # The panel's scrolling list fills the screen's height below the menu and the heading.
    " .acumap-panel .scroll {max-height: calc(100vh - 410px) !important;}"
    " .acumap-panel :is(summary, .actions button) {font-size: clamp(17px, 2.25vh, 30px) !important;}"
    # The buttons pinned in the top bar keep their size.
    " :is(.st-key-redflags, .st-key-share) p {font-size: 1rem !important; color: inherit;}</style>"
)


#: The share dialog: the words and the address the same size, for the back row;
#: the address wraps only where breakable_html put a break; the copy box below it small, on one line.
SHARE_CSS = (
    "<style>.st-key-share_words p, .st-key-share_words .address {font-size: 1.45rem !important;"
    " line-height: 1.35 !important;}"
    " .st-key-share_words .address {font-family: 'Source Code Pro', monospace; overflow-wrap: normal;"
    " word-break: normal; white-space: normal; font-weight: 600;}"
    " .st-key-share_link pre, .st-key-share_link code {font-size: 0.85rem !important;}</style>"
)


#: The home plan: a card's picture (the core's SVG, as an image) scales to its column, up to its own width; the QR code
#: and the pictures keep their aspect.
PLAN_CSS = (
    "<style>.acumap-plan-figure {margin: 0 0 0.5rem;}"
    " .acumap-plan-figure img {display: block; width: 100%; height: auto;}"
    " .acumap-plan-figure figcaption {font-size: 0.9rem; color: #4a4f57; text-align: center;}"
    " .acumap-plan-qr img {display: block; width: 200px; max-width: 100%; height: auto;}</style>"
)


#: The step bar: one line on a laptop or projector, two on a phone (the title, then the three buttons side
#: by side), so the back stays in view; on a touch screen, no keyboard-shortcut badges on the buttons.
TOUR_CSS = (
    "<style>.st-key-tour_box {padding: 0.35rem 0.75rem !important;}"
    " .st-key-tour_box p {margin: 0;}"
    " @media (max-width: 640px) {.st-key-tour_box [data-testid=stColumn] [data-testid=stHorizontalBlock]"
    " {gap: 0.4rem !important;}"
    " .st-key-tour_box [data-testid=stColumn] [data-testid=stColumn] {min-width: 0 !important;}}"
    " .st-key-tour_box .below-cue {display: none;}"
    " @media (max-width: 640px) {.st-key-tour_box .below-cue {display: block; font-size: 0.85rem;"
    " color: #4b5563;}}"
    " @media (hover: none) {.st-key-tour_box button kbd, .st-key-tour_box button [data-testid=stShortcut]"
    " {display: none !important;}}</style>"
)


#: The Evidence page. The table's eight columns need about 1,040 px: on a narrower screen (a
#: phone, a tablet either way up, measured in Chromium) they would scroll sideways, so each finding is a card
#: instead, two a row on a tablet; a laptop (1280 px and up) keeps the table. (A contents link's section stops
#: below Streamlit's header by itself: Streamlit gives its headings a scroll margin of the header's height.)
EVIDENCE_CSS = (
    "<style>@media (max-width: 1199px) {.st-key-evidence_table_wide {display: none;}}"
    " @media (min-width: 1200px) {.st-key-evidence_cards {display: none;}}"
    " @media (min-width: 641px) and (max-width: 1199px) {.st-key-evidence_cards"
    " {display: grid; grid-template-columns: 1fr 1fr;}}</style>"
)


#: With a verdict, on a phone: the next step (right column) above the map (left column).
QUIZ_NEXT_FIRST_CSS = (
    "<style>@media (max-width: 640px) {.st-key-quiz_body > [data-testid=stLayoutWrapper] >"
    " [data-testid=stHorizontalBlock], .st-key-quiz_body > [data-testid=stHorizontalBlock]"
    " {flex-direction: column-reverse !important;}}</style>"
)


#: The class page: the count and the class code readable from the back of a room.
CLASS_CSS = (
    "<style>[data-testid=stMetricValue] {font-size: 4rem !important; font-weight: 700;}"
    " .st-key-class_code code {font-size: 2.6rem !important;}</style>"
)


#: The panel's style, for a page that shows the panel's words without the map's panel (the point browser).
PANEL_CSS = f"<style>{PANEL_CSS_FILE.read_text(encoding='utf-8')}</style>"
