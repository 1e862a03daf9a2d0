"""motcua's local-first data layer: encrypted replica store, change events, merge, sync protocol, transports.

Domain-agnostic: it knows records and merge policies, not dossiers. No Qt, no web framework.
"""
