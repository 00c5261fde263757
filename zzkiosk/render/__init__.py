"""What draws: the slide scene, its block items, layouts, easing and offscreen export.

Only `zzkiosk.render.items.chart_cartesian` imports pyqtgraph, and only when a slide has
a bar, hbar or line chart.
"""
