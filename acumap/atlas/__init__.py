"""The atlas: its data read and validated (data), the pain regions (regions), where each point is drawn
(placement), what a choice lights and how a tap changes it (selection), the codes other schools write (codes).
Built on the body model only."""
