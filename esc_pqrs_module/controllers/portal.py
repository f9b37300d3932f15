# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer portal: a customer's contacts follow their company's PQRS cases and write on them."""

from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .intake import CASE_FIELDS, PORTAL_CHANNEL, consent_text, form_values, uploaded_files

PQRS_HISTORY = "my_pqrs_history"


class EscPqrsCustomerPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pqrs_count" in counters:
            cases = request.env["esc.pqrs"]
            values["pqrs_count"] = (
                cases.search_count(self._esc_pqrs_domain()) if cases.has_access("read") else 0
            )
        return values

    def _esc_pqrs_domain(self):
        """The cases of the visitor's company: what "my PQRS" means, for customers and staff
        alike (record rules still decide what each of them may read)."""
        commercial_partner = request.env.user.partner_id.commercial_partner_id
        return [("commercial_partner_id", "=", commercial_partner.id)]

    def _esc_pqrs_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "received_at desc, id desc"},
            "name": {"label": _("Filing Number"), "order": "name, id"},
            "stage": {"label": _("Stage"), "order": "stage_id, received_at desc, id desc"},
        }

    @http.route(["/my/pqrs", "/my/pqrs/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_pqrs_cases(self, page=1, sortby=None, **kw):
        cases = request.env["esc.pqrs"]
        if not cases.has_access("read"):
            return request.redirect("/my")
        domain = self._esc_pqrs_domain()
        sortings = self._esc_pqrs_sortings()
        if sortby not in sortings:
            sortby = "date"
        pager = portal_pager(
            url="/my/pqrs",
            url_args={"sortby": sortby},
            total=cases.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        # Searched with the visitor's rights; shown in sudo, since customers may read the
        # cases themselves but not the configuration records (type, stage) they point to.
        cases = cases.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session[PQRS_HISTORY] = cases.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "pqrs_cases": cases.sudo(),
                "page_name": "pqrs",
                "default_url": "/my/pqrs",
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
            }
        )
        return request.render("esc_pqrs_module.portal_my_pqrs_cases", values)

    @http.route("/my/pqrs/new", type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_my_pqrs_new(self, **post):
        """A customer files a PQRS for its company: the customer is the visitor, whatever
        the form says."""
        cases = request.env["esc.pqrs"]
        form = form_values(post, CASE_FIELDS)
        errors = {}
        if request.httprequest.method == "POST":
            files = uploaded_files()
            errors = cases._esc_web_form_errors(form, files, public=False)
            if not errors:
                case = cases._esc_file_from_web(
                    form, files, request.env.user.partner_id, PORTAL_CHANNEL, consent_text()
                )
                return request.redirect(f"/my/pqrs/{case.id}?filed=1")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "pqrs",
                "pqrs_case": None,
                "form": form,
                "errors": errors,
                "pqrs_types": cases._esc_web_types(),
                "consent_text": consent_text(),
            }
        )
        return request.render("esc_pqrs_module.portal_my_pqrs_new", values)

    @http.route(["/my/pqrs/<int:pqrs_id>"], type="http", auth="public", website=True)
    def portal_my_pqrs_case(self, pqrs_id, access_token=None, **kw):
        try:
            case_sudo = self._document_check_access("esc.pqrs", pqrs_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._esc_pqrs_page_view_values(case_sudo, access_token, **kw)
        values["esc_filed"] = bool(kw.get("filed"))
        return request.render("esc_pqrs_module.portal_my_pqrs_case", values)

    @http.route(
        "/my/pqrs/<int:pqrs_id>/response/<int:response_id>",
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_pqrs_response(self, pqrs_id, response_id, access_token=None, **kw):
        """The document of an official response, as it was sent, to whoever may open the
        case's page (its company's portal users, or the case's access token): customers
        may not read attachments themselves, so the case's access is checked here."""
        try:
            case_sudo = self._document_check_access("esc.pqrs", pqrs_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        response = case_sudo.response_ids.filtered(lambda sent: sent.id == response_id)
        if not response.report_attachment_id:
            raise request.not_found()
        stream = request.env["ir.binary"]._get_stream_from(response.report_attachment_id)
        return stream.get_response(as_attachment=True)

    def _esc_pqrs_page_view_values(self, case_sudo, access_token, **kwargs):
        """The case as the customer sees it: the legal due date, never the service levels,
        which are the company's internal targets. Dates are those of the case's calendar,
        the one its terms are counted in."""
        calendar = case_sudo.company_id.esc_pqrs_calendar_id
        legal = case_sudo.deadline_ids.filtered(lambda line: line.kind == "legal")
        values = {
            "page_name": "pqrs",
            "pqrs_case": case_sudo,
            "pqrs_tz": calendar.tz or "UTC",
            "legal_due_date": calendar._esc_local_date(legal.due_at) if legal else False,
            "pqrs_responses": case_sudo.response_ids,
            "pqrs_access_token": access_token,
        }
        return self._get_page_view_values(
            case_sudo, access_token, values, PQRS_HISTORY, False, **kwargs
        )
