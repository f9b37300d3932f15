# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customers file a PQRS on the portal and on the public web form, over HTTP, and follow it
with its radicado and e-mail."""

import re

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

PHOTO = b"\x89PNG\r\n\x1a\n" + b"0" * 64
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestPqrsIntakeOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        year = fields.Date.today().year
        cls.env.ref("esc_pqrs_module.resource_calendar_esc_pqrs")._esc_load_holidays(
            [year, year + 1]
        )
        cls.env.company.esc_service_signature = "<p>Servicio al Cliente ESC</p>"
        cls.claim = cls.env.ref("esc_pqrs_module.esc_pqrs_type_claim")
        company = cls.env["res.partner"].create(
            {"name": "Envases del Caribe", "is_company": True, "vat": "900123456-8"}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Sofía Pardo", "parent_id": company.id, "email": "sofia@envases.example"}
        )
        cls.other = cls.env["res.partner"].create(
            {"name": "Otra Empresa", "is_company": True, "email": "otra@otra.example"}
        )
        new_test_user(
            cls.env,
            login="esc_intake_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            email="sofia@envases.example",
        )

    def _cases(self, **domain):
        return self.env["esc.pqrs"].search([(key, "=", value) for key, value in domain.items()])

    def _token(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return CSRF.search(response.text).group(1)

    def _case_form(self, **values):
        return {
            "type_id": str(self.claim.id),
            "subject": "Tapas deformadas en el pedido 5531",
            "description": "Llegaron 200 tapas deformadas.",
            "consent": "on",
            **values,
        }

    def _public_form(self, **values):
        identity = {
            "name": "Pedro Ruiz",
            "id_number": "900123456-8",
            "email": "pedro@nuevo.example",
            "phone": "+57 300 123 4567",
        }
        return self._case_form(**{**identity, **values})

    def _post(self, url, data, files=None):
        return self.url_open(url, data={"csrf_token": self._token(url), **data}, files=files)

    # Portal

    def test_portal_user_files_a_pqrs_and_reads_its_radicado(self):
        self.authenticate("esc_intake_portal", "esc_intake_portal")
        response = self._post("/my/pqrs/new", self._case_form())
        case = self._cases(subject="Tapas deformadas en el pedido 5531")
        self.assertEqual(len(case), 1)
        self.assertIn(case.name, response.text)
        self.assertIn("o_esc_pqrs_filed", response.text)
        self.assertEqual(case.channel_id, self.env.ref("esc_pqrs_module.esc_channel_portal"))
        self.assertEqual(case.partner_id, self.contact)
        self.assertTrue(case.data_consent_at and "Ley 1581" in case.data_consent_text)
        self.assertTrue(case.acknowledged_at)

    def test_portal_form_files_for_the_visitors_company_whatever_it_posts(self):
        self.authenticate("esc_intake_portal", "esc_intake_portal")
        self._post("/my/pqrs/new", self._case_form(partner_id=str(self.other.id)))
        case = self._cases(subject="Tapas deformadas en el pedido 5531")
        self.assertEqual(case.commercial_partner_id, self.contact.commercial_partner_id)

    def test_portal_form_keeps_the_attached_photo(self):
        self.authenticate("esc_intake_portal", "esc_intake_portal")
        self._post("/my/pqrs/new", self._case_form(), files={"attachments": ("lote.png", PHOTO)})
        case = self._cases(subject="Tapas deformadas en el pedido 5531")
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "esc.pqrs"), ("res_id", "=", case.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["lote.png"])

    def test_the_consent_is_never_given_for_the_customer(self):
        self.authenticate("esc_intake_portal", "esc_intake_portal")
        page = self.url_open("/my/pqrs/new").text
        checkbox = re.search(r'<input id="pqrs_consent"[^>]*>', page).group(0)
        self.assertNotIn("checked", checkbox)

    def test_portal_form_without_consent_files_nothing_and_keeps_what_was_written(self):
        self.authenticate("esc_intake_portal", "esc_intake_portal")
        form = self._case_form()
        del form["consent"]
        response = self._post("/my/pqrs/new", form)
        self.assertFalse(self._cases(subject="Tapas deformadas en el pedido 5531"))
        self.assertIn("Tapas deformadas en el pedido 5531", response.text)
        self.assertIn("consent to process your personal data", response.text)

    def test_portal_form_refuses_an_executable_and_names_it(self):
        self.authenticate("esc_intake_portal", "esc_intake_portal")
        response = self._post(
            "/my/pqrs/new",
            self._case_form(),
            files={"attachments": ("factura.exe", b"MZ\x90\x00" + b"0" * 64)},
        )
        self.assertFalse(self._cases(subject="Tapas deformadas en el pedido 5531"))
        self.assertIn("factura.exe", response.text)

    def test_markup_in_the_form_is_stored_as_text(self):
        self.authenticate("esc_intake_portal", "esc_intake_portal")
        self._post(
            "/my/pqrs/new",
            self._case_form(
                subject="<script>alert(1)</script>Pedido 5531", description="<script>x</script>"
            ),
        )
        case = self._cases(subject="Pedido 5531")
        self.assertEqual(len(case), 1)
        self.assertNotIn("<script", case.description)

    @mute_logger("odoo.http")
    def test_a_form_posted_without_its_csrf_token_files_nothing(self):
        self.authenticate("esc_intake_portal", "esc_intake_portal")
        response = self.url_open("/my/pqrs/new", data=self._case_form())
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(self._cases(subject="Tapas deformadas en el pedido 5531"))

    # Public form

    def test_visitor_files_a_pqrs_and_reads_its_radicado_and_due_date(self):
        response = self._post("/pqrs/new", self._public_form())
        case = self._cases(subject="Tapas deformadas en el pedido 5531")
        self.assertEqual(len(case), 1)
        self.assertIn(case.name, response.text)
        self.assertIn("no later than", response.text)
        self.assertIn("access_token=", response.text)
        self.assertEqual(case.channel_id, self.env.ref("esc_pqrs_module.esc_channel_web_form"))
        self.assertTrue(case.partner_id.esc_needs_review)
        self.assertEqual(case.partner_id.email, "pedro@nuevo.example")
        self.assertTrue(case.acknowledged_at)

    def test_visitor_with_a_known_email_files_for_that_contact(self):
        self._post("/pqrs/new", self._public_form(email="sofia@envases.example"))
        self.assertEqual(
            self._cases(subject="Tapas deformadas en el pedido 5531").partner_id, self.contact
        )

    def test_a_nit_with_a_wrong_check_digit_is_refused(self):
        response = self._post("/pqrs/new", self._public_form(id_number="900123456-7"))
        self.assertIn("check digit of NIT 900123456-7 does not match", response.text)
        self.assertFalse(self._cases(subject="Tapas deformadas en el pedido 5531"))

    def test_missing_fields_are_each_named(self):
        response = self._post("/pqrs/new", self._public_form(name="", email="", subject=""))
        self.assertEqual(response.text.count("This field is required."), 2)
        self.assertIn("Write a valid e-mail address", response.text)
        self.assertFalse(self._cases(description="Llegaron 200 tapas deformadas."))

    def test_a_robot_filling_the_hidden_field_files_nothing(self):
        response = self._post("/pqrs/new", self._public_form(website="http://spam.example"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._cases(subject="Tapas deformadas en el pedido 5531"))

    def test_one_address_filing_too_often_is_refused(self):
        statuses = [
            self._post("/pqrs/new", self._public_form(email=f"p{n}@nuevo.example")).status_code
            for n in range(7)
        ]
        self.assertEqual(statuses, [200] * 5 + [429] * 2)
        self.assertEqual(len(self._cases(subject="Tapas deformadas en el pedido 5531")), 5)

    # Consultation

    def test_the_radicado_and_email_pair_opens_the_case(self):
        self._post("/pqrs/new", self._public_form())
        case = self._cases(subject="Tapas deformadas en el pedido 5531")
        self.url_open("/web/session/logout")
        response = self._post(
            "/pqrs/consult", {"radicado": case.name, "email": "pedro@nuevo.example"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("access_token=", response.url)
        self.assertIn(case.name, response.text)

    def test_a_wrong_pair_says_the_same_whether_the_radicado_exists_or_not(self):
        self._post("/pqrs/new", self._public_form())
        case = self._cases(subject="Tapas deformadas en el pedido 5531")
        wrong_email = self._post(
            "/pqrs/consult", {"radicado": case.name, "email": "otro@x.example"}
        )
        no_case = self._post(
            "/pqrs/consult", {"radicado": "PQRS/1999/99999", "email": "pedro@nuevo.example"}
        )
        for response in (wrong_email, no_case):
            self.assertIn("No PQRS matches this filing number and e-mail.", response.text)
            self.assertNotIn("access_token=", response.url)
            self.assertNotIn(case.subject, response.text)


@tagged("post_install", "-at_install")
class TestPqrsPagesInSpanish(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_CO")
        cls.env["ir.module.module"]._load_module_terms(["esc_pqrs_module"], ["es_CO"])
        customer = cls.env["res.partner"].create({"name": "Envases Andinos", "is_company": True})
        contact = cls.env["res.partner"].create({"name": "Ana Gil", "parent_id": customer.id})
        new_test_user(
            cls.env,
            login="esc_intake_spanish",
            groups="base.group_portal",
            partner_id=contact.id,
            lang="es_CO",
        )

    def test_a_spanish_customer_reads_the_portal_in_spanish(self):
        self.authenticate("esc_intake_spanish", "esc_intake_spanish")
        page = self.url_open("/my/pqrs/new").text
        self.assertIn("Radicar mi PQRS", page)
        self.assertIn("Tipo de solicitud", page)

    def test_a_spanish_customer_who_browsed_the_site_first_still_reads_spanish(self):
        self.url_open("/pqrs/new")  # as a visitor: the site's default language
        self.authenticate("esc_intake_spanish", "esc_intake_spanish")
        page = self.url_open("/my/pqrs/new").text
        self.assertIn("Radicar mi PQRS", page)
