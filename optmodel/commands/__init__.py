"""CLI command groups. Each module defines `register(app)` and keeps heavy imports inside
the command functions."""
