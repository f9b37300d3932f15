from . import resource_calendar
from . import res_company
