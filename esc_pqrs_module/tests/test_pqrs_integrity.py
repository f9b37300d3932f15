# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The case's integrity, attacked the way a lower role would over RPC: each test makes the
call a non-superuser could make instead of the button, and checks the refusal and that
nothing reached the customer or changed the record."""

from contextlib import contextmanager
from datetime import date, datetime

import psycopg2
from freezegun import freeze_time

from odoo import Command, models
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.esc_pqrs_portal import PORTAL_FIELDS
from .common import bogota
from .test_pqrs_case import EscPqrsProcedureCase

NOTE = "mail.mt_note"
NOTICE_VALUES = {"esc_reasons": "Más tiempo", "esc_due_after": date(2027, 2, 1)}
COMMENT = "mail.mt_comment"


class EscPqrsAttackCase(EscPqrsProcedureCase):
    """A claim of Plásticos Andinos escalated to Logistics, whose term Customer Service
    extended (so it carries a signed legal notice); a user of every other role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.logistics = cls.env["esc.area"].create({"name": "Logística A"})
        cls.area_user = new_test_user(
            cls.env,
            login="esc_attack_area",
            groups="esc_pqrs_module.group_esc_area",
            email="area@esc.example",
        )
        cls.logistics.member_ids = cls.area_user
        cls.service_user.email = "agente@esc.example"
        cls.employee = new_test_user(cls.env, login="esc_attack_employee", groups="base.group_user")
        cls.portal_user = new_test_user(
            cls.env,
            login="esc_attack_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.stranger = cls.env["res.partner"].create(
            {"name": "Competidor S.A.", "email": "espia@competidor.example", "is_company": True}
        )
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.case = cls._register(cls, bogota(2026, 12, 23, 10, 0), area_ids=[cls.logistics.id])
        with freeze_time(bogota(2027, 1, 12, 9, 0)):
            cls.extension = cls.case.with_user(cls.service_user)._esc_extend(
                date(2027, 2, 1), "El laboratorio entrega el análisis el 1 de febrero."
            )
        cls.notice = cls.extension.notice_id
        cls.note = cls.case.with_user(cls.area_user).message_post(
            body="Revisamos el despacho", message_type="comment", subtype_xmlid=NOTE
        )

    def _extension_template(self, user):
        """The extension notice's template, rendered with made-up dates, as ``user``."""
        template = self.env.ref("esc_pqrs_module.mail_template_esc_pqrs_extension")
        return template.with_user(user).with_context(**NOTICE_VALUES)

    def _claim_settled(self):
        """What the fixture case, a claim, is answered with: its root cause and outcome."""
        cause = self.env.ref("esc_pqrs_module.esc_claim_root_cause_production")
        return {"root_cause_id": cause.id, "claim_outcome": "credit_note"}

    def _as(self, user, record=None):
        return (record if record is not None else self.case).with_user(user)

    def _outbox(self):
        """What the case has written so far: its messages and its e-mails."""
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "esc.pqrs"), ("res_id", "=", self.case.id)])
        )
        messages = (
            self.env["mail.message"]
            .sudo()
            .search_count([("model", "=", "esc.pqrs"), ("res_id", "=", self.case.id)])
        )
        return messages, len(mails)

    @contextmanager
    def assertRefused(self, exception, pattern=""):
        """Like ``assertRaisesRegex``, inside a savepoint as Odoo's ``assertRaises`` is: the
        refused call's writes are rolled back, as its RPC transaction would be."""
        with self.assertRaises(exception) as refusal:
            yield refusal
        if pattern:
            self.assertRegex(str(refusal.exception), pattern)

    def assertRefusedAndSilent(self, exception, call, pattern="only Customer Service"):
        """``call`` is refused with ``exception`` and writes no message and no e-mail."""
        before = self._outbox()
        with self.assertRefused(exception, pattern):
            call()
        self.assertEqual(self._outbox(), before)


