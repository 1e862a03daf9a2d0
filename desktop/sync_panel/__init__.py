"""The desk's sync area: background sessions, USB bundles, and the status shown in the status bar.

Wiring (in the main window's owner): ``controller = SyncController(desk.replica, background=..., now=...,
new_id=..., transport_factory=workstation.province_link.province_transport_factory(url, credentials))`` and
``window.statusBar().addPermanentWidget(SyncStatusWidget(controller))``.
"""

from desktop.sync_panel.sync_controller import (
    SyncController,
    SyncPhase,
    SyncStatus,
)
from desktop.sync_panel.sync_status_widget import SyncStatusWidget
from desktop.sync_panel.sync_words import Problem, SyncWords
from workstation.sync_transfers import Activity, ProvinceKeysMissing, TransferProgress

__all__ = [
    "Activity",
    "Problem",
    "ProvinceKeysMissing",
    "SyncController",
    "SyncPhase",
    "SyncStatus",
    "SyncStatusWidget",
    "SyncWords",
    "TransferProgress",
]
