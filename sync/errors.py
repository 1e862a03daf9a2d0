"""The sync package's exception tree; every error has a ``kind`` a user interface can turn into words."""

from __future__ import annotations

from typing import ClassVar


class SyncError(Exception):
    """Base of every error raised by the ``sync`` package."""

    kind: ClassVar[str] = "error"


class StoreError(SyncError):
    """The local store cannot be opened or used."""

    kind = "store"


class WrongPassphrase(StoreError):
    """The passphrase (or key) does not open this store; nothing was changed."""

    kind = "wrong_passphrase"


class StoreDamaged(StoreError):
    """The store's database file is missing, empty, cut short or damaged; it was left exactly as it was.

    ``reason``: ``missing``, ``empty``, ``truncated``, ``unreadable`` (the right key does not open its first
    page) or ``corrupt`` (its pages fail SQLite's check). A backup restores it (``motcua restore``).
    """

    kind = "store_damaged"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class StoreLocked(StoreError):
    """Too many wrong passphrases: wait before trying again."""

    kind = "locked"

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SchemaTooNew(StoreError):
    """The store was written by a newer motcua than this one."""

    kind = "schema_too_new"


class KeyFileError(StoreError):
    """The key file is missing, corrupt or of an unknown format."""

    kind = "key_file"


class AttachmentError(StoreError):
    """An attachment is too large, missing or fails verification."""

    kind = "attachment"


class AttachmentTooLarge(AttachmentError):
    kind = "attachment_too_large"


class CorruptAttachment(AttachmentError):
    kind = "attachment_corrupt"


class BackupError(StoreError):
    kind = "backup"


class BundleError(SyncError):
    """A sync bundle file cannot be used; nothing from it was applied."""

    kind = "bundle"


class NotABundle(BundleError):
    kind = "bundle_not_a_bundle"


class BundleTooNew(BundleError):
    kind = "bundle_too_new"


class BundleTampered(BundleError):
    """The bundle's signature or encryption does not verify: it was changed after it was written."""

    kind = "bundle_tampered"


class BundleTruncated(BundleError):
    """The bundle ends early (e.g. a USB stick pulled out while copying)."""

    kind = "bundle_truncated"


class BundleWrongReceiver(BundleError):
    """The bundle was made for another workstation or store."""

    kind = "bundle_wrong_receiver"


class BundleUnknownSender(BundleError):
    """The bundle was signed by a device this store does not know."""

    kind = "bundle_unknown_sender"


class StoreClosed(StoreError):
    """The store (or its writer) has been closed; no more operations are accepted."""

    kind = "store_closed"


class BadEventData(SyncError):
    """A change event or version vector is malformed (bad JSON, missing or wrongly typed fields)."""

    kind = "bad_event_data"


