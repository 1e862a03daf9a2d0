"""The IT technician's commands of ``motcua`` (info, backup, restore, recover, rotate-key, diagnostics,
self-test, enrol): one module per group; the argument parsing is in ``command_line``."""
