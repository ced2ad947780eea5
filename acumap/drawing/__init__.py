"""The drawings: the diagrams' outlines (assets), the map's SVG for the browser (svg), the printed and
downloaded figure (figure) and the diagrams' words for a screen reader (describe). Built on the body model and
the atlas."""