@tagged("post_install", "-at_install")
class TestOnlyCustomerServiceSpeaksToTheCustomer(EscPqrsAttackCase):
    def test_area_user_cannot_notify_the_customer(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._as(self.area_user).message_notify(
                body="Su pedido sale mañana", partner_ids=self.contact.ids
            ),
        )

    def test_area_user_cannot_notify_the_customer_through_the_generic_thread(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: (
                self.env["mail.thread"]
                .with_user(self.area_user)
                .message_notify(
                    body="Su pedido sale mañana",
                    partner_ids=self.contact.ids,
                    model="esc.pqrs",
                    res_id=self.case.id,
                )
            ),
        )

    def test_area_user_cannot_post_a_comment_by_naming_the_note_subtype_too(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._as(self.area_user).message_post(
                body="Estimado cliente",
                message_type="comment",
                subtype_id=self.env.ref(NOTE).id,
                subtype_xmlid=COMMENT,
            ),
        )

    def test_area_user_cannot_unhide_a_note_with_is_internal(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._as(self.area_user).message_post(
                body="Estimado cliente", subtype_xmlid=COMMENT, is_internal=False
            ),
        )

    def test_area_user_cannot_send_a_notice_template_to_the_customer(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: (
                self._as(self.area_user)
                .with_context(**NOTICE_VALUES)
                .message_mail_with_source(self._extension_template(self.area_user))
            ),
        )

    def test_area_user_cannot_post_a_notice_template_to_the_customer(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: (
                self._as(self.area_user)
                .with_context(**NOTICE_VALUES)
                .message_post_with_source(
                    self._extension_template(self.area_user), subtype_xmlid=COMMENT
                )
            ),
        )

    def test_area_user_cannot_send_a_template_with_send_mail(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._extension_template(self.area_user).send_mail(self.case.id),
        )

    def test_area_user_cannot_mass_mail_the_customer_with_the_composer(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._send_with_composer(
                "mass_mail", subject="Prórroga", body="<p>Más tiempo</p>"
            ),
        )

    def test_area_user_cannot_write_to_the_customer_with_the_composer(self):
        self.assertRefusedAndSilent(
            AccessError, lambda: self._send_with_composer("comment", body="<p>Estimado cliente</p>")
        )

    def _send_with_composer(self, mode, **values):
        """The area user writes to the customer with Odoo's composer in ``mode``."""
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.area_user)
            .with_context(
                default_composition_mode=mode,
                default_model="esc.pqrs",
                default_res_ids=self.case.ids,
            )
            .create({**values, "partner_ids": [Command.set(self.contact.ids)]})
        )
        composer.action_send_mail()

    def test_area_user_cannot_create_a_message_the_customer_sees(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: (
                self.env["mail.message"]
                .with_user(self.area_user)
                .create(
                    {
                        "model": "esc.pqrs",
                        "res_id": self.case.id,
                        "body": "Estimado cliente",
                        "message_type": "comment",
                        "subtype_id": self.env.ref(COMMENT).id,
                    }
                )
            ),
        )

    def test_area_user_cannot_create_a_message_through_context_defaults(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: (
                self.env["mail.message"]
                .with_user(self.area_user)
                .with_context(
                    default_model="esc.pqrs",
                    default_res_id=self.case.id,
                    default_subtype_id=self.env.ref(COMMENT).id,
                )
                .create({"body": "Estimado cliente", "message_type": "comment"})
            ),
        )

    def test_internal_note_mentioning_only_staff_is_allowed(self):
        message = self._as(self.area_user).message_post(
            body="Agente, mira esto",
            subtype_xmlid=NOTE,
            partner_ids=self.service_user.partner_id.ids,
        )
        self.assertTrue(message.subtype_id.internal)

    def test_customer_service_mails_a_template_to_the_customer(self):
        mail_id = self._extension_template(self.service_user).send_mail(self.case.id)
        self.assertIn(self.contact, self.env["mail.mail"].browse(mail_id).recipient_ids)

    def test_customer_service_writes_to_the_customer(self):
        message = self._as(self.service_user).message_post(
            body="Estimado cliente", message_type="comment", subtype_xmlid=COMMENT
        )
        self.assertFalse(message.subtype_id.internal)


