from . import test_deadline_engine
from . import test_deadline_batch
from . import test_holiday_loader
from . import test_pqrs_calendar
from . import test_ui_menus
from . import test_configuration
from . import test_pqrs_case
from . import test_pqrs_roles
