# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The legal-compliance report (policy: Customer Service ensures the legal framework is met and
reports how PQRS were handled): for a company and a period of filing dates, how many cases of
each type, channel and segment, how they were answered against the legal term, and which
were late. PDF and XLSX show the same figures."""

import io
from collections import Counter
from datetime import timedelta

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..tools.business_day_index import BusinessDayIndex

#: Procedures that close a case without an answer on its merits.
CLOSING_PROCEDURES = ("remission", "withdrawal")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EscPqrsComplianceReport(models.TransientModel):
    """Figures of the cases *filed* in the period, as they stand when the report runs.

    Decisions, for every figure:

    * **Answered** means the legal deadline line is met (``met_at``), whatever stage the case
      is in: the answer meets the legal term, not a stage. *Within term* or *late* is the
      line's own ``is_met_late``. Cases closed by remission (art. 21) or withdrawal
      (art. 17) are counted as such, never as answered, though their lines are met too.
    * **Still open and overdue**: an open case whose legal line is unmet, not suspended
      (art. 17) and past due at the moment the report runs.
    * **Extended** and **deemed accepted** overlap the others: an extended case is also
      answered in term or late, a deemed-accepted one also answered or overdue.
    * **Mean business days to answer** averages ``answer_business_days`` of the answered
      cases.

    Every figure is one grouped read whatever the number of cases; the late cases are one
    read of their legal lines, their cases and the calendar.
    """

    _name = "esc.pqrs.compliance.report"
    _description = "PQRS Legal-Compliance Report"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    date_from = fields.Date(
        string="Filed From",
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        ),
    )
    date_to = fields.Date(
        string="Filed To",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1) - timedelta(days=1),
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for report in self:
            if report.date_to < report.date_from:
                raise ValidationError(
                    _(
                        "Legal-compliance report of %(company)s: the field %(to_field)s "
                        "(%(to)s) is before the field %(from_field)s (%(from)s); a period "
                        "must end on or after the day it starts.",
                        company=report.company_id.display_name,
                        to_field=self._fields["date_to"]._description_string(self.env),
                        to=report.date_to,
                        from_field=self._fields["date_from"]._description_string(self.env),
                        **{"from": report.date_from},
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("esc_pqrs_module.esc_pqrs_compliance_report_pdf").report_action(self)

    def action_export_xlsx(self):
        """Build the workbook and hand it to the browser as an attachment of this report,
        which only its author may read (transient records are their creator's)."""
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": self._esc_file_name("xlsx"),
                "raw": self._esc_xlsx_content(),
                "mimetype": XLSX_MIMETYPE,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    def _esc_figures(self):
        """Every figure of the report, as a dict (see the class docstring)."""
        self.ensure_one()
        now = fields.Datetime.now()
        period = self._esc_period_domain()
        answerable = [*period, ("procedure_ids", "not any", [("kind", "in", CLOSING_PROCEDURES)])]
        figures = {"moment": now, **self._esc_breakdowns(period)}
        figures.update(self._esc_legal_record_counts(period))
        figures.update(self._esc_answer_counts(answerable))
        figures["open_overdue"] = self._esc_overdue_count(period, now)
        figures["late_cases"] = self._esc_late_cases(answerable, now)
        return figures

    def _esc_period_domain(self):
        return [
            ("company_id", "=", self.company_id.id),
            ("filing_date", ">=", self.date_from),
            ("filing_date", "<=", self.date_to),
        ]

    def _esc_breakdowns(self, period):
        """Cases by type, by channel and by segment, from one grouped read."""
        by_type, by_channel, by_segment = Counter(), Counter(), Counter()
        groups = self.env["esc.pqrs"]._read_group(
            period, ["type_id", "channel_id", "segment_id"], ["__count"]
        )
        for pqrs_type, channel, segment, count in groups:
            by_type[pqrs_type] += count
            by_channel[channel] += count
            by_segment[segment] += count
        return {
            "total": sum(by_type.values()),
            "by_type": dict(by_type),
            "by_channel": dict(by_channel),
            "by_segment": dict(by_segment),
        }

    def _esc_legal_record_counts(self, period):
        """Extended and deemed accepted from the case's flags; remitted and withdrawn from
        the case's legal record."""
        counts = dict.fromkeys(("extended", "deemed_accepted", "remitted", "withdrawn"), 0)
        for extended, deemed, count in self.env["esc.pqrs"]._read_group(
            period, ["is_extended", "is_deemed_accepted"], ["__count"]
        ):
            counts["extended"] += count if extended else 0
            counts["deemed_accepted"] += count if deemed else 0
        names = {"remission": "remitted", "withdrawal": "withdrawn"}
        for kind, count in self.env["esc.pqrs.procedure"]._read_group(
            [("kind", "in", CLOSING_PROCEDURES), ("pqrs_id", "any", period)],
            ["kind"],
            ["pqrs_id:count_distinct"],
        ):
            counts[names[kind]] = count
        return counts

    def _esc_answer_counts(self, answerable):
        """Answered within term and late (the legal line's ``is_met_late``), and the mean
        business days to answer."""
        met = [("kind", "=", "legal"), ("met_at", "!=", False)]
        counts = {"answered_in_term": 0, "answered_late": 0}
        for late, count in self.env["esc.pqrs.deadline"]._read_group(
            [*met, ("pqrs_id", "any", answerable)], ["is_met_late"], ["__count"]
        ):
            counts["answered_late" if late else "answered_in_term"] = count
        [(mean,)] = self.env["esc.pqrs"]._read_group(
            [*answerable, ("deadline_ids", "any", met)], [], ["answer_business_days:avg"]
        )
        counts["mean_answer_days"] = mean
        return counts

    def _esc_overdue_domain(self, now):
        """Legal lines of open cases, unmet, running (not suspended) and past due."""
        return [
            ("kind", "=", "legal"),
            ("met_at", "=", False),
            ("state", "!=", "paused"),
            ("due_at", "<", now),
            ("pqrs_id.is_closed", "=", False),
        ]

    def _esc_overdue_count(self, period, now):
        [(count,)] = self.env["esc.pqrs.deadline"]._read_group(
            [*self._esc_overdue_domain(now), ("pqrs_id", "any", period)], [], ["__count"]
        )
        return count

    def _esc_late_cases(self, answerable, now):
        """Each case answered late or still open past its legal due date, oldest due first,
        with the business days it is (or was) late by."""
        domain = expression.AND(
            [
                [("kind", "=", "legal"), ("pqrs_id", "any", answerable)],
                expression.OR([[("is_met_late", "=", True)], self._esc_overdue_domain(now)]),
            ]
        )
        lines = self.env["esc.pqrs.deadline"].search_fetch(
            domain, ["pqrs_id", "due_at", "met_at"], order="due_at, id"
        )
        if not lines:
            return []
        lines.pqrs_id.fetch(["name", "subject", "partner_id", "type_id", "filing_date"])
        calendar = self.company_id.esc_pqrs_calendar_id
        today = calendar._esc_local_date(now)
        due_days = [calendar._esc_local_date(line.due_at) for line in lines]
        answer_days = [line.met_at and calendar._esc_local_date(line.met_at) for line in lines]
        index = BusinessDayIndex(
            calendar._esc_business_days,
            min(due_days),
            max([today, *due_days, *filter(None, answer_days)]),
        )
        return [
            {
                "name": line.pqrs_id.name,
                "subject": line.pqrs_id.subject,
                "customer": line.pqrs_id.partner_id.display_name,
                "type": line.pqrs_id.type_id.display_name,
                "filing_date": line.pqrs_id.filing_date,
                "due_date": due_day,
                "answered_on": answer_day or False,
                "business_days_late": index.count_between(due_day, answer_day or today),
            }
            for line, due_day, answer_day in zip(lines, due_days, answer_days, strict=True)
        ]

    # ------------------------------------------------------------------
    # Presentation, shared by the PDF and the XLSX
    # ------------------------------------------------------------------

    def _esc_figure_rows(self, figures):
        """The headline figures as (label, value), in the order both outputs show them."""
        return [
            (_("Cases filed"), figures["total"]),
            (_("Answered within the legal term"), figures["answered_in_term"]),
            (_("Term extended (art. 14)"), figures["extended"]),
            (_("Answered late"), figures["answered_late"]),
            (_("Still open and overdue"), figures["open_overdue"]),
            (_("Withdrawn (art. 17)"), figures["withdrawn"]),
            (_("Remitted (art. 21)"), figures["remitted"]),
            (_("Deemed accepted (art. 14 num. 1)"), figures["deemed_accepted"]),
            (
                _("Mean business days to answer"),
                round(figures["mean_answer_days"], 1)
                if figures["mean_answer_days"] is not None
                else "-",
            ),
        ]

    def _esc_breakdown_sections(self, figures):
        """(title, [(label, count)]) for each breakdown, largest first."""
        not_set = _("Not set")
        return [
            (
                title,
                sorted(
                    ((record.display_name or not_set, count) for record, count in counts.items()),
                    key=lambda item: (-item[1], item[0]),
                ),
            )
            for title, counts in (
                (_("By type"), figures["by_type"]),
                (_("By channel"), figures["by_channel"]),
                (_("By segment"), figures["by_segment"]),
            )
        ]

    def _esc_file_name(self, extension):
        return f"pqrs_compliance_{self.date_from}_{self.date_to}.{extension}"

    def _esc_xlsx_content(self):
        """The report as an XLSX workbook: the figures and breakdowns on one sheet, the late
        cases on another."""
        self.ensure_one()
        figures = self._esc_figures()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet = workbook.add_worksheet(_("Figures"))
        sheet.set_column(0, 0, 45)
        sheet.set_column(1, 1, 14)
        sheet.write(0, 0, _("PQRS legal-compliance report"), bold)
        sheet.write(1, 0, self.company_id.display_name)
        sheet.write(2, 0, _("Filed from"))
        sheet.write_datetime(2, 1, fields.Datetime.to_datetime(self.date_from), day)
        sheet.write(3, 0, _("Filed to"))
        sheet.write_datetime(3, 1, fields.Datetime.to_datetime(self.date_to), day)
        row = 5
        for label, value in self._esc_figure_rows(figures):
            sheet.write(row, 0, label)
            sheet.write(row, 1, value)
            row += 1
        for title, items in self._esc_breakdown_sections(figures):
            row += 1
            sheet.write(row, 0, title, bold)
            row += 1
            for label, count in items:
                sheet.write(row, 0, label)
                sheet.write(row, 1, count)
                row += 1
        self._esc_xlsx_late_sheet(workbook, figures["late_cases"], bold, day)
        workbook.close()
        return buffer.getvalue()

    def _esc_xlsx_late_sheet(self, workbook, late_cases, bold, day):
        sheet = workbook.add_worksheet(_("Late Cases"))
        headers = [
            _("Filing Number"),
            _("Subject"),
            _("Customer"),
            _("Type"),
            _("Filing Date"),
            _("Legal Due Date"),
            _("Answered On"),
            _("Business Days Late"),
        ]
        for column, header in enumerate(headers):
            sheet.write(0, column, header, bold)
        sheet.set_column(0, 3, 24)
        sheet.set_column(4, 7, 14)
        for row, case in enumerate(late_cases, start=1):
            sheet.write(row, 0, case["name"])
            sheet.write(row, 1, case["subject"])
            sheet.write(row, 2, case["customer"])
            sheet.write(row, 3, case["type"])
            for column, key in ((4, "filing_date"), (5, "due_date"), (6, "answered_on")):
                if case[key]:
                    sheet.write_datetime(row, column, fields.Datetime.to_datetime(case[key]), day)
            if not case["answered_on"]:
                sheet.write(row, 6, _("Not answered yet"))
            sheet.write(row, 7, case["business_days_late"])