@tagged("post_install", "-at_install")
class TestNobodyWritesAsSomeoneElse(EscPqrsAttackCase):
    def test_area_user_cannot_create_a_message_signed_by_an_agent(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: (
                self.env["mail.message"]
                .with_user(self.area_user)
                .create(
                    {
                        "model": "esc.pqrs",
                        "res_id": self.case.id,
                        "body": "Nota",
                        "message_type": "comment",
                        "subtype_id": self.env.ref(NOTE).id,
                        "author_id": self.service_user.partner_id.id,
                    }
                )
            ),
            "may not write on behalf of",
        )

    def test_area_user_cannot_post_as_an_agent(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._as(self.area_user).message_post(
                body="Nota", subtype_xmlid=NOTE, author_id=self.service_user.partner_id.id
            ),
            "may not write on behalf of",
        )

    def test_agent_cannot_post_as_the_customer(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._as(self.service_user).message_post(
                body="Acepto la respuesta", message_type="comment", author_id=self.contact.id
            ),
            "may not write on behalf of",
        )

    def test_portal_user_cannot_post_as_the_agent(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._as(self.portal_user).message_post(
                body="Caso resuelto",
                message_type="comment",
                author_id=self.service_user.partner_id.id,
            ),
            "",
        )

    def test_agent_cannot_backdate_a_message(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._as(self.service_user).message_post(
                body="Respuesta", message_type="comment", date=datetime(2026, 12, 24, 12, 0)
            ),
            "dated when it is written",
        )


@tagged("post_install", "-at_install")
class TestMessagesStayAsWritten(EscPqrsAttackCase):
    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_area_user_cannot_turn_its_note_into_a_comment(self):
        with self.assertRaises(AccessError):
            self.note.with_user(self.area_user).write({"subtype_id": self.env.ref(COMMENT).id})
        self.assertTrue(self.note.subtype_id.internal)

    def test_area_user_cannot_unhide_its_note(self):
        with self.assertRaises(AccessError):
            self.note.with_user(self.area_user).write({"is_internal": False})

    def test_area_user_cannot_add_the_customer_to_its_note_afterwards(self):
        with self.assertRefused(UserError, "only Customer Service"):
            self._as(self.area_user)._message_update_content(
                self.note.sudo(), "Revisamos el despacho", partner_ids=self.contact.ids
            )
        self.assertFalse(self.note.partner_ids)

    def test_area_user_edits_its_own_note(self):
        self._as(self.area_user)._message_update_content(self.note.sudo(), "Despacho revisado")
        self.assertIn("Despacho revisado", self.note.body)

    def test_legal_notice_cannot_be_edited_by_its_author(self):
        with self.assertRefused(UserError, "notice of a legal procedure"):
            self._as(self.service_user)._message_update_content(self.notice.sudo(), "Otra fecha")

    def test_legal_notice_cannot_be_emptied_from_the_chatter(self):
        with self.assertRefused(UserError, "notice of a legal procedure"):
            self._as(self.service_user)._message_update_content(
                self.notice.sudo(), "", attachment_ids=[]
            )

    def test_legal_notice_cannot_be_rewritten_even_as_superuser(self):
        with self.assertRefused(UserError, "notice of a legal procedure"):
            self.notice.sudo().write({"body": "<p>Otra fecha</p>"})

    def test_legal_notice_cannot_be_deleted_even_as_superuser(self):
        with self.assertRefused(UserError, "part of its record"):
            self.notice.sudo().unlink()
        self.assertTrue(self.notice.exists())

    def test_agent_cannot_delete_a_case_message(self):
        with self.assertRaises(UserError):
            self.note.with_user(self.service_user).unlink()

    def test_what_the_customer_received_cannot_be_edited(self):
        reply = self._as(self.service_user).message_post(
            body="Su despacho sale hoy", message_type="comment", subtype_xmlid=COMMENT
        )
        with self.assertRefused(UserError, "customer received this message"):
            self._as(self.service_user)._message_update_content(
                reply.sudo(), "Su despacho sale mañana"
            )

    def test_another_documents_message_cannot_be_moved_onto_a_case(self):
        other = self.contact.message_post(body="Nota del contacto", message_type="comment")
        with self.assertRaises(AccessError):
            other.with_user(self.service_user).write({"model": "esc.pqrs", "res_id": self.case.id})


