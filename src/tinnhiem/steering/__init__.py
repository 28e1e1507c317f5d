"""The steering core (pure: no Django): task status at a date and the by-agency table, targets
against plan, inspection and discipline figures, and watched cases' flow. The `programmes` app
stores what these functions read; commands and reports call them."""

from tinnhiem.steering.cases import CaseDates, Flow, flow
from tinnhiem.steering.errors import FigureError, SteeringError, ValueProblem
from tinnhiem.steering.indicators import (
    Assessment,
    Direction,
    Verdict,
    parse_amount,
    parse_direction,
    percent_of_plan,
    verdict,
)
from tinnhiem.steering.inspection import Activity, FigureRow, Subject, check_row, check_rows
from tinnhiem.steering.tasks import (
    AgencyReport,
    AgencyRow,
    Basis,
    Part,
    ReportTask,
    State,
    TaskDates,
    by_agency,
    days_late,
    is_due,
    rolled_up,
    state_on,
    task_progress,
)

__all__ = [
    "Activity",
    "AgencyReport",
    "AgencyRow",
    "Assessment",
    "Basis",
    "CaseDates",
    "Direction",
    "FigureError",
    "FigureRow",
    "Flow",
    "Part",
    "ReportTask",
    "State",
    "SteeringError",
    "Subject",
    "TaskDates",
    "ValueProblem",
    "Verdict",
    "by_agency",
    "check_row",
    "check_rows",
    "days_late",
    "flow",
    "is_due",
    "parse_amount",
    "parse_direction",
    "percent_of_plan",
    "rolled_up",
    "state_on",
    "task_progress",
    "verdict",
]
