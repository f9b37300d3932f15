from . import esc_holiday_load_wizard
