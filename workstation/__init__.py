"""The commune workstation without its windows: creating and unlocking it, the dossier desk, the queue reader,
the work session, enrolment with the province, sync keys and checkpoints, report data and the IT commands.

No Qt here (checked by an import-linter contract): the desk application (``desktop``) and the IT command line
(``workstation.it_commands``) are both thin callers of this package. Functions that touch the disk or the
network block: the desk calls them off its UI thread.
"""
