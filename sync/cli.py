"""The ``esc-sync`` command.

    esc-sync [--config FILE] push customers|pqrs|info FILE [--dry-run] [--batch-size N]
             [--streams N] [--report json]
    esc-sync [--config FILE] pull pqrs|corrections --since MOMENT --out FILE [--report json]
    esc-sync [--config FILE] status | retry | dead-letters

Exit codes: 0 every row pushed (or, in a dry run, valid); 1 some rows set aside or left for
``retry`` (the summary says where); 2 usage or configuration error (argparse's own included);
3 Odoo unreachable or the login refused after the configured retries.

Without ``--config`` there is no Odoo: only ``--dry-run`` works, with the journal in
``.esc-sync/journal.sqlite`` under the current directory, and it validates and plans. With a
``--config`` that names an Odoo, ``--dry-run`` logs in and reads, as the push would, and says
what it would create, update and leave unchanged; it writes nothing to Odoo.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TextIO

from . import __version__
from .config import ConfigError, SyncConfig, load_config
from .engine import Push, PushReport
from .gateway import Gateway, TransientError, UnreachableError
from .jobs import PULL_JOBS, PUSH_JOBS
from .journal import Journal, JournalError
from .pull import run_pull
from .sources import SourceFileError

EXIT_OK, EXIT_SET_ASIDE, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3
SHOWN_PROBLEMS = 20
GatewayFactory = Callable[[SyncConfig], Gateway]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="esc-sync",
        description="Push customer information, PQRS and mass-communication requests from "
        "other systems into the ESC PQRS Odoo add-on, and pull decisions back.",
    )
    parser.add_argument("--version", action="version", version=f"esc-sync {__version__}")
    parser.add_argument("--config", type=Path, help="YAML configuration (Odoo, journal)")
    commands = parser.add_subparsers(dest="command")
    push = commands.add_parser("push", help="push a file of rows into Odoo")
    push.add_argument("job", choices=sorted(PUSH_JOBS), help="what the file holds")
    push.add_argument("file", type=Path)
    push.add_argument("--dry-run", action="store_true", help="validate and plan; send nothing")
    push.add_argument("--batch-size", type=_positive, help="rows per load() call")
    push.add_argument(
        "--streams",
        type=_positive,
        help="load() calls in flight at once, each on its own session (config streams, "
        "default 2); more than Odoo's workers gains nothing",
    )
    push.add_argument("--report", choices=["json"], help="print the report as JSON")
    retry = commands.add_parser("retry", help="send again the rows a timeout left behind")
    retry.add_argument("--report", choices=["json"])
    pull = commands.add_parser("pull", help="write what Odoo decided to a file")
    pull.add_argument("job", choices=sorted(PULL_JOBS), help="what to read back")
    pull.add_argument(
        "--since",
        required=True,
        type=_moment,
        help="records changed at or after this moment, with its zone (2026-12-01T00:00:00-05:00)",
    )
    pull.add_argument(
        "--out", required=True, type=Path, help="JSON Lines, or CSV when it ends in .csv"
    )
    pull.add_argument("--report", choices=["json"])
    commands.add_parser("status", help="what the journal holds")
    commands.add_parser("dead-letters", help="rows set aside, with file, line and reason")
    return parser


def main(argv: Sequence[str] | None = None, gateway_factory: GatewayFactory | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return _dispatch(args, gateway_factory or _odoo_gateway)
    except (ConfigError, SourceFileError, JournalError) as error:
        print(f"esc-sync: {error}", file=sys.stderr)
        return EXIT_USAGE
    except UnreachableError as error:
        print(f"esc-sync: Odoo unreachable: {error}", file=sys.stderr)
        return EXIT_UNREACHABLE


def _dispatch(args: argparse.Namespace, gateway_factory: GatewayFactory) -> int:
    dry_run = getattr(args, "dry_run", False)
    config = load_config(args.config, connect=args.command in ("push", "retry", "pull"))
    if args.command == "pull":
        return _pull(args, config, gateway_factory)
    if args.command in ("status", "dead-letters"):
        with Journal(config.journal, read_only=True) as journal:
            return _status(journal) if args.command == "status" else _dead_letters(journal)
    if not dry_run and not config.can_push:
        raise ConfigError("no Odoo to push to: give --config with an odoo section, or --dry-run")
    gateway = gateway_factory(config) if config.can_push else None
    batch_size = getattr(args, "batch_size", None) or config.batch_size
    streams = getattr(args, "streams", None) or config.streams
    with Journal(config.journal) as journal:

        def push(job: str) -> Push:
            return Push(
                PUSH_JOBS[job](),
                journal,
                gateway,
                batch_size,
                _progress_printer(sys.stderr, dry_run),
                streams,
                dry_run=dry_run,
            )

        if args.command == "retry":
            reports = [report for job in PUSH_JOBS for report in _retry(journal, push(job))]
        else:
            reports = [push(args.job).run(args.file)]
    for report in reports:
        _print_report(report, args.report, sys.stdout)
    return max((report.exit_code for report in reports), default=EXIT_OK)


def _pull(args: argparse.Namespace, config: SyncConfig, gateway_factory: GatewayFactory) -> int:
    if not config.can_push:
        raise ConfigError("no Odoo to pull from: give --config with an odoo section")
    journal = Journal(config.journal, read_only=True) if config.journal.exists() else None
    try:
        pull = PULL_JOBS[args.job](journal)
        report = run_pull(pull, gateway_factory(config), args.since, args.out)
    except TransientError as error:
        print(f"esc-sync: Odoo did not answer; {args.out} is unchanged: {error}", file=sys.stderr)
        return EXIT_UNREACHABLE
    finally:
        if journal is not None:
            journal.close()
    if args.report == "json":
        document = {**asdict(report), "exit_code": report.exit_code}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(f"{report.rows} {report.job} changed since {report.since} written to {report.out}")
        if report.next_since:
            print(f"next pull: --since {report.next_since}")
    return report.exit_code


def _moment(text: str) -> datetime:
    """A moment with its zone: the same rule as every timestamp the sync reads."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError("not ISO 8601 (2026-12-01T00:00:00-05:00)") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("has no time zone: write its offset, or Z for UTC")
    return moment


