"""AcuMap core: data, body model, regions, placement, SVG diagrams and their words. Pure Python; never imports streamlit."""
