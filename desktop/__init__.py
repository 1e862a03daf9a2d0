"""The motcua desk application (PySide6, Qt Widgets): windows, dialogs, models, printing."""
