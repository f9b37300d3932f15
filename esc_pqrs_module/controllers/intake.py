# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customers file a PQRS themselves, on the portal or on the public web form, and follow it
with its radicado and their e-mail. The checks are the model's (``esc_pqrs_intake``); the
pages only gather the input and show the answer. Forms post with Odoo's CSRF token."""

from odoo import _, http
from odoo.http import request

#: The fields every form sends; the portal's customer is the visitor, never a posted value.
CASE_FIELDS = ("type_id", "subject", "description", "consent")
IDENTITY_FIELDS = ("name", "id_number", "email", "phone")
PORTAL_CHANNEL = "esc_pqrs_module.esc_channel_portal"
WEB_FORM_CHANNEL = "esc_pqrs_module.esc_channel_web_form"
#: A field people do not see and robots fill in.
HONEYPOT = "website"


def consent_text():
    """The consent the forms show and the case records, in the visitor's language."""
    return _(
        "I authorize the company to process my personal data to register, answer and follow "
        "up this request, under Ley 1581 de 2012 and its privacy policy. I may know, update, "
        "correct or ask to delete them at any time through Customer Service."
    )


def uploaded_files():
    """The files of the form's attachment input, as (name, content)."""
    return [
        (upload.filename, upload.read())
        for upload in request.httprequest.files.getlist("attachments")
        if upload.filename
    ]


def form_values(post, names):
    return {name: post.get(name) or "" for name in names}


class EscPqrsPublicIntake(http.Controller):
    @http.route("/pqrs/new", type="http", auth="public", website=True, methods=["GET", "POST"])
    def pqrs_public_new(self, **post):
        cases = request.env["esc.pqrs"]
        form = form_values(post, CASE_FIELDS + IDENTITY_FIELDS)
        errors = {}
        if request.httprequest.method == "POST":
            if post.get(HONEYPOT):
                return request.render("esc_pqrs_module.pqrs_public_filed", {"pqrs_case": None})
            throttle = request.env["esc.pqrs.intake.throttle"].sudo()
            if not throttle._esc_admit("filing", request.httprequest.remote_addr, form["email"]):
                errors["form"] = _("Too many requests: please try again in a few minutes.")
            else:
                files = uploaded_files()
                errors = cases._esc_web_form_errors(form, files, public=True)
            if not errors:
                customer = cases._esc_public_customer(form)
                case = cases._esc_file_from_web(
                    form, files, customer, WEB_FORM_CHANNEL, consent_text()
                )
                return request.render(
                    "esc_pqrs_module.pqrs_public_filed",
                    {
                        "pqrs_case": case.sudo(),
                        "legal_due_date": case.sudo()._esc_legal_due_date(),
                        "follow_url": case.sudo().get_portal_url(),
                    },
                )
        return request.render(
            "esc_pqrs_module.pqrs_public_new",
            {
                "form": form,
                "errors": errors,
                "pqrs_types": cases._esc_web_types(),
                "consent_text": consent_text(),
            },
            status=429 if "form" in errors else 200,
        )

    @http.route("/pqrs/consult", type="http", auth="public", website=True, methods=["GET", "POST"])
    def pqrs_consult(self, radicado="", email="", **post):
        error = None
        if request.httprequest.method == "POST":
            throttle = request.env["esc.pqrs.intake.throttle"].sudo()
            if not throttle._esc_admit("consult", request.httprequest.remote_addr, email):
                error = _("Too many requests: please try again in a few minutes.")
            else:
                case = request.env["esc.pqrs"]._esc_consulted_case(radicado, email)
                if case:
                    return request.redirect(case.get_portal_url())
                error = _("No PQRS matches this filing number and e-mail.")
        return request.render(
            "esc_pqrs_module.pqrs_consult",
            {"radicado": radicado, "email": email, "error": error},
            status=429 if error and "Too many" in error else 200,
        )
