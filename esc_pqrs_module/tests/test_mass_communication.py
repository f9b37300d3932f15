# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A mass communication request: any employee asks, only Customer Service decides."""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import EscMassCommunicationCase


@tagged("post_install", "-at_install")
class TestMassCommunicationRequest(EscMassCommunicationCase):
    def test_an_employee_requests_and_submits_it(self):
        request = self._request()
        request.action_submit()
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.requested_by_id, self.requester)
        self.assertTrue(request.reference.startswith("COM/"))

    def test_the_audience_counts_the_customers_it_reaches(self):
        self.assertEqual(self._request().audience_count, 2)

    def test_an_employee_fills_the_request_form_and_sees_its_audience(self):
        form = Form(self.env["esc.mass.communication"].with_user(self.requester))
        form.name = "Plant stop"
        form.medium = "email"
        form.segment_ids.add(self.segment)
        form.stakeholder_group_ids.add(
            self.env.ref("esc_pqrs_module.esc_stakeholder_group_customer")
        )
        self.assertEqual(form.audience_count, 2)
        request = form.save()
        self.assertEqual(request.state, "draft")

    def test_every_stakeholder_group_can_be_chosen(self):
        selection = self.env["res.partner"]._fields["esc_stakeholder_group"].selection
        codes = self.env["esc.stakeholder.group"].search([]).mapped("code")
        self.assertEqual(sorted(codes), sorted(value for value, _label in selection))

    def test_the_audience_by_stakeholder_group_reaches_that_group(self):
        suppliers = self.env.ref("esc_pqrs_module.esc_stakeholder_group_supplier")
        request = self._request(segment_ids=[(5,)], stakeholder_group_ids=[(6, 0, suppliers.ids)])
        reached = self.env["res.partner"].search(request._esc_partner_filter())
        self.assertIn(self.supplier, reached)
        self.assertNotIn(self.customer_company, reached)

    def test_a_request_without_audience_is_refused_at_submission(self):
        request = self._request(segment_ids=[(5,)])
        with self.assertRefused(ValidationError, "lacks an audience"):
            request.action_submit()
        self.assertEqual(request.state, "draft")

    def test_a_request_without_content_is_refused_at_submission(self):
        request = self._request(body="<p><br></p>")
        with self.assertRefused(ValidationError, "lacks a content"):
            request.action_submit()

    def test_customers_by_trait_and_mailing_lists_are_not_mixed(self):
        mailing_list = self.env["mailing.list"].create({"name": "Fair visitors (test)"})
        with self.assertRefused(ValidationError, "not both"):
            self._request(mailing_list_ids=[(6, 0, mailing_list.ids)])

    def test_an_invalid_contacts_filter_is_refused_naming_the_request(self):
        with self.assertRefused(ValidationError, "Price list 2027: the contacts filter"):
            self._request(partner_domain="[('no_such_field', '=', 1)]")

    def test_only_customer_service_approves(self):
        request = self._request()
        request.action_submit()
        for user in (self.requester, self.marketer):
            with self.assertRaises(AccessError):
                request.with_user(user).action_approve()
        self.assertEqual(request.state, "submitted")

    def test_nobody_approves_by_writing_the_state(self):
        request = self._request()
        request.action_submit()
        for user in (self.requester, self.service):
            with self.assertRaises(AccessError):
                request.with_user(user).write({"state": "approved"})
            with self.assertRaises(AccessError):
                request.with_user(user).write({"content_hash": "0" * 64})

    def test_nobody_creates_a_request_already_approved(self):
        with self.assertRaises(AccessError):
            self._request(user=self.service, state="approved", approved_by_id=self.service.id)
        with self.assertRaises(AccessError):
            self.env["esc.mass.communication"].with_user(self.service).with_context(
                default_state="approved"
            ).create({"name": "By context"})

    def test_a_client_sending_the_workflows_initial_values_is_not_refused(self):
        request = self._request(state="draft", reject_reason=False, approved_by_id=False)
        request.with_user(self.requester).write({"state": "draft", "name": "Same state"})
        self.assertEqual(request.state, "draft")

    def test_approval_stamps_the_signature_and_records_approver_time_and_fingerprint(self):
        self.env.company.esc_service_signature = "<p>Servicio al Cliente ESENTTIA</p>"
        request = self._approved_request()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_by_id, self.service)
        self.assertTrue(request.approved_at)
        self.assertIn("Servicio al Cliente ESENTTIA", request.body)
        self.assertEqual(request.content_hash, request._esc_fingerprint())

    def test_a_cosmetic_re_save_keeps_the_approval(self):
        request = self._approved_request()
        restyled = request.body.replace(
            "<p>Dear", '<div><p style="color: #333; font-size: 14px">Dear'
        ).replace("</p>", "</p></div>", 1)
        request.with_user(self.requester).write({"body": restyled})
        self.assertEqual(request.state, "approved")

    def test_a_real_change_after_approval_sends_it_back_to_submitted(self):
        request = self._approved_request()
        request.with_user(self.requester).write(
            {"body": request.body.replace("1 February", "1 March")}
        )
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.approved_by_id)
        self.assertFalse(request.content_hash)

    def test_a_new_attachment_after_approval_is_a_real_change(self):
        request = self._approved_request()
        attachment = self.env["ir.attachment"].create({"name": "prices.csv", "raw": b"a;b"})
        request.with_user(self.requester).write({"attachment_ids": [(4, attachment.id)]})
        self.assertEqual(request.state, "submitted")

    def test_customer_service_rejects_with_a_reason(self):
        request = self._request()
        request.action_submit()
        wizard = (
            self.env["esc.mass.communication.reject.wizard"]
            .with_user(self.service)
            .create({"request_ids": [(6, 0, request.ids)], "reason": "Not for key accounts."})
        )
        wizard.action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.reject_reason, "Not for key accounts.")

    def test_a_marketer_does_not_reject(self):
        request = self._request()
        request.action_submit()
        with self.assertRaises(AccessError):
            request.with_user(self.marketer).action_reject()

    def test_an_employee_does_not_change_another_employees_request(self):
        request = self._request()
        with self.assertRaises(AccessError):
            request.with_user(self.marketer).write({"name": "Mine now"})
        self.assertEqual(request.with_user(self.marketer).name, "Price list 2027")

    def test_create_mailing_prepares_audience_and_approved_content(self):
        request = self._approved_request()
        mailing = self._mailing_of(request)
        self.assertEqual(mailing.esc_mass_communication_id, request)
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        recipients = self.env["res.partner"].search(mailing._get_recipients_domain())
        self.assertEqual(recipients, self.customer_company | self.customer_contact)
        self.assertEqual(mailing._esc_fingerprint(), request.content_hash)

    def test_a_request_not_approved_has_no_mailing_to_create(self):
        request = self._request()
        with self.assertRaises(UserError):
            request.with_user(self.service).action_create_mailing()

    def test_a_letter_is_recorded_as_sent_by_customer_service(self):
        request = self._approved_request(medium="letter")
        with self.assertRaises(AccessError):
            request.with_user(self.requester).action_mark_sent()
        request.with_user(self.service).action_mark_sent()
        self.assertEqual(request.state, "sent")
        self.assertTrue(request.sent_at)

    def test_a_sent_request_keeps_its_content(self):
        request = self._approved_request(medium="letter")
        request.with_user(self.service).action_mark_sent()
        with self.assertRaises(UserError):
            request.with_user(self.service).write({"body": "<p>Other</p>"})

    def test_a_decided_request_is_not_deleted(self):
        request = self._approved_request()
        with self.assertRaises(UserError):
            request.with_user(self.requester).unlink()

    def test_the_same_source_key_twice_is_refused(self):
        self._request(source_system="crm", source_key="K-1")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._request(source_system="crm", source_key="K-1")
            self.env.flush_all()
