# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import datetime

from pytz import timezone, utc

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

BOGOTA = timezone("America/Bogota")


def bogota(*args):
    """A Bogotá wall-clock time as the naive UTC datetime Odoo stores."""
    return BOGOTA.localize(datetime(*args)).astimezone(utc).replace(tzinfo=None)


class EscPqrsCalendarCase(TransactionCase):
    """The shipped PQRS calendar with the 2026 and 2027 holidays loaded by the loader itself,
    and a Customer Service user and administrator who are not superusers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("esc_pqrs_module.resource_calendar_esc_pqrs")
        cls.calendar._esc_load_holidays([2026, 2027])
        cls.service_user = new_test_user(
            cls.env,
            login="esc_service_user",
            groups="esc_pqrs_module.group_esc_service_user",
        )
        cls.service_admin = new_test_user(
            cls.env,
            login="esc_service_admin",
            groups="esc_pqrs_module.group_esc_service_admin",
        )
        cls.agent_calendar = cls.calendar.with_user(cls.service_user)

    def _holiday_days(self, calendar, year):
        """The days of ``year`` closed by a whole-calendar leave, with the leave's name."""
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", calendar.id),
                ("resource_id", "=", False),
                ("date_from", ">=", datetime(year, 1, 1)),
                ("date_from", "<", datetime(year + 1, 1, 1)),
            ]
        )
        return {calendar._esc_local_date(leave.date_from): leave.name for leave in leaves}


