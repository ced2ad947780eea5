"""AcuMap core: data, body model, regions and figures. Pure Python; never imports streamlit."""
