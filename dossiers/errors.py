"""The domain's exception tree.

Every error carries a stable ``code``, an English ``template`` and the ``params`` it was raised with, so a
user interface can word it in the clerk's language (the template is the translation source string).
"""

from __future__ import annotations

from typing import Any, ClassVar


class DossierError(Exception):
    """Base of every error raised by the ``dossiers`` package."""

    code: ClassVar[str] = "dossier_error"
    template: ClassVar[str] = "{detail}"

    def __init__(self, template: str | None = None, /, **params: Any) -> None:
        if template is not None:
            self.template = template  # type: ignore[misc]
        self.params: dict[str, Any] = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English message with its parameters filled in."""
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError):
            return self.template


class CatalogueError(DossierError):
    """The procedure catalogue data is malformed or a lookup failed."""

    code = "catalogue"


class UnknownProcedure(CatalogueError):
    code = "unknown_procedure"
    template = "No procedure with code {code_value!r} in the catalogue."


class IllegalTransition(DossierError):
    """A status change the lifecycle does not allow (or not for this actor)."""

    code = "illegal_transition"
    template = "A dossier cannot go from '{from_status}' to '{to_status}'."


class DossierCodeError(DossierError):
    """A dossier code could not be formatted or parsed."""

    code = "dossier_code"


class SequenceExhausted(DossierCodeError):
    """A workstation has no dossier numbers left for a day."""

    code = "sequence_exhausted"
    template = (
        "This workstation has used all its dossier numbers for {day}: no number is left in its range "
        "{first}–{last}. Ask IT to assign another range."
    )


class CitizenIdError(DossierError):
    """A citizen ID number is malformed or disagrees with the birth date or sex."""

    code = "citizen_id"


class QrParseError(DossierError):
    """The ID card QR text could not be read; ``field`` names the faulty field."""

    code = "qr_parse"


class CalendarError(DossierError):
    """The working-day calendar cannot answer (bad configuration or no working day in range)."""

    code = "calendar"


class FeeError(DossierError):
    """A fee cannot be computed from the given rule and inputs."""

    code = "fee"


class CatalogueFormatError(CatalogueError):
    """The catalogue text is not readable JSON (or not UTF-8)."""

    code = "catalogue_format"
    template = "The procedure catalogue cannot be read: {detail}."


class UnsupportedCatalogueSchema(CatalogueError):
    """The catalogue was written in a newer (or unknown) schema version than this program reads."""

    code = "catalogue_schema"
    template = (
        "The procedure catalogue uses schema version {schema}, but this program reads versions up to "
        "{supported}. Update the program to use this catalogue."
    )


class CatalogueFieldError(CatalogueError):
    """A field of the catalogue is wrong; ``procedure`` names the entry, ``field`` the field path."""

    code = "catalogue_field"
    template = "Catalogue, procedure {procedure}, field '{field}': {problem}."


class MissingCatalogueField(CatalogueFieldError):
    code = "catalogue_missing_field"
    template = "Catalogue, procedure {procedure}: the field '{field}' is missing."


class UnknownCatalogueField(CatalogueFieldError):
    code = "catalogue_unknown_field"
    template = "Catalogue, procedure {procedure}: unknown field '{field}'."


class WrongCatalogueFieldType(CatalogueFieldError):
    code = "catalogue_field_type"
    template = "Catalogue, procedure {procedure}, field '{field}': expected {expected}, got {actual}."


class DuplicateProcedure(CatalogueError):
    code = "catalogue_duplicate_procedure"
    template = "The catalogue lists procedure {code_value} more than once."


class DateOutsideCalendar(CalendarError):
    """A date lies outside the years the working-day calendar was built for."""

    code = "calendar_date_outside"
    template = "The date {day} is outside the working-day calendar, which covers {first_year}–{last_year}."


class NoWorkingDay(CalendarError):
    """A search for a working day ran off the end (or start) of the calendar's years."""

    code = "calendar_no_working_day"
    template = (
        "No working day can be found from {day} within the working-day calendar, which covers "
        "{first_year}–{last_year}."
    )


class NoWorkingWeekday(CalendarError):
    """The opening hours leave no weekday that counts as a working day."""

    code = "calendar_no_working_weekday"
    template = "The opening hours have no working weekday: a site must count at least one weekday as working."