class EscMassCommunicationCase(TransactionCase):
    """Customers, a supplier and colleagues; a requester, a marketer and Customer Service, none
    of them superuser; and the way a request gets approved."""

    BODY = "<p>Dear customer, our new price list starts on <b>1 February</b>.</p>"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requester = new_test_user(
            cls.env, login="esc_mc_requester", groups="base.group_user", email="req@esc.example"
        )
        cls.marketer = new_test_user(
            cls.env,
            login="esc_mc_marketer",
            groups="mass_mailing.group_mass_mailing_user",
            email="marketer@esc.example",
        )
        cls.service = new_test_user(
            cls.env,
            login="esc_mc_service",
            groups="esc_pqrs_module.group_esc_service_user",
            email="service@esc.example",
        )
        Partner = cls.env["res.partner"]
        cls.segment = cls.env["esc.segment"].create({"name": "Key Accounts (test)", "code": "KA-T"})
        cls.customer_company = Partner.create(
            {
                "name": "Plasticos Andinos (test)",
                "is_company": True,
                "email": "compras@andinos.example",
                "esc_segment_id": cls.segment.id,
                "esc_stakeholder_group": "customer",
            }
        )
        cls.customer_contact = Partner.create(
            {
                "name": "Laura Andina",
                "parent_id": cls.customer_company.id,
                "email": "laura@andinos.example",
                "mobile": "+57 310 555 0101",
            }
        )
        cls.supplier = Partner.create(
            {
                "name": "Resinas del Caribe (test)",
                "is_company": True,
                "email": "ventas@resinas.example",
                "esc_stakeholder_group": "supplier",
            }
        )
        cls.colleagues = (cls.requester | cls.marketer | cls.service).partner_id

    @contextmanager
    def assertRefused(self, exception, text):
        """Refused with ``text`` in the message, and rolled back (a savepoint, unlike
        ``assertRaisesRegex``)."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _request(self, user=None, **values):
        return (
            self.env["esc.mass.communication"]
            .with_user(user or self.requester)
            .create(
                {
                    "name": "Price list 2027",
                    "purpose": "Tell key accounts about the new prices.",
                    "subject": "New price list",
                    "body": self.BODY,
                    "segment_ids": [(6, 0, self.segment.ids)],
                    **values,
                }
            )
        )

    def _approved_request(self, user=None, **values):
        request = self._request(user=user, **values)
        request.action_submit()
        request.with_user(self.service).action_approve()
        return request

    def _mailing_of(self, request):
        action = request.with_user(self.service).action_create_mailing()
        return self.env["mailing.mailing"].browse(action["res_id"])

    def _mailing(self, partners, user=None, **values):
        """A mailing made by hand in Email Marketing, to the given contacts (or to the mailing
        lists given in ``values``)."""
        if partners is not None:
            values.setdefault("mailing_domain", repr([("id", "in", partners.ids)]))
        return (
            self.env["mailing.mailing"]
            .with_user(user or self.marketer)
            .create(
                {
                    "subject": "New price list",
                    "body_html": self.BODY,
                    "body_arch": self.BODY,
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    **values,
                }
            )
        )


class EscVocCase(TransactionCase):
    """A Voice-of-the-Customer survey with its four roles; customers of two segments, one owned
    by a salesperson; Customer Service, Quality, the salesperson, a colleague and a portal
    customer, none of them superuser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Demo data runs campaigns of every kind; the tests start from none.
        cls.env["esc.voc.campaign"].search([("state", "=", "running")]).write({"state": "closed"})
        cls.service = new_test_user(
            cls.env,
            login="esc_voc_service",
            groups="esc_pqrs_module.group_esc_service_user",
            email="servicio@esc.example",
        )
        cls.quality = new_test_user(
            cls.env, login="esc_voc_quality", groups="esc_pqrs_module.group_esc_quality"
        )
        cls.salesperson = new_test_user(
            cls.env, login="esc_voc_sales", groups="base.group_user,survey.group_survey_user"
        )
        cls.colleague = new_test_user(
            cls.env, login="esc_voc_colleague", groups="base.group_user,survey.group_survey_user"
        )
        Segment = cls.env["esc.segment"]
        cls.key_accounts = Segment.create({"name": "Key Accounts (VoC)", "code": "KA-VOC"})
        cls.distributors = Segment.create({"name": "Distributors (VoC)", "code": "DI-VOC"})
        cls.customer_a = cls._customer("Plasticos Andinos (VoC)", cls.key_accounts, "Packaging")
        cls.customer_a.user_id = cls.salesperson
        cls.customer_b = cls._customer("Empaques del Sur (VoC)", cls.distributors, "Agro")
        cls.portal = new_test_user(
            cls.env,
            login="esc_voc_portal",
            groups="base.group_portal",
            email="portal@andinos.example",
            partner_id=cls.customer_a.child_ids[:1].id,
        )
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Satisfaction (VoC test)",
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create(cls._scale("Would you recommend us?", "nps", 0, 10)),
                    Command.create(cls._scale("How satisfied are you?", "csat", 1, 5)),
                    Command.create(cls._scale("How easy was it?", "ces", 1, 7)),
                    Command.create(
                        {
                            "title": "Tell us more",
                            "question_type": "text_box",
                            "esc_voc_role": "comment",
                        }
                    ),
                ],
            }
        )
        cls.questions = {q.esc_voc_role: q for q in cls.survey.question_ids}

    @classmethod
    def _customer(cls, name, segment, market):
        company = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "esc_segment_id": segment.id,
                "esc_market": market,
                "esc_stakeholder_group": "customer",
            }
        )
        slug = name.split()[0].lower()
        cls.env["res.partner"].create(
            [
                {
                    "name": f"Buyer {slug}",
                    "parent_id": company.id,
                    "email": f"buyer@{slug}.example",
                },
                {
                    "name": f"Plant {slug}",
                    "parent_id": company.id,
                    "email": f"plant@{slug}.example",
                },
            ]
        )
        return company

    @staticmethod
    def _scale(title, role, low, high):
        return {
            "title": title,
            "question_type": "scale",
            "scale_min": low,
            "scale_max": high,
            "esc_voc_role": role,
        }

    @contextmanager
    def assertRefused(self, exception, text):
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _campaign(self, **values):
        return (
            self.env["esc.voc.campaign"]
            .with_user(self.service)
            .create(
                {
                    "name": "Annual 2027 (test)",
                    "kind": "annual",
                    "survey_id": self.survey.id,
                    "segment_ids": [Command.set((self.key_accounts | self.distributors).ids)],
                    **values,
                }
            )
        )

    def _running(self, kind="annual", **values):
        campaign = self._campaign(kind=kind, **values)
        campaign.action_launch()
        return campaign

    def _answer(self, campaign, partner, nps=None, csat=None, ces=None, comment=None, done=True):
        """What a customer's answer leaves in the database, as the survey pages save it."""
        answer = (
            self.env["survey.user_input"]
            .sudo()
            .create(
                {
                    "survey_id": campaign.survey_id.id,
                    "partner_id": partner.id,
                    "esc_voc_campaign_id": campaign.id,
                }
            )
        )
        for role, value in (("nps", nps), ("csat", csat), ("ces", ces)):
            if value is not None:
                answer._save_lines(self.questions[role], str(value))
        if comment:
            answer._save_lines(self.questions["comment"], comment)
        if done:
            answer._mark_done()
        return answer
