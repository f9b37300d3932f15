# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A request for documents not answered within its term is deemed accepted (art. 14 num. 1):
the case shows it, with the documents due 3 business days after the term ended."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import bogota
from .test_pqrs_case import EscPqrsProcedureCase

# Received Wednesday 30 Dec 2026: 10 business days end Friday 15 Jan 2027; 3 more end
# Wednesday 20 Jan.
LEGAL_DUE = datetime(2027, 1, 16, 4, 59, 59)
DOCUMENTS_DUE = datetime(2027, 1, 21, 4, 59, 59)


@tagged("post_install", "-at_install")
class TestPqrsDeemedAcceptance(EscPqrsProcedureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.documents_type = cls.env.ref("esc_pqrs_module.esc_pqrs_type_information")
        with freeze_time(bogota(2026, 12, 30, 11, 0)):
            cls.case = cls._register(
                cls, bogota(2026, 12, 30, 10, 0), type_id=cls.documents_type.id
            )

    def _run_job_at(self, moment):
        with freeze_time(moment):
            self.env["esc.pqrs"]._cron_esc_follow_legal_time()

    def test_documents_request_is_not_deemed_accepted_on_its_last_day(self):
        self._run_job_at(bogota(2027, 1, 15, 23, 59))
        self.assertFalse(self.case.is_deemed_accepted)

    def test_documents_request_is_deemed_accepted_once_its_term_ended(self):
        self._run_job_at(bogota(2027, 1, 16, 0, 0, 1))
        self.assertTrue(self.case.is_deemed_accepted)

    def test_documents_are_due_three_business_days_after_the_term(self):
        self._run_job_at(bogota(2027, 1, 16, 0, 0, 1))
        self.assertEqual(self.case.documents_due_at, DOCUMENTS_DUE)
        self.assertEqual(self._lines(self.case)["documents"].due_at, DOCUMENTS_DUE)

    def test_deemed_acceptance_is_recorded_with_both_dates(self):
        self._run_job_at(bogota(2027, 1, 16, 0, 0, 1))
        procedure = self.case.procedure_ids
        self.assertRecordValues(
            procedure,
            [
                {
                    "kind": "deemed_acceptance",
                    "due_before": LEGAL_DUE,
                    "due_after": DOCUMENTS_DUE,
                }
            ],
        )

    def test_customer_is_told_the_documents_date_with_the_signature(self):
        self._run_job_at(bogota(2027, 1, 16, 0, 0, 1))
        notice = self.case.procedure_ids.notice_id
        self.assertIn(self.contact, notice.partner_ids)
        for expected in (self.case.name, "01/15/2027", "01/20/2027", "Plásticos ESC"):
            self.assertIn(expected, notice.body)

    def test_deemed_acceptance_is_recorded_once(self):
        self._run_job_at(bogota(2027, 1, 16, 0, 0, 1))
        self._run_job_at(bogota(2027, 1, 16, 1, 0, 1))
        self.assertEqual(len(self.case.procedure_ids), 1)

    def test_a_claim_past_its_term_is_not_deemed_accepted(self):
        with freeze_time(bogota(2026, 12, 30, 11, 0)):
            claim = self._register(bogota(2026, 12, 30, 10, 0))
        self._run_job_at(bogota(2027, 2, 1, 9, 0))
        self.assertFalse(claim.is_deemed_accepted)

    def test_answered_documents_request_is_not_deemed_accepted(self):
        with freeze_time(bogota(2027, 1, 14, 9, 0)):
            self._answer(self.case)
        self._run_job_at(bogota(2027, 1, 18, 9, 0))
        self.assertFalse(self.case.is_deemed_accepted)

    def test_answering_a_deemed_accepted_case_meets_the_documents_deadline(self):
        self._run_job_at(bogota(2027, 1, 16, 0, 0, 1))
        with freeze_time(bogota(2027, 1, 19, 9, 0)):
            self._answer(self.case)
        documents = self._lines(self.case)["documents"]
        self.assertEqual((documents.state, documents.is_met_late), ("met", False))
