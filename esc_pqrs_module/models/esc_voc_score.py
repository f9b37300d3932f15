# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Voice of the Customer in one place: a row per survey invitation of a campaign, and a row
per compliment or suggestion filed as a PQRS, read by Odoo's pivot and graph views.

Each score is a column whose *average* is the score, so that grouped reads (``_read_group``,
the pivot) compute it in the database for any grouping — campaign, segment, channel, market,
period — with no loop over answers:

- ``nps``: 100 for a promoter (9-10), 0 for a passive (7-8), -100 for a detractor (0-6); its
  mean is % promoters minus % detractors.
- ``csat``: 100 for 4-5, 0 for 1-3; its mean is the % satisfied.
- ``ces``: the 1-7 value; its mean is the effort score.
- ``response_rate``: 100 for an answered invitation, 0 otherwise; its mean is answered/invited.

A score is read from finished answers only; a group with none has no value (NULL, shown empty),
never 0. The period is the day of the answer in Colombia (America/Bogota), or of the invitation
while unanswered, or the PQRS's filing date.
"""

from odoo import fields, models
from odoo.tools import SQL

COMPLIMENT_XMLID = "esc_pqrs_type_compliment"
SUGGESTION_XMLID = "esc_pqrs_type_suggestion"
SCORE_ROLES = ("nps", "csat", "ces")


class EscVocScore(models.Model):
    _name = "esc.voc.score"
    _description = "Voice of the Customer Score"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    #: What the query reads: flushed before any search or grouped read of the scores.
    _depends = {
        "survey.user_input": [
            "esc_voc_campaign_id", "esc_pqrs_id", "esc_segment_id", "esc_market",
            "esc_channel_id", "partner_id", "state", "end_datetime", "create_date",
            "esc_voc_scores",
        ],
        "esc.voc.campaign": ["kind", "company_id"],
        "res.partner": ["commercial_partner_id", "user_id", "esc_market"],
        "esc.pqrs": [
            "type_id", "company_id", "commercial_partner_id", "partner_id", "segment_id",
            "channel_id", "filing_date", "create_date",
        ],
    }  # fmt: skip

    source = fields.Selection([("survey", "Survey"), ("pqrs", "PQRS")], readonly=True)
    user_input_id = fields.Many2one("survey.user_input", string="Answer", readonly=True)
    pqrs_id = fields.Many2one("esc.pqrs", string="PQRS", readonly=True)
    campaign_id = fields.Many2one("esc.voc.campaign", readonly=True)
    campaign_kind = fields.Selection(
        selection=lambda self: self.env["esc.voc.campaign"]._fields["kind"].selection,
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    salesperson_id = fields.Many2one("res.users", readonly=True)
    segment_id = fields.Many2one("esc.segment", readonly=True)
    market = fields.Char(readonly=True)
    channel_id = fields.Many2one("esc.channel", readonly=True)
    date = fields.Date(readonly=True)
    invited_count = fields.Integer(string="Invited", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    response_rate = fields.Float(string="Response Rate (%)", aggregator="avg", readonly=True)
    nps_value = fields.Integer(string="NPS Answer (0-10)", aggregator=None, readonly=True)
    nps = fields.Float(string="NPS", aggregator="avg", readonly=True)
    promoter_count = fields.Integer(string="Promoters", readonly=True)
    detractor_count = fields.Integer(string="Detractors", readonly=True)
    csat_value = fields.Integer(string="CSAT Answer (1-5)", aggregator=None, readonly=True)
    csat = fields.Float(string="CSAT (%)", aggregator="avg", readonly=True)
    ces = fields.Float(string="CES (1-7)", aggregator="avg", readonly=True)
    is_low_score = fields.Boolean(
        string="Low Score", readonly=True, help="A detractor (NPS 0-6) or CSAT 1-2."
    )
    comment = fields.Text(readonly=True)
    compliment_count = fields.Integer(string="Compliments", readonly=True)
    suggestion_count = fields.Integer(string="Suggestions", readonly=True)

    @property
    def _table_query(self):
        return SQL("%s UNION ALL %s", self._esc_survey_rows(), self._esc_pqrs_rows())

    def _esc_survey_rows(self):
        return SQL(
            """
            SELECT ui.id * 2 AS id, 'survey' AS source, ui.id AS user_input_id,
                   ui.esc_pqrs_id AS pqrs_id, campaign.id AS campaign_id,
                   campaign.kind AS campaign_kind, campaign.company_id AS company_id,
                   partner.commercial_partner_id AS partner_id,
                   COALESCE(company.user_id, partner.user_id) AS salesperson_id,
                   ui.esc_segment_id AS segment_id, ui.esc_market AS market,
                   ui.esc_channel_id AS channel_id,
                   (COALESCE(ui.end_datetime, ui.create_date) AT TIME ZONE 'UTC'
                       AT TIME ZONE 'America/Bogota')::date AS date,
                   1 AS invited_count,
                   (ui.state = 'done')::int AS answered_count,
                   CASE WHEN ui.state = 'done' THEN 100.0 ELSE 0.0 END AS response_rate,
                   score.nps_value AS nps_value,
                   CASE WHEN score.nps_value >= 9 THEN 100.0
                        WHEN score.nps_value <= 6 THEN -100.0
                        WHEN score.nps_value IS NOT NULL THEN 0.0 END AS nps,
                   (score.nps_value >= 9)::int AS promoter_count,
                   (score.nps_value <= 6)::int AS detractor_count,
                   score.csat_value AS csat_value,
                   CASE WHEN score.csat_value >= 4 THEN 100.0
                        WHEN score.csat_value IS NOT NULL THEN 0.0 END AS csat,
                   score.ces_value::float AS ces,
                   COALESCE(score.nps_value <= 6 OR score.csat_value <= 2, FALSE) AS is_low_score,
                   score.comment AS comment,
                   0 AS compliment_count, 0 AS suggestion_count
              FROM survey_user_input ui
              JOIN esc_voc_campaign campaign ON campaign.id = ui.esc_voc_campaign_id
         LEFT JOIN res_partner partner ON partner.id = ui.partner_id
         LEFT JOIN res_partner company ON company.id = partner.commercial_partner_id
        CROSS JOIN LATERAL (
                SELECT (done.scores ->> 'nps')::int AS nps_value,
                       (done.scores ->> 'csat')::int AS csat_value,
                       (done.scores ->> 'ces')::int AS ces_value,
                       done.scores ->> 'comment' AS comment
                  FROM (SELECT CASE WHEN ui.state = 'done' THEN ui.esc_voc_scores END AS scores)
                       done
            ) score
            """
        )

    def _esc_pqrs_rows(self):
        return SQL(
            """
            SELECT pqrs.id * 2 + 1, 'pqrs', NULL, pqrs.id, NULL, NULL, pqrs.company_id,
                   pqrs.commercial_partner_id, COALESCE(company.user_id, partner.user_id),
                   pqrs.segment_id, company.esc_market, pqrs.channel_id,
                   COALESCE(pqrs.filing_date, (pqrs.create_date AT TIME ZONE 'UTC'
                       AT TIME ZONE 'America/Bogota')::date),
                   0, 0, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, FALSE, NULL,
                   (kind.name = %(compliment)s)::int, (kind.name = %(suggestion)s)::int
              FROM esc_pqrs pqrs
              JOIN ir_model_data kind ON kind.model = 'esc.pqrs.type'
                   AND kind.module = 'esc_pqrs_module' AND kind.res_id = pqrs.type_id
                   AND kind.name IN (%(compliment)s, %(suggestion)s)
         LEFT JOIN res_partner partner ON partner.id = pqrs.partner_id
         LEFT JOIN res_partner company ON company.id = pqrs.commercial_partner_id
            """,
            compliment=COMPLIMENT_XMLID,
            suggestion=SUGGESTION_XMLID,
        )

    def action_open_source(self):
        """Drill down from a score to the answer it was read from, or to the PQRS."""
        self.ensure_one()
        record = self.user_input_id or self.pqrs_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _esc_scores(self, domain, groupby):
        """{group: {invited, answered, response_rate, nps, nps_count, csat, csat_count, ces,
        ces_count, compliments, suggestions}} by one grouped read; a score with no answer is
        ``None`` ("no data"), never 0."""
        aggregates = [
            "invited_count:sum",
            "answered_count:sum",
            "response_rate:avg",
            "nps:avg",
            "nps:count",
            "csat:avg",
            "csat:count",
            "ces:avg",
            "ces:count",
            "compliment_count:sum",
            "suggestion_count:sum",
        ]
        scores = {}
        for row in self._read_group(domain, [groupby], aggregates):
            group, invited, answered, rate, nps, nps_n, csat, csat_n, ces, ces_n, fel, sug = row
            scores[group] = {
                "invited": invited,
                "answered": answered,
                "response_rate": rate if invited else None,
                "nps": nps if nps_n else None,
                "nps_count": nps_n,
                "csat": csat if csat_n else None,
                "csat_count": csat_n,
                "ces": ces if ces_n else None,
                "ces_count": ces_n,
                "compliments": fel,
                "suggestions": sug,
            }
        return scores
