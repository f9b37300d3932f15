# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PQRS types, segments and their SLA rules, as administrators configure them."""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class EscConfigurationCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, login="esc_cfg_admin", groups="esc_pqrs_module.group_esc_service_admin"
        )
        cls.agent = new_test_user(
            cls.env, login="esc_cfg_agent", groups="esc_pqrs_module.group_esc_service_user"
        )
        cls.claim = cls.env.ref("esc_pqrs_module.esc_pqrs_type_claim")
        cls.complaint = cls.env.ref("esc_pqrs_module.esc_pqrs_type_complaint")
        Segment = cls.env["esc.segment"].with_user(cls.admin)
        cls.gold = Segment.create({"name": "Oro", "code": "T-ORO"})
        cls.silver = Segment.create({"name": "Plata", "code": "T-PLATA"})
        cls.Rule = cls.env["esc.sla.rule"].with_user(cls.admin)


@tagged("post_install", "-at_install")
class TestPqrsTypes(EscConfigurationCase):
    def test_shipped_types_carry_the_legal_terms(self):
        terms = {
            xmlid: self.env.ref(f"esc_pqrs_module.esc_pqrs_type_{xmlid}")._esc_term_days()
            for xmlid in (
                "petition",
                "complaint",
                "claim",
                "suggestion",
                "compliment",
                "information",
                "consultation",
            )
        }
        self.assertEqual(
            terms,
            {
                "petition": 15,
                "complaint": 15,
                "claim": 15,
                "suggestion": 15,
                "compliment": 0,
                "information": 10,
                "consultation": 30,
            },
        )

    def test_compliment_needs_no_answer(self):
        self.assertFalse(self.env.ref("esc_pqrs_module.esc_pqrs_type_compliment").answer_required)

    def test_type_that_requires_an_answer_needs_a_term(self):
        with self.assertRaisesRegex(ValidationError, "Sin plazo"):
            self.env["esc.pqrs.type"].with_user(self.admin).create(
                {"name": "Sin plazo", "code": "T-NONE", "term_days": 0}
            )

    def test_type_codes_are_unique(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["esc.pqrs.type"].create({"name": "Otra queja", "code": "QUE"})

    def test_agent_reads_types_but_may_not_change_them(self):
        self.assertTrue(self.claim.with_user(self.agent).name)
        with self.assertRaises(AccessError):
            self.claim.with_user(self.agent).write({"term_days": 20})


@tagged("post_install", "-at_install")
class TestSlaRules(EscConfigurationCase):
    def test_rule_naming_the_priority_wins(self):
        self.Rule.create(
            {"segment_id": self.gold.id, "type_id": self.claim.id, "resolution_days": 5}
        )
        urgent = self.Rule.create(
            {
                "segment_id": self.gold.id,
                "type_id": self.claim.id,
                "priority": "2",
                "resolution_days": 3,
            }
        )
        self.assertEqual(self.env["esc.sla.rule"]._esc_find(self.gold, self.claim, "2"), urgent)

    def test_rule_for_every_priority_applies_when_none_names_it(self):
        general = self.Rule.create(
            {"segment_id": self.gold.id, "type_id": self.claim.id, "resolution_days": 5}
        )
        self.Rule.create({"segment_id": self.gold.id, "type_id": self.claim.id, "priority": "2"})
        self.assertEqual(self.env["esc.sla.rule"]._esc_find(self.gold, self.claim, "0"), general)

    def test_no_rule_means_no_sla(self):
        self.Rule.create({"segment_id": self.silver.id, "type_id": self.claim.id})
        self.assertFalse(self.env["esc.sla.rule"]._esc_find(self.gold, self.complaint, "0"))
        self.assertFalse(self.env["esc.sla.rule"]._esc_find(self.gold, self.claim, "0"))

    def test_rule_duplicating_another_scope_is_refused(self):
        self.Rule.create({"segment_id": self.gold.id, "type_id": self.claim.id})
        with self.assertRaisesRegex(ValidationError, "same segment, type and priority"):
            self.Rule.create({"segment_id": self.gold.id, "type_id": self.claim.id})

    def test_archived_rule_does_not_block_its_replacement(self):
        old = self.Rule.create({"segment_id": self.gold.id, "type_id": self.claim.id})
        old.active = False
        self.assertTrue(self.Rule.create({"segment_id": self.gold.id, "type_id": self.claim.id}))

    def test_negative_target_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.Rule.create(
                {"segment_id": self.gold.id, "type_id": self.claim.id, "resolution_days": -1}
            )

    def test_agent_may_not_create_rules(self):
        with self.assertRaises(AccessError):
            self.env["esc.sla.rule"].with_user(self.agent).create(
                {"segment_id": self.gold.id, "type_id": self.claim.id}
            )


@tagged("post_install", "-at_install")
class TestPartnerSegment(EscConfigurationCase):
    def test_company_segment_holds_for_its_contacts(self):
        company = self.env["res.partner"].create(
            {"name": "Plásticos del Caribe", "is_company": True, "esc_segment_id": self.gold.id}
        )
        contact = self.env["res.partner"].create({"name": "Ana", "parent_id": company.id})
        self.assertEqual(contact.esc_segment_id, self.gold)
        company.esc_segment_id = self.silver
        self.assertEqual(contact.esc_segment_id, self.silver)

    def test_new_partner_is_a_customer_stakeholder(self):
        partner = self.env["res.partner"].create({"name": "Cliente nuevo"})
        self.assertEqual(partner.esc_stakeholder_group, "customer")


@tagged("post_install", "-at_install")
class TestSpanishData(EscConfigurationCase):
    def test_shipped_types_and_stages_read_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_CO")
        self.env["ir.module.module"]._load_module_terms(["esc_pqrs_module"], ["es_CO"])
        spanish = self.env(context={"lang": "es_CO"})
        self.assertEqual(spanish.ref("esc_pqrs_module.esc_pqrs_type_claim").name, "Reclamo")
        self.assertEqual(
            spanish.ref("esc_pqrs_module.esc_pqrs_stage_waiting_customer").name,
            "En espera del cliente",
        )
