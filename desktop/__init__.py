"""The motcua desk application (PySide6, Qt Widgets): windows, dialogs, models, printing."""

from desktop.bool_refcount_guard import top_up as _top_up_bool_references

_top_up_bool_references()  # before any Qt signal carries a bool: see desktop/bool_refcount_guard.py
