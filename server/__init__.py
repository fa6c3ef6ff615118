"""Tê chân / Leg Numbness Check: the Flask service (the factory is server.app.create_app)."""
