"""The JSON shapes of the API (Pydantic models), from which FastAPI writes the OpenAPI spec."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from server.storage.records import Commune, Device, SequenceBlock


class ErrorBody(BaseModel):
    error: str = Field(description="A stable code, e.g. update_required, device_revoked, rate_limited")
    message: str = Field(description="What went wrong, in English words a person can act on")


class DeviceKeysBody(BaseModel):
    """A workstation's public keys as ``sync.device_keys.DevicePublicKeys.to_json`` writes them."""

    replica_id: str = Field(max_length=64)
    signing: str = Field(max_length=64, description="Ed25519 public key, 32 bytes, base64")
    exchange: str = Field(max_length=64, description="X25519 public key, 32 bytes, base64")


class EnrolBody(BaseModel):
    code: str = Field(
        max_length=64, description="The one-time enrolment code IT gave, e.g. ABCD-EFGH-JKLM-NPQR"
    )
    commune: str = Field(max_length=16, description="The official code of the commune the workstation serves")
    label: str = Field(max_length=256, description="A name for the workstation, e.g. 'Bàn 1'")
    device_keys: DeviceKeysBody


class CommuneOut(BaseModel):
    code: str
    province_code: str
    name: str
    division_type: str
    agency: str = Field(description="The agency identifier printed in dossier codes")

    @classmethod
    def of(cls, commune: Commune) -> CommuneOut:
        return cls(
            code=commune.code,
            province_code=commune.province_code,
            name=commune.name,
            division_type=commune.division_type,
            agency=commune.agency,
        )


class SequenceBlockOut(BaseModel):
    """The workstation's block of each day's dossier numbers (``dossiers.code_allocation.SequenceSpace``)."""

    agency: str
    first: int
    last: int
    label: str
    valid_from: dt.date

    @classmethod
    def of(cls, block: SequenceBlock) -> SequenceBlockOut:
        return cls(
            agency=block.agency,
            first=block.first,
            last=block.last,
            label=f"{block.first:04d}–{block.last:04d}",
            valid_from=block.valid_from,
        )


class EnrolResponse(BaseModel):
    device_id: str
    device_secret: str = Field(
        description="The workstation's credential, shown once: send it as 'Authorization: Bearer <secret>'"
    )
    commune: CommuneOut
    sequence: SequenceBlockOut
    protocol: int
    province_keys: DeviceKeysBody | None = Field(
        default=None,
        description="The province's public keys for USB bundles of this commune (when the server has them)",
    )


class LoginBody(BaseModel):
    username: str = Field(max_length=256)
    password: str = Field(max_length=1024)


class LoginResponse(BaseModel):
    token: str = Field(description="Send it as 'Authorization: Bearer <token>'")
    token_type: Literal["bearer"] = "bearer"
    expires_at: dt.datetime
    role: str


class DeviceMe(BaseModel):
    kind: Literal["device"] = "device"
    device_id: str
    replica_id: str
    label: str
    commune: CommuneOut
    sequence: SequenceBlockOut | None


class OfficerMe(BaseModel):
    kind: Literal["officer"] = "officer"
    account_id: str
    username: str
    role: str
    province_code: str
    expires_at: dt.datetime


class DeviceOut(BaseModel):
    device_id: str
    commune_code: str
    replica_id: str
    label: str
    enrolled_at: dt.datetime
    revoked_at: dt.datetime | None
    sequence: SequenceBlockOut | None

    @classmethod
    def of(cls, device: Device, block: SequenceBlock | None) -> DeviceOut:
        return cls(
            device_id=device.id,
            commune_code=device.commune_code,
            replica_id=device.replica_id,
            label=device.label,
            enrolled_at=device.enrolled_at,
            revoked_at=device.revoked_at,
            sequence=SequenceBlockOut.of(block) if block else None,
        )


class EnrolmentCodeBody(BaseModel):
    commune: str = Field(max_length=16)


class EnrolmentCodeOut(BaseModel):
    code: str = Field(description="Shown once; only its hash is kept")
    commune: str
    expires_at: dt.datetime


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    protocol: int
    disk: Literal["full"] | None = None
    """``full`` while the data folder's free space is below ``limits.min_free_disk_mib`` (writes get 507);
    left out otherwise."""
    disk_problem: str | None = None
