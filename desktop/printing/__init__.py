"""Printing the official forms (Mẫu 01–07): templates, fonts, QR codes, PDF, printer and preview."""
