"""Which files a customer may attach to a PQRS, from e-mail or a web form.

A PQRS carries evidence: photos, scans, documents, spreadsheets. It never carries programs, and
no customer makes Odoo store a file it would not open. The screening is by name and by content
(a program renamed ``foto.jpg`` is still a program), with limits on size and count, so that a
filing keeps the good files and says which ones it set aside and why.
"""

from dataclasses import dataclass, field
from pathlib import PurePath

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 25 * 1024 * 1024
#: Evidence a customer sends: images, PDF, office documents, plain text and tables.
ALLOWED_EXTENSIONS = frozenset(
    {
        ".pdf",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".tif",
        ".tiff",
        ".heic",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".odt",
        ".ods",
        ".csv",
        ".txt",
    }
)
#: How programs start: Windows and ELF executables, Mach-O, scripts with an interpreter line.
PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"#!")

TOO_MANY = "too_many"
TOO_LARGE = "too_large"
TOTAL_TOO_LARGE = "total_too_large"
NOT_ALLOWED = "not_allowed"
PROGRAM = "program"
EMPTY = "empty"


@dataclass
class Screening:
    """The files kept, in order, and those set aside with the reason code."""

    accepted: list[tuple[str, bytes]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def screen(files: list[tuple[str, bytes]]) -> Screening:
    """Keep the files a PQRS may carry, first come first kept within the limits."""
    screening = Screening()
    total = 0
    for name, content in files:
        reason = _refusal(name, content)
        if reason is None and len(screening.accepted) >= MAX_FILES:
            reason = TOO_MANY
        if reason is None and total + len(content) > MAX_TOTAL_BYTES:
            reason = TOTAL_TOO_LARGE
        if reason:
            screening.refused.append((name, reason))
            continue
        screening.accepted.append((name, content))
        total += len(content)
    return screening


def _refusal(name: str, content: bytes) -> str | None:
    if not content:
        return EMPTY
    if content.startswith(PROGRAM_SIGNATURES):
        return PROGRAM
    if PurePath(name or "").suffix.lower() not in ALLOWED_EXTENSIONS:
        return NOT_ALLOWED
    if len(content) > MAX_FILE_BYTES:
        return TOO_LARGE
    return None
