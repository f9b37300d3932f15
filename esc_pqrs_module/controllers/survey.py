# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class EscVocSurvey(Survey):
    """A survey link carries its answer's token, and whoever holds it answers (customers answer
    from the e-mail without logging in). The survey module does not check, on its print page,
    that a logged-in user is the customer who answered: a Voice-of-the-Customer answer is shown
    to a logged-in user only when it is theirs or they may read it (Customer Service, Quality,
    the customer's salesperson), so a portal customer never reads another customer's answers."""

    def _check_validity(self, survey_token, answer_token, ensure_token=True, check_partner=True):
        validity = super()._check_validity(
            survey_token, answer_token, ensure_token=ensure_token, check_partner=check_partner
        )
        if validity is not True:
            return validity
        answer_sudo = self._fetch_from_access_token(survey_token, answer_token)[1]
        user = request.env.user
        if (
            answer_sudo.esc_voc_campaign_id
            and answer_sudo.partner_id
            and not user._is_public()
            and answer_sudo.partner_id != user.partner_id
            and not answer_sudo.with_user(user).has_access("read")
        ):
            return "answer_wrong_user"
        return True
