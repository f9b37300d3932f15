# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..wizards.esc_pqrs_compliance_report import CLOSING_PROCEDURES

SLA_KINDS = ("sla_first_response", "sla_resolution")
#: Periods whose cases may still be answered are refreshed by the daily job this long after.
REFRESH_WINDOW = relativedelta(months=3)


class EscChannelPerformance(models.Model):
    """A channel's figures for a period (policy, GESTIONAR CANALES: Customer Service manages
    the channels' performance, availability and accessibility), kept as a record so that
    channels compare side by side and an improvement plan can point at the figure it answers.

    Decisions, for every figure:

    * The cases are those *received* in the period on the channel (company's PQRS calendar
      days), as they stand when the figures were last computed (``computed_at``); the daily
      job recomputes periods that ended less than three months ago.
    * First-response and resolution times are averages of the cases' own business hours
      (``first_response_hours``, ``resolution_hours``) over the cases that have them.
    * *Within the legal term* is over the cases whose term is decided: answered (within or
      late) or past due unanswered; a case still within its term, or closed by remission or
      withdrawal, is not counted. *Within SLA* likewise over cases with service levels: all
      met on time, against any met late or past due.
    * Availability is measured against the channel's service hours (holidays excluded),
      overlapping incidents counted once; satisfaction is the Voice of the Customer's CSAT and
      NPS of the answers linked to the channel's cases, dated in the period.
    * A rate with nothing to count is shown empty (its count is 0), never as 0 %. Rates, means
      and scores do not add up across records (an average of averages would mislead): grouped
      lists and the pivot total the counts only.

    The figures are the system's: users read them, and make or recompute them only through the
    comparison and *Recompute* (as superuser); nobody writes one by hand.
    """

    _name = "esc.channel.performance"
    _description = "Channel Performance"
    _order = "date_from desc, date_to desc, channel_id"

    channel_id = fields.Many2one("esc.channel", required=True, ondelete="cascade", index=True)
    channel_state = fields.Selection(related="channel_id.state", string="Channel State")
    area_id = fields.Many2one(related="channel_id.area_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    period = fields.Char(
        compute="_compute_period", store=True, help="The period's first and last day, to group by."
    )
    computed_at = fields.Datetime(string="Computed On", readonly=True)
    received_count = fields.Integer(string="Received", readonly=True)
    first_response_count = fields.Integer(string="With First Response", readonly=True)
    first_response_hours = fields.Float(
        string="First Response (business hours)", aggregator=None, readonly=True
    )
    resolved_count = fields.Integer(string="Resolved", readonly=True)
    resolution_hours = fields.Float(
        string="Resolution (business hours)", aggregator=None, readonly=True
    )
    legal_decided_count = fields.Integer(string="Legal Term Decided", readonly=True)
    legal_within_count = fields.Integer(string="Within Legal Term", readonly=True)
    legal_within_rate = fields.Float(string="Within Legal Term (%)", aggregator=None, readonly=True)
    sla_decided_count = fields.Integer(string="SLA Decided", readonly=True)
    sla_within_count = fields.Integer(string="Within SLA", readonly=True)
    sla_within_rate = fields.Float(string="Within SLA (%)", aggregator=None, readonly=True)
    incident_count = fields.Integer(string="Incidents", readonly=True)
    service_hours = fields.Float(readonly=True)
    down_hours = fields.Float(string="Hours Down", readonly=True)
    availability = fields.Float(string="Availability (%)", aggregator=None, readonly=True)
    csat_count = fields.Integer(string="CSAT Answers", readonly=True)
    csat = fields.Float(string="CSAT (%)", aggregator=None, readonly=True)
    nps_count = fields.Integer(string="NPS Answers", readonly=True)
    nps = fields.Float(string="NPS", aggregator=None, readonly=True)
    improvement_plan_ids = fields.One2many(
        "esc.improvement.plan", "channel_performance_id", string="Improvement Plans"
    )

    _sql_constraints = [
        (
            "period_unique",
            "unique (channel_id, company_id, date_from, date_to)",
            "A channel has one set of figures per company and period.",
        ),
    ]

    @api.depends("date_from", "date_to")
    def _compute_period(self):
        for record in self:
            record.period = f"{record.date_from} / {record.date_to}"

    @api.depends("channel_id", "date_from", "date_to")
    def _compute_display_name(self):
        for record in self:
            record.display_name = _(
                "%(channel)s, %(start)s to %(end)s",
                channel=record.channel_id.display_name,
                start=record.date_from,
                end=record.date_to,
            )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for record in self:
            if record.date_to < record.date_from:
                raise ValidationError(
                    _(
                        "Performance of channel %(channel)s: the field %(to_field)s (%(to)s) is "
                        "before the field %(from_field)s (%(from)s).",
                        channel=record.channel_id.display_name,
                        to_field=self._fields["date_to"]._description_string(self.env),
                        to=record.date_to,
                        from_field=self._fields["date_from"]._description_string(self.env),
                        **{"from": record.date_from},
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_esc_refresh(self):
        self._esc_refresh()

    def action_esc_create_improvement_plan(self):
        self.ensure_one()
        return self.env["esc.improvement.plan"]._esc_new_plan_action(
            {
                "default_source": "channel_kpi",
                "default_channel_performance_id": self.id,
                "default_channel_id": self.channel_id.id,
                "default_area_id": self.area_id.id,
            }
        )

    @api.model
    def _cron_esc_refresh(self):
        """Daily: this month's and last month's figures of every channel in pilot or official,
        and a fresh count of every period whose cases may still be answered."""
        today = fields.Date.context_today(self)
        this_month = today.replace(day=1)
        last_month = this_month - relativedelta(months=1)
        channels = self.env["esc.channel"].search([("state", "in", ("pilot", "official"))])
        for company in self.env["res.company"].search([("esc_pqrs_calendar_id", "!=", False)]):
            for start in (last_month, this_month):
                end = start + relativedelta(months=1) - timedelta(days=1)
                self.with_company(company)._esc_ensure(channels, company, start, end)
        self.search([("date_to", ">=", today - REFRESH_WINDOW)])._esc_refresh()

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    @api.model
    def _esc_for_period(self, channels, date_from, date_to):
        """The figures of ``channels`` for the period in the current company, made or found,
        freshly computed."""
        records = self._esc_ensure(channels, self.env.company, date_from, date_to)
        records._esc_refresh()
        return records

    @api.model
    def _esc_ensure(self, channels, company, date_from, date_to):
        period = [
            ("company_id", "=", company.id),
            ("date_from", "=", date_from),
            ("date_to", "=", date_to),
        ]
        existing = self.search([*period, ("channel_id", "in", channels.ids)])
        missing = channels - existing.channel_id
        return existing | self.sudo().create(
            [
                {
                    "channel_id": channel.id,
                    "company_id": company.id,
                    "date_from": date_from,
                    "date_to": date_to,
                }
                for channel in missing
            ]
        ).with_env(self.env)

    def _esc_refresh(self):
        """Recompute these figures: per period, a few grouped reads for all its channels."""
        now = fields.Datetime.now()
        periods = defaultdict(lambda: self.browse())
        for record in self:
            periods[record.company_id, record.date_from, record.date_to] |= record
        for (company, date_from, date_to), records in periods.items():
            figures = self.sudo()._esc_period_figures(
                company, date_from, date_to, records.channel_id, now
            )
            for record in records:
                record.sudo().write({**figures[record.channel_id.id], "computed_at": now})

    @api.model
    def _esc_period_figures(self, company, date_from, date_to, channels, now):
        calendar = company.esc_pqrs_calendar_id
        start_at = calendar._esc_day_start(date_from)
        end_at = calendar._esc_day_end(date_to)
        received = [
            ("company_id", "=", company.id),
            ("channel_id", "in", channels.ids),
            ("received_at", ">=", start_at),
            ("received_at", "<=", end_at),
        ]
        figures = {channel.id: dict.fromkeys(self._esc_figure_names(), 0) for channel in channels}
        self._esc_time_figures(figures, received)
        self._esc_term_figures(figures, received, now)
        self._esc_satisfaction_figures(figures, company, date_from, date_to, channels)
        for channel in channels:
            availability = channel._esc_availability(start_at, end_at)
            availability["availability"] = availability["availability"] or 0.0
            figures[channel.id].update(availability)
        return figures

    @api.model
    def _esc_figure_names(self):
        return [
            name
            for name, field in self._fields.items()
            if field.type in ("integer", "float") and field.readonly and not field.related
        ]

    @api.model
    def _esc_time_figures(self, figures, received):
        cases = self.env["esc.pqrs"]
        for channel, count in cases._read_group(received, ["channel_id"], ["__count"]):
            figures[channel.id]["received_count"] = count
        for stamp, counted, hours in (
            ("first_response_at", "first_response_count", "first_response_hours"),
            ("resolved_at", "resolved_count", "resolution_hours"),
        ):
            for channel, count, mean in cases._read_group(
                [*received, (stamp, "!=", False)], ["channel_id"], ["__count", f"{hours}:avg"]
            ):
                figures[channel.id][counted] = count
                figures[channel.id][hours] = mean

    @api.model
    def _esc_term_figures(self, figures, received, now):
        answerable = [
            *received,
            ("procedure_ids", "not any", [("kind", "in", CLOSING_PROCEDURES)]),
        ]
        failed = [
            "|",
            ("is_met_late", "=", True),
            "&",
            "&",
            ("met_at", "=", False),
            ("state", "!=", "paused"),
            ("due_at", "<", now),
        ]
        legal = [("kind", "=", "legal")]
        met_in_time = [("met_at", "!=", False), ("is_met_late", "=", False)]
        sla = [("kind", "in", SLA_KINDS)]
        outcomes = {
            ("legal", True): [("deadline_ids", "any", [*legal, *met_in_time])],
            ("legal", False): [("deadline_ids", "any", [*legal, *failed])],
            ("sla", True): [
                ("deadline_ids", "any", sla),
                (
                    "deadline_ids",
                    "not any",
                    [*sla, "|", ("met_at", "=", False), ("is_met_late", "=", True)],
                ),
            ],
            ("sla", False): [("deadline_ids", "any", [*sla, *failed])],
        }
        cases = self.env["esc.pqrs"]
        for (term, within), domain in outcomes.items():
            for channel, count in cases._read_group(
                [*answerable, *domain], ["channel_id"], ["__count"]
            ):
                figures[channel.id][f"{term}_decided_count"] += count
                if within:
                    figures[channel.id][f"{term}_within_count"] = count
        for values in figures.values():
            for term in ("legal", "sla"):
                decided = values[f"{term}_decided_count"]
                within = values[f"{term}_within_count"]
                values[f"{term}_within_rate"] = 100.0 * within / decided if decided else 0.0

    @api.model
    def _esc_satisfaction_figures(self, figures, company, date_from, date_to, channels):
        scores = self.env["esc.voc.score"]._esc_scores(
            [
                ("company_id", "=", company.id),
                ("channel_id", "in", channels.ids),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            "channel_id",
        )
        for channel, score in scores.items():
            figures[channel.id].update(
                csat_count=score["csat_count"],
                csat=score["csat"] or 0.0,
                nps_count=score["nps_count"],
                nps=score["nps"] or 0.0,
            )