class InvalidOpeningHours(CalendarError):
    """The opening hours are malformed; the instance's template says how."""

    code = "calendar_opening_hours"
    template = "The opening hours are invalid."


class CalendarSpanError(CalendarError):
    """The calendar's years are out of the supported range or too many."""

    code = "calendar_span"
    template = (
        "A working-day calendar covers years within {min_year}–{max_year}, at most {max_span} of them; "
        "{first_year}–{last_year} was asked for."
    )


class ConflictingCalendarDays(CalendarError):
    """A province day is listed twice, or both as a day off and as a make-up working day."""

    code = "calendar_conflicting_days"
    template = (
        "The date {day} is listed more than once among the province's days off and make-up working days."
    )


class ActorNotAllowed(IllegalTransition):
    """The status change exists, but this actor may not make it."""

    code = "actor_not_allowed"
    template = (
        "The {actor} cannot move a dossier from '{from_status}' to '{to_status}'; only the {allowed} can."
    )


class CodePatternError(DossierCodeError):
    """The configured dossier code pattern is malformed."""

    code = "dossier_code_pattern"
    template = "The dossier code pattern {pattern!r} is not valid: {reason}."


class SequenceOverlap(DossierCodeError):
    """Two workstations of one agency were given overlapping parts of the daily sequence."""

    code = "sequence_overlap"
    template = (
        "Workstations {first_workstation} and {second_workstation} of agency {agency} share dossier numbers "
        "{overlap_first}–{overlap_last}: they could print the same dossier code."
    )


class OfficialFormError(DossierError):
    """An official form (Appendix I, Circular 03/2025) cannot be made from the given dossier and inputs."""

    code = "official_form"


class FormNeedsDossierCode(OfficialFormError):
    """The form prints the dossier code, and the dossier has none yet."""

    code = "form_needs_dossier_code"
    template = "{form} cannot be printed before the dossier has a code: give the dossier its code first."


class FormNeedsAppointment(OfficialFormError):
    """The form prints the appointment date, and the dossier has none."""

    code = "form_needs_appointment"
    template = "{form} cannot be printed before the dossier has an appointment date for its result."


class NothingMissing(OfficialFormError):
    """A request for supplement (Mẫu 02) lists no missing document."""

    code = "form_nothing_missing"
    template = (
        "A request for supplement ({form}) must list everything missing or incomplete, in one go: "
        "no document was listed."
    )


class MissingFormText(OfficialFormError):
    """A text the form must state (a reason, a missing document's name) is empty; ``what`` names it."""

    code = "form_missing_text"
    template = "{form} needs {what}: it is empty."


class NewDateNotLater(OfficialFormError):
    """The new appointment date of an apology (Mẫu 04) is not after the original one."""

    code = "form_new_date_not_later"
    template = "The new appointment date {new_date} must be after the original appointment date {old_date}."


class CorrectionError(DossierError):
    """A correction of a saved dossier's details is refused (``dossiers.corrections``)."""

    code = "correction"


class CorrectionNotAllowed(CorrectionError):
    """The lifecycle rules do not let this actor correct these fields in the dossier's present status."""

    code = "correction_not_allowed"
    template = "The {actor} cannot correct {fields} of a dossier whose status is '{status}'."


class NothingCorrected(CorrectionError):
    """The correction changes no field."""

    code = "correction_changes_nothing"
    template = "The correction changes nothing: every detail is as it was."


class CorrectionNeedsReason(CorrectionError):
    """A correction was given without its reason."""

    code = "correction_needs_reason"
    template = "A correction needs its reason: it is empty."


class InvalidCorrectedValue(CorrectionError):
    """A corrected value is not acceptable; ``field`` names it, ``problem`` says what is wrong."""

    code = "correction_invalid_value"
    template = "The corrected {field} is not acceptable: {problem}."


class ProvinceDaysFormatError(CalendarError):
    """The province's list of days off and make-up working days is not as documented (the message says
    where: the entry's position and field)."""

    code = "province_days"


class CommuneListError(DossierError):
    """The province's list of communes is not as documented, or not usable by this desk (the message says
    which entry and why)."""

    code = "commune_list"