@tagged("post_install", "-at_install")
class TestBookkeepingIsTheSystems(EscPqrsAttackCase):
    def test_agent_cannot_write_any_bookkeeping_field(self):
        other = self.env["res.partner"].create({"name": "Otra empresa", "is_company": True})
        attacks = {
            "is_extended": False,
            "filing_date": date(2020, 1, 1),
            "name": "PQRS/2020/00001",
            "completion_state": "pending",
            "completion_due_date": date(2026, 12, 1),
            "commercial_partner_id": other.id,
            "segment_id": self.plain.id,
            "sla_paused_hours": 1e6,
            "sla_paused_days": 100,
            "sla_paused_since": datetime(2026, 12, 1),
            "next_deadline_at": datetime(2030, 1, 1),
            "next_deadline_state": "met",
            "is_closed": True,
            "is_deemed_accepted": True,
            "documents_due_at": datetime(2030, 1, 1),
            "completion_lapse_notified": True,
        }
        before = self.case.read(list(attacks))[0]
        for field, value in attacks.items():
            with (
                self.subTest(field=field),
                self.assertRefused(AccessError, "kept by the system"),
            ):
                self._as(self.service_user).write({field: value})
        self.assertEqual(self.case.read(list(attacks))[0], before)

    def test_agent_cannot_change_the_deadline_lines_through_the_case(self):
        legal = self._lines(self.case)["legal"]
        with self.assertRaises(AccessError):
            self._as(self.service_user).write(
                {"deadline_ids": [Command.update(legal.id, {"due_at": datetime(2030, 1, 1)})]}
            )

    def test_agent_cannot_change_the_company_of_a_case(self):
        company = self.env["res.company"].create({"name": "Filial Cali"})
        with self.assertRefused(AccessError, "kept by the system"):
            self._as(self.service_user).write({"company_id": company.id})

    def test_employee_cannot_choose_the_radicado(self):
        with self.assertRefused(AccessError, "kept by the system"):
            self._register_as(self.employee, name=self.case.name)

    def test_employee_cannot_give_bookkeeping_through_context_defaults(self):
        with self.assertRefused(AccessError, "kept by the system"):
            self._register_as(self.employee, context={"default_sla_paused_hours": 1e6})

    def test_employee_cannot_register_a_case_already_answered(self):
        answered = self.env.ref("esc_pqrs_module.esc_pqrs_stage_answered")
        with self.assertRefused(UserError, "cannot be registered in the closing stage"):
            self._register_as(self.employee, stage_id=answered.id)

    def test_every_case_is_numbered_by_the_sequence(self):
        case = self._register_as(self.employee)
        self.assertRegex(case.name, r"^PQRS/2026/\d{5}$")
        self.assertNotEqual(case.name, self.case.name)

    def _register_as(self, user, context=None, **values):
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            return (
                self.env["esc.pqrs"]
                .with_user(user)
                .with_context(**(context or {}))
                .create(
                    {
                        "subject": "El cliente comentó un retraso",
                        "partner_id": self.contact.id,
                        "type_id": self.claim.id,
                        "received_at": bogota(2026, 12, 23, 10, 0),
                        **values,
                    }
                )
            )