class WriteRejected(SyncError):
    """A local write was refused; ``field`` names the field and ``reason`` is a stable code."""

    kind = "write_rejected"

    def __init__(self, message: str, *, field: str | None = None, reason: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason or self.kind


class WrongSide(WriteRejected):
    """The field is owned by another side (e.g. only the province may write it)."""

    kind = "wrong_side"


class ConflictOpen(WriteRejected):
    """The field has an open conflict: a person must resolve it before it is written again."""

    kind = "conflict_open"


class TransitionRefused(WriteRejected):
    """The record's state machine does not allow this transition from the current state."""

    kind = "transition_refused"


class ReplicaIdReused(SyncError):
    """A restored or copied replica must take a replica id that was never used."""

    kind = "replica_id_reused"


class ClerkSlotError(StoreError):
    """A clerk account cannot be added, found or removed in the key file."""

    kind = "clerk_slot"


class UnknownClerk(ClerkSlotError):
    kind = "clerk_unknown"


class ClerkExists(ClerkSlotError):
    kind = "clerk_exists"


class LastClerk(ClerkSlotError):
    """The last clerk account cannot be removed: nobody could unlock the store."""

    kind = "clerk_last"


class WeakPassphrase(StoreError):
    """A new passphrase is too short."""

    kind = "weak_passphrase"


class RecoveryKeyError(StoreError):
    """A province recovery key cannot be read (not PEM, not X25519, wrong password)."""

    kind = "recovery_key"


class SessionError(SyncError):
    """A sync session with another replica could not finish; what was committed before stays committed."""

    kind = "sync_session"


class SyncInterrupted(SessionError):
    """The link was lost during a sync; the batches already committed are kept: sync again to continue."""

    kind = "sync_interrupted"


class BadSyncMessage(SessionError):
    """A sync message is damaged or malformed (bad checksum, bad framing, bad JSON)."""

    kind = "sync_bad_message"


class BatchTooLarge(BadSyncMessage):
    """A sync batch's uncompressed size is over what the receiver accepts: send smaller batches."""

    kind = "sync_batch_too_large"


class ProtocolMismatch(SessionError):
    """The other side speaks another sync protocol version: update motcua on the older side."""

    kind = "sync_update_required"


class PeerRefused(SessionError):
    """The other side refused a request; ``code`` is its stable reason."""

    kind = "sync_peer_refused"

    def __init__(self, message: str, *, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code


class PairingRefused(SessionError):
    """The pairing secret does not match the other workstation's (or the data was changed on the way)."""

    kind = "sync_pairing_refused"


class PeerCertificateChanged(PairingRefused):
    """The desk at a paired address presents another certificate than the one pinned at pairing."""

    kind = "lan_certificate_changed"


class NotPairedThere(PairingRefused):
    """The other desk does not know this desk's certificate (never paired, or paired again since)."""


class ChannelTampered(SessionError):
    """The TLS channel with the other desk failed its integrity check: data was changed or replayed."""

    kind = "lan_channel_tampered"


class WrongPeer(SessionError):
    """The other side is not the replica expected (e.g. a replica syncing with itself, or a checkpoint
    recorded for another pair)."""

    kind = "sync_wrong_peer"


class OriginRefused(SessionError):
    """Events from another desk are not proven to come from the desk that made them (a signature that is not
    that desk's, none where one is due, a revoked desk's late events): the batch is refused, none kept."""

    kind = "lan_origin_refused"


class BundleBadContent(BundleError):
    """A verified bundle does not hold motcua change events for this store; nothing from it was applied."""

    kind = "bundle_bad_content"


class TransportError(SessionError):
    """A call to the provincial server failed. ``kind`` says how (for the UI to word it), ``code`` is the
    server's own error code when it gave one, ``status`` the HTTP status."""

    kind = "server_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.retry_after = retry_after


class ServerOffline(TransportError, SyncInterrupted):
    """The server cannot be reached, did not answer in time, or the link was cut (a sync resumes later)."""

    kind = "offline"


class ServerUnauthorised(TransportError):
    """The server does not accept this workstation's credentials, or not for this request."""

    kind = "unauthorised"


class DeviceRevokedByServer(ServerUnauthorised):
    """Provincial IT revoked this workstation: it must be enrolled again."""

    kind = "revoked"


class ClientTooOld(TransportError):
    """The server does not speak this client's protocol version: motcua (or the server) must be updated."""

    kind = "too_old"


class ServerFailed(TransportError):
    """The server had an internal error or is overloaded."""

    kind = "server_error"


class ServerRejectedData(TransportError):
    """The server refused what was sent as malformed or not allowed (e.g. a record of another commune)."""

    kind = "bad_data"


class ServerRateLimited(TransportError):
    """Too many requests: try again after ``retry_after`` seconds."""

    kind = "rate_limited"


class ServerTooLarge(TransportError):
    """The request was larger than the server accepts."""

    kind = "too_large"


class EnrolmentRefusedByServer(TransportError):
    """The provincial server refused to enrol this workstation. ``reason`` says why: ``unknown``, ``used`` or
    ``expired`` (the one-time code), ``wrong_commune``, ``unknown_commune``, ``already_enrolled`` (this
    store's replica id) or ``no_block_left`` (every block of the commune's dossier numbers is held)."""

    kind = "enrolment_refused"

    def __init__(
        self, message: str, *, reason: str, code: str | None = None, status: int | None = None
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.reason = reason
