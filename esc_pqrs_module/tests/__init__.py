from . import test_deadline_engine
from . import test_deadline_batch
from . import test_holiday_loader