@tagged("post_install", "-at_install")
class TestClosingTakesItsProcedure(EscPqrsAttackCase):
    def test_stage_change_cannot_close_a_case_as_withdrawn(self):
        withdrawn = self.env.ref("esc_pqrs_module.esc_pqrs_stage_withdrawn")
        with self.assertRefused(UserError, "only through the procedure"):
            self._as(self.service_user).write({"stage_id": withdrawn.id})
        self.assertFalse(self.case.is_closed)

    def test_stage_change_cannot_close_a_case_as_remitted(self):
        remitted = self.env.ref("esc_pqrs_module.esc_pqrs_stage_remitted")
        with self.assertRefused(UserError, "only through the procedure"):
            self._as(self.service_user).write({"stage_id": remitted.id})
        self.assertFalse(self.case.is_closed)

    def test_remitted_case_cannot_be_reopened_by_a_stage_change(self):
        with freeze_time(bogota(2026, 12, 24, 9, 0)):
            case = self._register(bogota(2026, 12, 24, 8, 0))
            case.with_user(self.service_user)._esc_remit(self.stranger, "No es nuestro.")
        in_progress = self.env.ref("esc_pqrs_module.esc_pqrs_stage_in_progress")
        with self.assertRefused(UserError, "only through the procedure"):
            case.with_user(self.service_user).write({"stage_id": in_progress.id})

    def test_customer_service_still_closes_a_case_as_answered(self):
        answered = self.env.ref("esc_pqrs_module.esc_pqrs_stage_answered")
        self._as(self.service_user).write({"stage_id": answered.id, **self._claim_settled()})
        self.assertTrue(self.case.is_closed)

    def test_which_procedure_enters_a_stage_is_not_configurable(self):
        withdrawn = self.env.ref("esc_pqrs_module.esc_pqrs_stage_withdrawn")
        with self.assertRaises(AccessError):
            withdrawn.with_user(self.service_admin).write({"closing_procedure": False})
        self.assertEqual(withdrawn.closing_procedure, "withdrawal")

    def test_receipt_cannot_change_once_a_procedure_is_recorded(self):
        with self.assertRefused(UserError, "can no longer be changed"):
            self._as(self.service_user).write({"received_at": bogota(2026, 12, 1, 10, 0)})

    def test_customer_company_cannot_change_once_a_procedure_is_recorded(self):
        with self.assertRefused(UserError, "can no longer be changed"):
            self._as(self.service_user).write({"partner_id": self.stranger.id})
        self.assertEqual(self.case.commercial_partner_id, self.customer)

    def test_another_contact_of_the_same_customer_may_be_set(self):
        colleague = self.env["res.partner"].create({"name": "Pedro", "parent_id": self.customer.id})
        self._as(self.service_user).write({"partner_id": colleague.id})
        self.assertEqual(self.case.partner_id, colleague)


@tagged("post_install", "-at_install")
class TestFiledCasesAreKept(EscPqrsAttackCase):
    def test_customer_service_administrator_cannot_delete_a_case(self):
        with self.assertRefused(UserError, "is filed and cannot be deleted"):
            self._as(self.service_admin).unlink()
        self.assertTrue(self.case.exists())

    def test_not_even_the_superuser_deletes_a_case(self):
        with self.assertRefused(UserError, "is filed and cannot be deleted"):
            self.case.sudo().unlink()
        self.assertTrue(self.case.exists() and self.case.procedure_ids and self.case.deadline_ids)

    def test_open_case_cannot_be_archived(self):
        with self.assertRefused(UserError, "must be answered, not archived"):
            self._as(self.service_user).write({"active": False})

    def test_closed_case_is_archived(self):
        answered = self.env.ref("esc_pqrs_module.esc_pqrs_stage_answered")
        self._as(self.service_user).write({"stage_id": answered.id, **self._claim_settled()})
        self._as(self.service_user).write({"active": False})
        self.assertFalse(self.case.active)
        self.assertTrue(self.case.procedure_ids)


