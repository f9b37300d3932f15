from . import portal
from . import intake
from . import survey