def _odoo_gateway(config: SyncConfig) -> Gateway:
    from .odoo import OdooRpcGateway  # the one module that imports odoorpc

    assert config.odoo is not None
    return OdooRpcGateway(config.odoo, config.retries)


def _retry(journal: Journal, push: Push) -> list[PushReport]:
    """Push again, file by file, the rows of the push's job left ``failed`` by timeouts."""
    keys_by_file: dict[str, set[tuple[str, str]]] = {}
    for entry in journal.retryable(push.job.name):
        keys_by_file.setdefault(entry.file, set()).add((entry.source_system, entry.key))
    return [push.run(Path(file), only_keys=keys) for file, keys in keys_by_file.items()]


def _status(journal: Journal) -> int:
    """Every job the journal holds rows or runs of (customers always)."""
    for job in PUSH_JOBS:
        summary = journal.status(job)
        if job != "customers" and not any(summary.counts.values()) and summary.last_run is None:
            continue
        print(f"job {summary.job}")
        for state, count in summary.counts.items():
            print(f"  {state:<8} {count:>8}")
        if summary.last_run:
            run = summary.last_run
            print(f"last run #{run.id} on {run.file}: {run.status}, started {run.started_at}")
    return EXIT_OK


def _dead_letters(journal: Journal) -> int:
    count = 0
    for job in PUSH_JOBS:
        for entry in journal.dead_letters(job):
            count += 1
            where = f"{entry.file}:{entry.line}"
            prefix = "" if job == "customers" else f"{job}  "
            print(f"{prefix}{where}  {entry.error_field or '-'}: {entry.error_reason}")
    print(f"{count} rows set aside")
    return EXIT_OK


def _print_report(report: PushReport, style: str | None, out: TextIO) -> None:
    if style == "json":
        document = asdict(report)
        document["exit_code"] = report.exit_code
        json.dump(document, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if report.dry_run:
        out.write("DRY RUN: nothing was sent to Odoo.\n")
        if not report.compared:
            out.write("Not compared with Odoo (no --config): what it would write is not known.\n")
    created, updated, unchanged = (
        ("would create", "would update", "would leave unchanged")
        if report.dry_run
        else ("created", "updated", "unchanged (skipped)")
    )
    rows = [
        ("file", report.file),
        ("rows read", report.rows_read),
        ("valid", report.valid),
        (created, report.created),
        (updated, report.updated),
        (unchanged, report.unchanged),
        ("set aside", len(report.set_aside)),
        ("converted", len(report.converted)),
        ("held for the ERP", len(report.held)),
        ("left for retry", report.retry_later),
        ("batches" + (" planned" if report.dry_run else ""), report.batches),
        ("RPC calls", report.rpc_calls),
        ("seconds", f"{report.seconds:.2f}"),
    ]
    width = max(len(label) for label, _value in rows)
    out.writelines(f"{label:<{width}}  {value}\n" for label, value in rows)
    out.writelines(
        f"  {problem.file}:{problem.line}  {problem.field or '-'}: {problem.reason}\n"
        for problem in report.set_aside[:SHOWN_PROBLEMS]
    )
    out.writelines(
        f"  {note.file}:{note.line}  {note.field}: {note.reason}\n"
        for note in [*report.converted, *report.held][:SHOWN_PROBLEMS]
    )
    out.writelines(
        f"  {row['file']}:{row['line']}  {row['key']} → "
        + ", ".join(f"{name} {value}" for name, value in _returned_values(row))
        + "\n"
        for row in report.returned[:SHOWN_PROBLEMS]
    )
    if len(report.returned) > SHOWN_PROBLEMS:
        hidden = len(report.returned) - SHOWN_PROBLEMS
        out.write(f"  ... and {hidden} more in Odoo: --report json lists them all\n")
    if len(report.set_aside) > SHOWN_PROBLEMS:
        hidden = len(report.set_aside) - SHOWN_PROBLEMS
        out.write(f"  ... and {hidden} more: `esc-sync dead-letters` lists them all\n")


def _returned_values(row: dict[str, object]) -> list[tuple[str, object]]:
    """What Odoo holds of a pushed row, without the row's own identity."""
    own = {"file", "line", "source_system", "key", "id"}
    return [(name, value) for name, value in row.items() if name not in own]


def _progress_printer(stream: TextIO, dry_run: bool = False) -> Callable[[int, int], None]:
    """A bar redrawn in place on a terminal; a plain line per batch elsewhere."""
    interactive = stream.isatty()
    doing, done_ = ("comparing", "compared") if dry_run else ("pushing", "pushed")

    def show(done: int, total: int) -> None:
        if not total:
            return
        if interactive:
            filled = int(30 * done / total)
            bar = "#" * filled + "." * (30 - filled)
            stream.write(f"\r{doing} [{bar}] {done}/{total}")
            if done == total:
                stream.write("\n")
        else:
            stream.write(f"{done_} {done}/{total} rows\n")
        stream.flush()

    return show


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