@tagged("post_install", "-at_install")
class TestCompanies(EscPqrsAttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Filial Cartagena"})
        cls.user_a = new_test_user(
            cls.env,
            login="esc_attack_service_a",
            groups="esc_pqrs_module.group_esc_service_user",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.case_b = cls.env["esc.pqrs"].create(
                {
                    "subject": "Lote con burbujas",
                    "partner_id": cls.contact.id,
                    "type_id": cls.claim.id,
                    "received_at": bogota(2026, 12, 23, 10, 0),
                    "company_id": cls.company_b.id,
                }
            )
        with freeze_time(bogota(2027, 1, 12, 9, 0)):
            cls.case_b.sudo()._esc_extend(date(2027, 2, 1), "Análisis externo.")

    def test_each_company_numbers_its_cases_from_its_own_sequence(self):
        self.assertEqual(self.case_b.name, "PQRS/2026/00001")
        sequences = self.env["ir.sequence"].search([("code", "=", "esc.pqrs")])
        self.assertIn(self.company_b, sequences.company_id)

    @mute_logger("odoo.sql_db")
    def test_a_radicado_is_unique_within_a_company(self):
        with self.assertRaises(psycopg2.IntegrityError):
            self.case_b.sudo().write(
                {"name": self.case.name, "company_id": self.case.company_id.id}
            )
            self.env.flush_all()

    def test_user_of_one_company_does_not_see_another_companys_deadlines(self):
        deadlines = self.env["esc.pqrs.deadline"].with_user(self.user_a).search([])
        self.assertTrue(deadlines)
        self.assertFalse(deadlines & self.case_b.deadline_ids)

    def test_user_of_one_company_does_not_see_another_companys_procedures(self):
        procedures = self.env["esc.pqrs.procedure"].with_user(self.user_a).search([])
        self.assertIn(self.extension, procedures)
        self.assertFalse(procedures & self.case_b.procedure_ids)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_reading_another_companys_deadline_is_refused(self):
        with self.assertRaises(AccessError):
            self.case_b.deadline_ids[:1].with_user(self.user_a).read(["due_at"])


@tagged("post_install", "-at_install")
class TestPortalReadsItsPageOnly(EscPqrsAttackCase):
    def test_portal_user_reads_the_fields_of_its_page(self):
        values = self._as(self.portal_user).read(["name", "subject", "stage_id", "filing_date"])[0]
        self.assertEqual(values["name"], self.case.name)

    @mute_logger("odoo.models")
    def test_portal_user_cannot_read_internal_fields(self):
        for field in ("next_deadline_at", "segment_id", "sla_paused_hours", "user_id"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self._as(self.portal_user).read([field])

    def test_every_field_of_the_case_is_on_the_portal_page_or_for_staff_only(self):
        for name, field in self.env["esc.pqrs"]._fields.items():
            if (
                field._module == "esc_pqrs_module"
                and name not in PORTAL_FIELDS
                and name not in models.LOG_ACCESS_COLUMNS
            ):
                with self.subTest(field=name):
                    self.assertEqual(field.groups, "base.group_user")

    def test_portal_user_reading_every_field_gets_no_internal_one(self):
        values = self._as(self.portal_user).read()[0]
        self.assertNotIn("next_deadline_at", values)
        self.assertNotIn("segment_id", values)
        self.assertIn("subject", values)

    def test_portal_user_searches_its_cases_without_an_internal_order(self):
        cases = self.env["esc.pqrs"].with_user(self.portal_user).search_read([], ["name"])
        self.assertIn(self.case.name, [case["name"] for case in cases])

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_portal_user_cannot_read_deadline_lines(self):
        with self.assertRaises(AccessError):
            self.env["esc.pqrs.deadline"].with_user(self.portal_user).search([])

    def test_portal_user_cannot_address_another_company_from_its_case(self):
        self.assertRefusedAndSilent(
            AccessError,
            lambda: self._as(self.portal_user).message_post(
                body="Miren esto", message_type="comment", partner_ids=self.stranger.ids
            ),
            "",
        )

    def test_portal_user_writes_on_its_case(self):
        message = self._as(self.portal_user).message_post(
            body="Adjunto fotos", message_type="comment", subtype_xmlid=COMMENT
        )
        self.assertEqual(message.author_id, self.contact)
