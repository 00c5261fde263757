"""The guide's phone or tablet page, served by the control port's HTTP server (routes)."""
