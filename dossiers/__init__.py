"""The motcua domain: procedures, dossiers, codes, citizen identity, calendar and fees.

Pure Python: no Qt, no web framework, no database, no I/O. A clock and an id factory are passed in.
"""
