from . import esc_holiday_load_wizard
from . import esc_pqrs_extension_wizard
from . import esc_pqrs_remission_wizard
from . import esc_pqrs_completion_wizard
from . import esc_pqrs_escalation_wizard
from . import esc_pqrs_escalation_answer_wizard
from . import esc_pqrs_response_wizard
from . import esc_pqrs_compliance_report
