"""Every Plotly figure the app draws, and the only part of the core that imports Plotly: the quiz's attempts
(quiz), the class check's results on the teacher's screen (class_results) and the Evidence page's effect sizes
(evidence). Each is built from the features' values and drawn by a page with st.plotly_chart."""
