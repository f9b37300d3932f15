# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Relevant customer information: any employee reports it, Customer Service validates and
applies it, and credit and financial information is read only by those who may see it."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

MODEL = "esc.customer.info"


@tagged("post_install", "-at_install")
class TestCustomerInformation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Both may export: what they may not read must not come out of an export either.
        cls.salesperson = new_test_user(
            cls.env, login="esc_ci_sales", groups="base.group_user,base.group_allow_export"
        )
        cls.service = new_test_user(
            cls.env, login="esc_ci_service", groups="esc_pqrs_module.group_esc_service_user"
        )
        cls.service_admin = new_test_user(
            cls.env, login="esc_ci_admin", groups="esc_pqrs_module.group_esc_service_admin"
        )
        cls.credit = new_test_user(
            cls.env,
            login="esc_ci_credit",
            groups="esc_pqrs_module.group_esc_credit,base.group_allow_export",
        )
        cls.area = new_test_user(
            cls.env, login="esc_ci_area", groups="esc_pqrs_module.group_esc_area"
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Polímeros del Sur (test)",
                "is_company": True,
                "country_id": cls.env.ref("base.co").id,
                "phone": "+57 601 555 0000",
            }
        )
        cls.contacts = cls.env.ref("esc_pqrs_module.esc_customer_info_category_contacts")
        cls.credit_category = cls.env.ref("esc_pqrs_module.esc_customer_info_category_credit")

    def _report(self, user=None, **values):
        return (
            self.env[MODEL]
            .with_user(user or self.salesperson)
            .create(
                {
                    "partner_id": self.customer.id,
                    "category_id": self.contacts.id,
                    "description": "New purchasing phone",
                    **values,
                }
            )
        )

    def _applied(self, **values):
        report = self._report(**values)
        report.with_user(self.service).action_validate()
        report.with_user(self.service).action_apply()
        return report

    # Reporting

    def test_a_salesperson_reports_from_the_customer_form(self):
        action = self.customer.with_user(self.salesperson).action_esc_report_customer_info()
        form = Form(self.env[MODEL].with_user(self.salesperson).with_context(**action["context"]))
        form.category_id = self.contacts
        form.proposed_phone = "310 555 0101"
        report = form.save()
        self.assertEqual(report.partner_id, self.customer)
        self.assertEqual(report.reported_by_id, self.salesperson)
        self.assertEqual(report.state, "reported")
        self.assertEqual(report.proposed_phone, "+573105550101")
        self.assertTrue(report.name.startswith("INF/"))

    def test_a_report_without_customer_or_category_is_refused(self):
        with self.assertRaises(ValidationError):
            self._report(partner_id=False)
        with self.assertRaises(ValidationError):
            self._report(category_id=False)

    def test_a_report_that_says_nothing_is_refused(self):
        with self.assertRaises(ValidationError):
            self._report(description=False)

    def test_a_nit_with_a_wrong_check_digit_is_refused_naming_report_field_and_reason(self):
        with self.assertRaises(ValidationError) as caught:
            self._report(proposed_vat="900.123.456-7")
        message = str(caught.exception)
        self.assertIn("Polímeros del Sur", message)
        self.assertIn("NIT", message)
        self.assertIn("should be 8", message)

    def test_a_nit_is_stored_with_its_check_digit(self):
        self.assertEqual(self._report(proposed_vat="900.123.456").proposed_vat, "900123456-8")

    def test_an_invalid_email_or_phone_is_refused(self):
        with self.assertRaises(ValidationError):
            self._report(proposed_email="compras@@sur")
        with self.assertRaises(ValidationError):
            self._report(proposed_phone="12")
        with self.assertRaises(ValidationError):
            self._report(contact_ids=[(0, 0, {"name": "Ana", "email": "ana at sur"})])

    def test_an_employee_reports_only_as_themselves(self):
        with self.assertRaises(AccessError):
            self._report(reported_by_id=self.area.id)

    def test_customer_service_registers_what_an_employee_told_them(self):
        report = self._report(
            user=self.service, reported_by_id=self.area.id, reported_via="service"
        )
        self.assertEqual(report.reported_by_id, self.area)

    def test_nobody_reports_an_already_validated_report(self):
        with self.assertRaises(AccessError):
            self._report(user=self.service, state="validated", validated_by_id=self.service.id)
        with self.assertRaises(AccessError):
            self.env[MODEL].with_user(self.service).with_context(default_state="validated").create(
                {
                    "partner_id": self.customer.id,
                    "category_id": self.contacts.id,
                    "description": "By context",
                }
            )

    # Deciding

    def test_service_validates_and_applies_with_a_trace_in_the_customers_chatter(self):
        report = self._applied(
            proposed_phone="601 555 1234",
            proposed_email="Compras@PolimerosSur.example",
            contact_ids=[
                (0, 0, {"name": "Ana Gómez", "function": "Compras", "phone": "3105550102"})
            ],
        )
        self.assertEqual(report.state, "applied")
        self.assertEqual(report.validated_by_id, self.service)
        self.assertEqual(self.customer.phone, "+576015551234")
        self.assertEqual(self.customer.email, "compras@polimerossur.example")
        contact = report.contact_ids.partner_id
        self.assertEqual(contact.parent_id, self.customer)
        self.assertEqual(contact.phone, "+573105550102")
        note = self.customer.message_ids[0]
        self.assertIn(report.name, note.body)
        self.assertIn("Ana Gómez", note.body)
        self.assertEqual(note.author_id, self.service.partner_id)

    def test_applying_twice_is_refused(self):
        report = self._applied(proposed_city="Cali")
        with self.assertRaises(UserError):
            report.with_user(self.service).action_apply()

    def test_a_salesperson_does_not_validate_or_apply(self):
        report = self._report()
        with self.assertRaises(AccessError):
            report.with_user(self.salesperson).action_validate()
        with self.assertRaises(AccessError):
            report.with_user(self.salesperson).write({"state": "validated"})

    def test_service_rejects_with_a_reason_the_reporter_reads(self):
        report = self._report()
        self.env["esc.customer.info.reject.wizard"].with_user(self.service).create(
            {"info_ids": [(6, 0, report.ids)], "reason": "Duplicated"}
        ).action_reject()
        self.assertEqual(report.with_user(self.salesperson).reject_reason, "Duplicated")
        self.assertEqual(report.state, "rejected")

    def test_what_was_decided_is_not_changed_by_its_reporter(self):
        report = self._report()
        report.with_user(self.service).action_validate()
        with self.assertRaises(UserError):
            report.with_user(self.salesperson).write({"proposed_city": "Pasto"})

    def test_a_proposed_contact_is_not_removed_once_decided(self):
        report = self._report(contact_ids=[(0, 0, {"name": "Ana Gómez"})])
        report.with_user(self.service).action_validate()
        with self.assertRaises(UserError):
            report.contact_ids.with_user(self.salesperson).unlink()
        self.assertTrue(report.contact_ids)

    # Confidential information

    def _credit_report(self):
        return self._report(category_id=self.credit_category.id, description="Cupo en mora")

    def test_credit_information_is_not_read_by_sales_areas_or_service_over_rpc(self):
        report = self._report(user=self.credit, category_id=self.credit_category.id)
        for user in (self.salesperson, self.area, self.service):
            with self.assertRaises(AccessError):
                report.with_user(user).read(["description"])
            self.assertFalse(self.env[MODEL].with_user(user).search([("id", "=", report.id)]))

    def test_credit_information_does_not_leak_through_an_export_or_the_customer_form(self):
        report = self._report(user=self.credit, category_id=self.credit_category.id)
        rows = (
            self.env[MODEL]
            .with_user(self.salesperson)
            .search([])
            .export_data(["name", "description"])["datas"]
        )
        self.assertNotIn(report.name, [row[0] for row in rows])
        customer = self.customer.with_user(self.salesperson)
        self.assertNotIn(report, customer.esc_customer_info_ids)
        self.assertEqual(customer.esc_customer_info_count, 0)

    def test_credit_and_service_administrators_read_and_decide_credit_information(self):
        report = self._credit_report()
        rows = self.env[MODEL].with_user(self.credit).search([]).export_data(["name"])["datas"]
        self.assertIn([report.name], rows)
        report.with_user(self.credit).action_validate()
        report.with_user(self.service_admin).action_apply()
        self.assertEqual(report.state, "applied")
        self.assertNotIn("Cupo en mora", self.customer.message_ids[0].body)

    def test_service_does_not_decide_credit_information(self):
        with self.assertRaises(AccessError):
            self._credit_report().with_user(self.service).action_validate()

    def test_nobody_makes_a_credit_report_readable_by_writing_its_confidentiality(self):
        report = self._report(user=self.credit, category_id=self.credit_category.id)
        with self.assertRaises(AccessError):
            report.with_user(self.credit).write({"confidential": False})
        self.assertTrue(self.credit_category.confidential)

    def test_a_company_field_reported_on_a_contact_is_applied_to_its_company(self):
        contact = self.env["res.partner"].create(
            {"name": "Nora Sur", "parent_id": self.customer.id}
        )
        self._applied(partner_id=contact.id, proposed_market="Agroindustria", proposed_city="Neiva")
        self.assertEqual(self.customer.esc_market, "Agroindustria")
        self.assertEqual(contact.esc_market, "Agroindustria")
        self.assertEqual(contact.city, "Neiva")

    def test_the_reporter_reads_the_credit_information_they_reported(self):
        report = self._credit_report()
        self.assertEqual(report.with_user(self.salesperson).description, "Cupo en mora")

    # Who owns a field

    def test_a_change_to_a_field_the_erp_owns_is_applied_and_flagged_for_the_erp(self):
        self.env["ir.model.data"].create(
            {"module": "esc_sync", "name": "erp_customer_sur", "model": "res.partner",
             "res_id": self.customer.id}
        )  # fmt: skip
        report = self._applied(proposed_phone="601 555 1234", proposed_zip="760001")
        self.assertEqual(self.customer.phone, "+576015551234")
        self.assertEqual(report.erp_correction_state, "pending")
        self.assertEqual(report.erp_field_names, "phone")
        report.with_user(self.service).action_erp_corrected()
        self.assertEqual(report.erp_correction_state, "done")

    def _from_erp(self):
        self.env["ir.model.data"].create(
            {"module": "esc_sync", "name": "erp_customer_sur", "model": "res.partner",
             "res_id": self.customer.id}
        )  # fmt: skip

    def test_the_fields_a_pending_correction_holds_are_read_on_the_partner(self):
        self._from_erp()
        contact = self.env["res.partner"].create({"name": "Ana Sur", "parent_id": self.customer.id})
        report = self._applied(proposed_phone="601 555 1234")
        integration = new_test_user(
            self.env, login="esc_ci_sync", groups="esc_pqrs_module.group_esc_integration"
        )
        Partner = self.env["res.partner"].with_user(integration)
        self.assertEqual(Partner.browse(self.customer.id).esc_erp_held_fields, "phone")
        self.assertFalse(Partner.browse(contact.id).esc_erp_held_fields)
        self.assertEqual(Partner.search([("esc_erp_held_fields", "!=", False)]), self.customer)
        report.with_user(self.service).action_erp_corrected()
        self.assertFalse(Partner.search([("esc_erp_held_fields", "!=", False)]))

    def test_the_integration_user_reads_the_corrections_the_erp_owes_and_nothing_else(self):
        self._from_erp()
        owed = self._applied(proposed_phone="601 555 1234")
        other = self._report()
        integration = new_test_user(
            self.env, login="esc_ci_sync", groups="esc_pqrs_module.group_esc_integration"
        )
        Info = self.env[MODEL].with_user(integration)
        self.assertEqual(Info.search([("id", "in", (owed | other).ids)]), owed)
        with self.assertRaises(UserError):  # frozen once decided, or no write access
            owed.with_user(integration).write({"description": "Otra cosa"})
        with self.assertRaises(AccessError):
            owed.with_user(integration).unlink()
        owed.with_user(integration).action_erp_corrected()
        self.assertEqual(owed.erp_correction_state, "done")

    def test_shipped_categories_have_the_codes_other_systems_name_them_by(self):
        categories = self.env["esc.customer.info.category"].search([])
        self.assertLessEqual(
            {"CONTACTS", "ADDRESSES", "PHONES", "MARKET", "CREDIT", "FINANCIAL", "OTHER"},
            set(categories.mapped("code")),
        )
        self.assertEqual(self.credit_category.code, "CREDIT")

    def test_a_partner_not_from_the_erp_is_odoos_own(self):
        report = self._applied(proposed_phone="601 555 1234")
        self.assertFalse(report.erp_correction_state)

    def test_a_report_is_filed_from_a_case(self):
        case = self.env["esc.pqrs"].create(
            {
                "subject": "Cambio de dirección",
                "partner_id": self.customer.id,
                "type_id": self.env.ref("esc_pqrs_module.esc_pqrs_type_petition").id,
            }
        )
        action = case.with_user(self.service).action_esc_report_customer_info()
        self.assertEqual(action["context"]["default_pqrs_id"], case.id)
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
