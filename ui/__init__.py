"""The desktop application (PySide6). Thin over app/."""
